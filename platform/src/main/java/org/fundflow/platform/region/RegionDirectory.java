package org.fundflow.platform.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fundflow.contracts.Level;
import org.springframework.core.io.ClassPathResource;

/**
 * The GB/T 2260 regions bundled in {@code reference/regions.csv}, read once at startup into an immutable tree.
 * Reference data changes with a release, not at runtime, so there is no table and no write API. Every service
 * has it: scope checks ask whether a resource's region lies in the caller's subtree.
 */
public class RegionDirectory {
    static final String RESOURCE = "reference/regions.csv";

    private final Map<String, Region> byCode;
    private final Map<String, List<Region>> children;

    /** The regions bundled with the platform (every service shares them). */
    public static RegionDirectory bundled() {
        return new RegionDirectory(open());
    }

    RegionDirectory(InputStream csv) {
        Map<String, String[]> rows = read(csv);
        Map<String, Region> regions = new LinkedHashMap<>();
        for (String code : rows.keySet()) {
            resolve(code, rows, regions, new HashSet<>());
        }
        Map<String, List<Region>> kids = new LinkedHashMap<>();
        for (Region r : regions.values()) {
            kids.computeIfAbsent(r.code(), c -> new ArrayList<>());
            if (r.parentCode() != null) {
                kids.computeIfAbsent(r.parentCode(), c -> new ArrayList<>()).add(r);
            }
        }
        kids.replaceAll((code, list) -> list.stream().sorted(Comparator.comparing(Region::code)).toList());
        this.byCode = Map.copyOf(regions);
        this.children = Map.copyOf(kids);
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /** The direct children, by code; empty for an unknown code. */
    public List<Region> children(String code) {
        return children.getOrDefault(code, List.of());
    }

    /** True if {@code code} is {@code ancestor} itself or lies anywhere below it. */
    public boolean isInSubtree(String code, String ancestor) {
        Region r = byCode.get(code);
        while (r != null) {
            if (r.code().equals(ancestor)) {
                return true;
            }
            r = r.parentCode() == null ? null : byCode.get(r.parentCode());
        }
        return false;
    }

    /** {@code code} and every region below it; empty for an unknown code. */
    public Set<String> subtree(String code) {
        Set<String> out = new HashSet<>();
        if (!byCode.containsKey(code)) {
            return out;
        }
        List<String> todo = new ArrayList<>(List.of(code));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            out.add(next);
            children(next).forEach(c -> todo.add(c.code()));
        }
        return out;
    }

    public int size() {
        return byCode.size();
    }

    private static Region resolve(String code, Map<String, String[]> rows, Map<String, Region> done,
            Set<String> visiting) {
        Region known = done.get(code);
        if (known != null) {
            return known;
        }
        if (!visiting.add(code)) {
            throw new IllegalStateException(RESOURCE + ": cycle through region " + code);
        }
        String[] row = rows.get(code);
        String parentCode = row[2].isEmpty() ? null : row[2];
        Level level;
        if (parentCode == null) {
            if (!code.equals(Region.CENTRE)) {
                throw new IllegalStateException(RESOURCE + ": only " + Region.CENTRE + " may lack a parent, not " + code);
            }
            level = Level.CENTRAL;
        } else {
            if (!rows.containsKey(parentCode)) {
                throw new IllegalStateException(RESOURCE + ": region " + code + " has unknown parent " + parentCode);
            }
            Level parentLevel = resolve(parentCode, rows, done, visiting).level();
            level = switch (parentLevel) {
                case CENTRAL -> Level.PROVINCIAL;
                case PROVINCIAL -> Level.CITY;
                case CITY, COUNTY -> Level.COUNTY;
            };
        }
        Region region = new Region(code, row[1], parentCode, level);
        done.put(code, region);
        return region;
    }

    private static Map<String, String[]> read(InputStream csv) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals("code,name,parent_code")) {
                throw new IllegalStateException(RESOURCE + ": expected header code,name,parent_code");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != 3 || !cells[0].matches("[0-9]{6}") || cells[1].isBlank()
                        || !(cells[2].isEmpty() || cells[2].matches("[0-9]{6}"))) {
                    throw new IllegalStateException(RESOURCE + " line " + number + " is malformed: " + line);
                }
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].strip();
                }
                if (rows.put(cells[0], cells) != null) {
                    throw new IllegalStateException(RESOURCE + ": region " + cells[0] + " appears twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!rows.containsKey(Region.CENTRE)) {
            throw new IllegalStateException(RESOURCE + ": the centre " + Region.CENTRE + " is missing");
        }
        return rows;
    }

    private static InputStream open() {
        try {
            return new ClassPathResource(RESOURCE).getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
