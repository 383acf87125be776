package org.fundflow.reporting.finalaccounts;

import java.io.IOException;
import java.io.InputStream;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fundflow.reporting.classification.Classifications;
import org.fundflow.reporting.classification.Tier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table layouts of the places that publish, loaded once at start-up from
 * {@code classpath:finalaccounts/layouts/index.json} (the list of layout files) and checked strictly: a defective
 * layout stops the start rather than printing a wrong table later. Exactly one layout is the default (离石 2022's),
 * used wherever no layout names the org's region and year.
 *
 * <p>Choosing a layout for an org in region R and year Y: among the layouts covering Y whose regions contain R, the
 * one with the most specific region (a county before its city before its province), then the narrowest span of
 * years, then the id.
 */
@Component
class Layouts {
    static final String INDEX = "finalaccounts/layouts/index.json";
    private static final Pattern REGION = Pattern.compile("[0-9]{6}");
    private static final Pattern NUMBER = Pattern.compile("\\S{1,20}");

    private final List<Layout> layouts;
    private final Layout defaultLayout;

    @Autowired
    Layouts(Classifications classifications) {
        this(load(INDEX), classifications);
    }

    Layouts(List<JsonNode> files, Classifications classifications) {
        List<Layout> parsed = new ArrayList<>();
        for (JsonNode file : files) {
            parsed.add(parse(file, classifications));
        }
        Set<String> ids = new HashSet<>();
        for (Layout l : parsed) {
            if (!ids.add(l.id())) {
                throw new IllegalStateException("final-accounts layout " + l.id() + " is defined twice");
            }
        }
        List<Layout> defaults = parsed.stream().filter(Layout::isDefault).toList();
        if (defaults.size() != 1) {
            throw new IllegalStateException("exactly one final-accounts layout must be the default, found "
                    + defaults.size());
        }
        this.layouts = List.copyOf(parsed);
        this.defaultLayout = defaults.get(0);
    }

    List<Layout> all() {
        return layouts;
    }

    Layout defaultLayout() {
        return defaultLayout;
    }

    Optional<Layout> byId(String id) {
        return layouts.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The layout for an org of {@code regionCode} (null when unknown) in {@code fiscalYear}. */
    Layout forOrg(String regionCode, int fiscalYear) {
        if (regionCode == null) {
            return defaultLayout;
        }
        record Candidate(Layout layout, int specificity) {
        }
        return layouts.stream().filter(l -> l.covers(fiscalYear))
                .flatMap(l -> l.regions().stream().filter(r -> regionCode.startsWith(prefix(r)))
                        .map(r -> new Candidate(l, prefix(r).length())))
                .max(Comparator.comparingInt(Candidate::specificity)
                        .thenComparing(c -> -(c.layout().toYear() - c.layout().fromYear()))
                        .thenComparing(c -> c.layout().id(), Comparator.reverseOrder()))
                .map(Candidate::layout).orElse(defaultLayout);
    }

    /** The code prefix of a region's subtree: 141102 → 141102, 140500 → 1405, 140000 → 14, 000000 → "". */
    static String prefix(String region) {
        String p = region;
        while (p.endsWith("00") && !p.isEmpty()) {
            p = p.substring(0, p.length() - 2);
        }
        return p;
    }

    private static List<JsonNode> load(String index) {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode names = read(json, index);
        if (!names.isArray() || names.isEmpty()) {
            throw new IllegalStateException(index + " must be a non-empty JSON array of layout file names");
        }
        String dir = index.substring(0, index.lastIndexOf('/') + 1);
        List<JsonNode> files = new ArrayList<>();
        for (JsonNode name : names) {
            files.add(read(json, dir + name.asString()));
        }
        return files;
    }

    private static JsonNode read(JsonMapper json, String resource) {
        try (InputStream in = Layouts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("final-accounts layout resource " + resource + " is missing");
            }
            return json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("final-accounts layout " + resource + " is not valid JSON: "
                    + e.getMessage(), e);
        }
    }

    static Layout parse(JsonNode node, Classifications classifications) {
        String id = text(node, "id", "?");
        String where = "final-accounts layout " + id + ": ";
        Set<String> known = Set.of("id", "name", "default", "regions", "fromYear", "toYear", "startOfYearBudgetBy",
                "expenditureClasses", "personnelClasses", "officeOperationClasses", "tables",
                "description");
        node.propertyNames().forEach(f -> {
            if (!known.contains(f)) {
                throw new IllegalStateException(where + "unknown field '" + f + "'");
            }
        });
        List<String> regions = strings(node, "regions", where);
        for (String r : regions) {
            if (!REGION.matcher(r).matches()) {
                throw new IllegalStateException(where + "a region is a six-digit GB/T 2260 code, not '" + r + "'");
            }
        }
        int fromYear = integer(node, "fromYear", where);
        int toYear = integer(node, "toYear", where);
        if (fromYear > toYear || fromYear < 1990 || toYear > 2100) {
            throw new IllegalStateException(where + "fromYear..toYear must be a span of years within 1990–2100");
        }
        MonthDay by;
        try {
            by = MonthDay.parse("--" + text(node, "startOfYearBudgetBy", where));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + "startOfYearBudgetBy must be MM-DD, e.g. 03-31");
        }
        List<String> classes = strings(node, "expenditureClasses", where);
        for (String c : classes) {
            if (Tier.of(c) != Tier.CLASS || !classifications.functional().contains(c)) {
                throw new IllegalStateException(where + "expenditureClasses: " + c
                        + " is not a 类 of the function classification");
            }
        }
        List<String> personnel = strings(node, "personnelClasses", where);
        List<String> office = strings(node, "officeOperationClasses", where);
        for (String c : concat(personnel, office)) {
            if (Tier.of(c) != Tier.CLASS || !classifications.economic().contains(c)) {
                throw new IllegalStateException(where + c + " is not a 类 of the economic classification");
            }
        }
        List<Layout.TableSpec> tables = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        Set<TableKind> kinds = EnumSet.noneOf(TableKind.class);
        for (JsonNode t : node.path("tables")) {
            String number = text(t, "number", where);
            if (!NUMBER.matcher(number).matches() || number.endsWith("表")) {
                throw new IllegalStateException(where + "table number '" + number + "' must be short, without "
                        + "spaces and without the trailing 表 (公开07, not 公开07表)");
            }
            String kindId = text(t, "kind", where);
            TableKind kind = TableKind.of(kindId).orElseThrow(() -> new IllegalStateException(where
                    + "unknown table kind '" + kindId + "'"));
            if (!numbers.add(number)) {
                throw new IllegalStateException(where + "table number " + number + " is used twice");
            }
            if (!kinds.add(kind)) {
                throw new IllegalStateException(where + "table kind " + kindId + " is listed twice");
            }
            boolean basicOnly = t.path("basicOnly").asBoolean(false);
            if (basicOnly && kind != TableKind.EXPENDITURE_BY_ECONOMIC_CODE) {
                throw new IllegalStateException(where + "basicOnly applies to expenditure-by-economic-code only");
            }
            String name = t.hasNonNull("name") ? t.get("name").asString() : kind.defaultName();
            String note = t.hasNonNull("note") ? t.get("note").asString() : kind.defaultNote();
            tables.add(new Layout.TableSpec(number, kind, name, note, basicOnly));
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException(where + "lists no tables");
        }
        return new Layout(id, text(node, "name", where), node.path("default").asBoolean(false), regions, fromYear,
                toYear, by, classes, personnel, office, tables);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new IllegalStateException(where + "'" + field + "' is required (a string)");
        }
        return v.asString().strip();
    }

    private static int integer(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isInt()) {
            throw new IllegalStateException(where + "'" + field + "' is required (a whole number)");
        }
        return v.asInt();
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalStateException(where + "'" + field + "' is required (an array of strings)");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw new IllegalStateException(where + "'" + field + "' holds only strings");
            }
            if (!seen.add(e.asString())) {
                throw new IllegalStateException(where + "'" + field + "' lists " + e.asString() + " twice");
            }
            out.add(e.asString());
        }
        return out;
    }
}
