package org.fundflow.reporting.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable classification (科目表): lookup by code, parent, path 类 → 款 → 项, children in code order.
 * Loaded once from a bundled CSV ({@code code,name,parent_code}); the file is checked strictly on load (a parent
 * must exist and be the code's own prefix, tiers must be 3/5/7 digits, no duplicates) so a typo in the data fails
 * the service's start instead of silently mis-rolling figures up.
 */
public final class Classification {
    private static final String HEADER = "code,name,parent_code";

    private final String name;
    private final Map<String, Subject> byCode;
    private final Map<String, List<Subject>> children;
    private final List<Subject> classes;

    private Classification(String name, Map<String, Subject> byCode) {
        this.name = name;
        this.byCode = Collections.unmodifiableMap(byCode);
        Map<String, List<Subject>> kids = new TreeMap<>();
        List<Subject> roots = new ArrayList<>();
        for (Subject s : byCode.values()) {
            if (s.parentCode() == null) {
                roots.add(s);
            } else {
                kids.computeIfAbsent(s.parentCode(), k -> new ArrayList<>()).add(s);
            }
        }
        kids.replaceAll((k, v) -> List.copyOf(v));
        this.children = Collections.unmodifiableMap(kids);
        this.classes = List.copyOf(roots);
    }

    /** Loads {@code classpath:<resource>}; any defect in the file is an {@link IllegalStateException}. */
    public static Classification load(String name, String resource) {
        InputStream in = Classification.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("classification " + name + ": classpath resource " + resource
                    + " is missing");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(name, reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Classification parse(String name, List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).strip().replace("\uFEFF", "").equals(HEADER)) {
            throw new IllegalStateException("classification " + name + ": the first line must be " + HEADER);
        }
        // Sorted by code, so a parent always precedes its children and iteration is in published order.
        Map<String, Subject> byCode = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "classification " + name + " line " + (i + 1) + " (" + line + "): ";
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                throw new IllegalStateException(where + "expected 3 fields code,name,parent_code");
            }
            String code = f[0].strip();
            String subjectName = f[1].strip();
            String parent = f[2].strip().isEmpty() ? null : f[2].strip();
            Tier tier = Tier.of(code);
            if (tier == null) {
                throw new IllegalStateException(where + "a code is 3, 5 or 7 digits");
            }
            if (subjectName.isEmpty()) {
                throw new IllegalStateException(where + "the name is empty");
            }
            String expectedParent = tier == Tier.CLASS ? null : code.substring(0, code.length() - 2);
            if (!java.util.Objects.equals(parent, expectedParent)) {
                throw new IllegalStateException(where + "the parent of " + code + " must be "
                        + (expectedParent == null ? "empty (a 类 has none)" : expectedParent));
            }
            if (byCode.putIfAbsent(code, new Subject(code, subjectName, parent, tier)) != null) {
                throw new IllegalStateException(where + "duplicate code " + code);
            }
        }
        for (Subject s : byCode.values()) {
            if (s.parentCode() != null && !byCode.containsKey(s.parentCode())) {
                throw new IllegalStateException("classification " + name + ": the parent " + s.parentCode()
                        + " of " + s.code() + " is not listed");
            }
        }
        return new Classification(name, new LinkedHashMap<>(byCode));
    }

    public String name() {
        return name;
    }

    public Optional<Subject> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public boolean contains(String code) {
        return code != null && byCode.containsKey(code);
    }

    /** The name of a listed code, else null. */
    public String nameOf(String code) {
        Subject s = code == null ? null : byCode.get(code);
        return s == null ? null : s.name();
    }

    public Optional<Subject> parentOf(String code) {
        return find(code).map(Subject::parentCode).map(byCode::get);
    }

    /** The tier of any well-formed code, listed or not (it follows from the length). */
    public Tier tierOf(String code) {
        return Tier.of(code);
    }

    /**
     * 类 → 款 → 项 down to {@code code} itself, e.g. [210 卫生健康支出, 21013 医疗救助, 2101301 城乡医疗救助]; empty if
     * the code is not listed.
     */
    public List<Subject> path(String code) {
        Subject s = code == null ? null : byCode.get(code);
        if (s == null) {
            return List.of();
        }
        List<Subject> path = new ArrayList<>(3);
        for (Subject at = s; at != null; at = at.parentCode() == null ? null : byCode.get(at.parentCode())) {
            path.add(0, at);
        }
        return List.copyOf(path);
    }

    /** The 类, in code order. */
    public List<Subject> classes() {
        return classes;
    }

    /** The 款 of a 类 or the 项 of a 款, in code order. */
    public List<Subject> childrenOf(String code) {
        return children.getOrDefault(code, List.of());
    }

    /** Every subject, in code order. */
    public List<Subject> all() {
        return List.copyOf(byCode.values());
    }

    public int size() {
        return byCode.size();
    }
}
