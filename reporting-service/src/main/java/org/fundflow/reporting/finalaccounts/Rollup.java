package org.fundflow.reporting.finalaccounts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fundflow.reporting.classification.Classification;
import org.fundflow.reporting.classification.Tier;

/**
 * Rolls figures by function code (several columns at once, in 分) up the classification: every 项 into its 款 and
 * 类, so a category row is exactly the sum of the rows under it and the 合计 is the sum of the 类 rows. Pure.
 *
 * <p>Money booked on a 类 or 款 code itself shows as a child row （未细化） with that code, so the sums still hold;
 * money without a code, or with a malformed one, gets a top-level row of its own after the 类: nothing drops out.
 * Only codes with a non-zero figure appear (the published tables list the codes that were used).
 */
final class Rollup {
    static final String NOT_BROKEN_DOWN = "（未细化）";
    static final String NO_CODE = "（未填科目）";
    static final String BAD_CODE = "（科目编码无效）";
    static final String UNLISTED = "（未收录科目）";

    /** One row; {@code level} 1 = 类, 2 = 款, 3 = 项; {@code tier} null for the rows of missing/bad codes. */
    record Line(String key, String code, String name, Tier tier, int level, boolean category, long[] values) {
    }

    private static final class Node {
        final String code;
        final Tier tier;
        final long[] total;
        final long[] direct;
        boolean hasDirect;
        final TreeMap<String, Node> children = new TreeMap<>();

        Node(String code, Tier tier, int width) {
            this.code = code;
            this.tier = tier;
            this.total = new long[width];
            this.direct = new long[width];
        }
    }

    private Rollup() {
    }

    /**
     * @param byCode figures by code (a null key for money without a code); every array has {@code width} columns
     */
    static List<Line> lines(Map<String, long[]> byCode, Classification registry, int width) {
        TreeMap<String, Node> classes = new TreeMap<>();
        TreeMap<String, long[]> unclassified = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        byCode.forEach((code, values) -> {
            if (isZero(values)) {
                return;
            }
            Tier tier = Tier.of(code);
            if (tier == null) {
                add(unclassified.computeIfAbsent(code, c -> new long[width]), values);
                return;
            }
            Node node = classes.computeIfAbsent(code.substring(0, 3), c -> new Node(c, Tier.CLASS, width));
            add(node.total, values);
            if (tier != Tier.CLASS) {
                node = node.children.computeIfAbsent(code.substring(0, 5), c -> new Node(c, Tier.SECTION, width));
                add(node.total, values);
            }
            if (tier == Tier.ITEM) {
                node = node.children.computeIfAbsent(code, c -> new Node(c, Tier.ITEM, width));
                add(node.total, values);
            }
            add(node.direct, values);
            node.hasDirect = true;
        });
        List<Line> lines = new ArrayList<>();
        for (Node c : classes.values()) {
            emit(lines, c, 1, registry);
        }
        unclassified.forEach((code, values) -> lines.add(new Line(code == null ? "no-code" : "invalid:" + code, code,
                code == null ? NO_CODE : BAD_CODE, null, 1, false, values)));
        return lines;
    }

    /** The 合计: the sum of the top-level rows. */
    static long[] total(List<Line> lines, int width) {
        long[] sum = new long[width];
        lines.stream().filter(l -> l.level() == 1).forEach(l -> add(sum, l.values()));
        return sum;
    }

    private static void emit(List<Line> lines, Node node, int level, Classification registry) {
        boolean leaf = node.children.isEmpty();
        String name = registry.nameOf(node.code);
        lines.add(new Line(node.code, node.code, name == null ? UNLISTED : name, node.tier, level, !leaf,
                node.total));
        if (leaf) {
            return;
        }
        Tier childTier = node.tier == Tier.CLASS ? Tier.SECTION : Tier.ITEM;
        if (node.hasDirect) {
            lines.add(new Line(node.code + "/direct", node.code, NOT_BROKEN_DOWN, childTier, level + 1, false,
                    node.direct));
        }
        for (Node child : node.children.values()) {
            emit(lines, child, level + 1, registry);
        }
    }

    static void add(long[] into, long[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Math.addExact(into[i], values[i]);
        }
    }

    static boolean isZero(long[] values) {
        for (long v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
