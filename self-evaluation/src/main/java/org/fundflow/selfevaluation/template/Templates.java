package org.fundflow.selfevaluation.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Loads templates from JSON. Three ship with the module: {@value #NATIONAL_2020} (the default),
 * {@value #JINZHONG_2020_SCORECARD} and {@value #LISHI_2022}.
 */
public final class Templates {
    public static final String NATIONAL_2020 = "national-2020";
    public static final String JINZHONG_2020_SCORECARD = "jinzhong-2020-scorecard";
    public static final String LISHI_2022 = "lishi-2022";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Map<String, Template> SHIPPED = new ConcurrentHashMap<>();

    private Templates() {
    }

    /** The national template of 财预〔2020〕10号. */
    public static Template national() {
        return load(NATIONAL_2020);
    }

    /**
     * A template shipped with the module, by name.
     *
     * @throws IllegalArgumentException if there is no such template
     */
    public static Template load(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a template name (lower case, digits, '-')");
        }
        return SHIPPED.computeIfAbsent(name, Templates::read);
    }

    /** A template from its JSON text (for templates kept elsewhere than in this module). */
    public static Template parse(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a template is a JSON object");
        }
        return fromMap(new Fields("template", map));
    }

    private static Template read(String name) {
        try (InputStream in = Templates.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no template named '" + name + "'; shipped: " + NATIONAL_2020
                        + ", " + JINZHONG_2020_SCORECARD + ", " + LISHI_2022);
            }
            Template t = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!t.name().equals(name)) {
                throw new IllegalStateException("template file " + name + ".json names itself '" + t.name() + "'");
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Absent optional settings take the national values, so a local template need only state how it differs.
    private static Template fromMap(Fields f) {
        f.only("name", "title", "source", "execution", "groups", "farExceededPercent", "notApplicable", "tiers",
                "grades");
        String name = f.string("name", true);
        Fields ex = f.object("execution", true);
        ex.only("label", "weight", "inTotal", "group");
        Template.Execution execution = new Template.Execution(ex.stringOr("label", "预算执行率"),
                ex.number("weight", true), ex.booleanOr("inTotal", true), ex.string("group", false));
        List<Template.Group> groups = new ArrayList<>();
        for (Fields g : f.objects("groups")) {
            g.only("name", "weight", "aliases");
            groups.add(new Template.Group(g.string("name", true), g.number("weight", false), g.strings("aliases")));
        }
        BigDecimal farExceeded = f.numberOr("farExceededPercent", BigDecimal.valueOf(120));
        Template.NotApplicable na;
        try {
            na = Template.NotApplicable.valueOf(f.stringOr("notApplicable", "WITHIN_GROUP"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("template.notApplicable must be NONE, WITHIN_GROUP or ACROSS_ALL");
        }
        List<Template.TierBand> tiers = new ArrayList<>();
        if (f.has("tiers")) {
            for (Fields t : f.objects("tiers")) {
                t.only("tier", "label", "min", "max", "default");
                Tier tier = Tier.parse(t.string("tier", true));
                String label = t.string("label", false);
                if (label != null && !label.equals(tier.label())) {
                    throw new IllegalArgumentException(t.path() + ".label '" + label + "' does not match tier "
                            + tier + " (" + tier.label() + ")");
                }
                tiers.add(new Template.TierBand(tier, t.number("min", true), t.number("max", true),
                        t.number("default", true)));
            }
        } else {
            tiers.add(band(Tier.ACHIEVED, 80, 100, 100));
            tiers.add(band(Tier.PARTIALLY_ACHIEVED, 60, 80, 70));
            tiers.add(band(Tier.NOT_ACHIEVED, 0, 60, 30));
        }
        Template.GradeBands grades = new Template.GradeBands(BigDecimal.valueOf(90), BigDecimal.valueOf(80),
                BigDecimal.valueOf(60));
        if (f.has("grades")) {
            Fields gr = f.object("grades", true);
            gr.only("EXCELLENT", "GOOD", "FAIR");
            grades = new Template.GradeBands(gr.number("EXCELLENT", true), gr.number("GOOD", true),
                    gr.number("FAIR", true));
        }
        return new Template(name, f.string("title", false), execution, groups, farExceeded, na, tiers, grades);
    }

    private static Template.TierBand band(Tier tier, int min, int max, int dflt) {
        return new Template.TierBand(tier, BigDecimal.valueOf(min), BigDecimal.valueOf(max), BigDecimal.valueOf(dflt));
    }

    /** Typed access to one JSON object with messages that name the offending path. */
    private record Fields(String path, Map<?, ?> map) {
        /** Unknown keys are refused: a misspelt setting would otherwise silently take the national default. */
        void only(String... keys) {
            List<String> known = List.of(keys);
            for (Object k : map.keySet()) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException(path + ": unknown field '" + k + "' (known: "
                            + String.join(", ", known) + ")");
                }
            }
        }

        boolean has(String key) {
            return map.get(key) != null;
        }

        Object get(String key, boolean required) {
            Object v = map.get(key);
            if (v == null && required) {
                throw new IllegalArgumentException(path + "." + key + " is required");
            }
            return v;
        }

        String string(String key, boolean required) {
            Object v = get(key, required);
            if (v != null && !(v instanceof String)) {
                throw new IllegalArgumentException(path + "." + key + " must be a string");
            }
            return (String) v;
        }

        String stringOr(String key, String fallback) {
            String s = string(key, false);
            return s == null ? fallback : s;
        }

        BigDecimal number(String key, boolean required) {
            Object v = get(key, required);
            if (v != null && !(v instanceof BigDecimal)) {
                throw new IllegalArgumentException(path + "." + key + " must be a number");
            }
            return (BigDecimal) v;
        }

        BigDecimal numberOr(String key, BigDecimal fallback) {
            BigDecimal n = number(key, false);
            return n == null ? fallback : n;
        }

        boolean booleanOr(String key, boolean fallback) {
            Object v = get(key, false);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException(path + "." + key + " must be true or false");
            }
            return b;
        }

        Fields object(String key, boolean required) {
            Object v = get(key, required);
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(path + "." + key + " must be an object");
            }
            return new Fields(path + "." + key, m);
        }

        List<Fields> objects(String key) {
            Object v = get(key, true);
            if (!(v instanceof List<?> list)) {
                throw new IllegalArgumentException(path + "." + key + " must be an array");
            }
            List<Fields> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException(path + "." + key + "[" + i + "] must be an object");
                }
                out.add(new Fields(path + "." + key + "[" + i + "]", m));
            }
            return out;
        }

        List<String> strings(String key) {
            Object v = get(key, false);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                throw new IllegalArgumentException(path + "." + key + " must be an array of strings");
            }
            return list.stream().map(String.class::cast).toList();
        }
    }
}
