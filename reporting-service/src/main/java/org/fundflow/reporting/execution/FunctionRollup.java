package org.fundflow.reporting.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fundflow.reporting.classification.Classification;
import org.fundflow.reporting.classification.Tier;

/**
 * Rolls spending by function code up the classification: every 项 into its 款 and 类, so a category row is exactly
 * the sum of the rows under it and the total is the sum of the 类 rows. Pure (no I/O).
 *
 * <p>Spending booked on a 类 or 款 code itself (not broken down to a 项) is shown, when the table goes deeper, as a
 * child row "（未细化）" with the same code, so the sums still hold. A missing or malformed code gets a top-level row
 * of its own after the 类: no money drops out of the table.
 */
final class FunctionRollup {
    static final String NOT_BROKEN_DOWN = "（未细化）";
    static final String NO_CODE = "（未填功能科目）";
    static final String BAD_CODE = "（科目编码无效）";

    /** One row: {@code level} 1 = 类, 2 = 款, 3 = 项; {@code tier} is null for the rows of missing/bad codes. */
    record Line(String code, String name, Tier tier, int level, Spending spending) {
    }

    private static final class Node {
        final String code;
        final Tier tier;
        Spending total = Spending.NONE;
        Spending direct = Spending.NONE;
        boolean hasDirect;
        final TreeMap<String, Node> children = new TreeMap<>();

        Node(String code, Tier tier) {
            this.code = code;
            this.tier = tier;
        }
    }

    private FunctionRollup() {
    }

    /**
     * @param byCode spending by the payments' function codes (a null key for payments without one)
     * @param depth  3 (类 only), 5 (类 and 款) or 7 (down to 项)
     */
    static List<Line> lines(Map<String, Spending> byCode, Classification registry, int depth) {
        TreeMap<String, Node> classes = new TreeMap<>();
        TreeMap<String, Spending> unclassified = new TreeMap<>(java.util.Comparator.nullsFirst(
                java.util.Comparator.naturalOrder()));
        byCode.forEach((code, spending) -> {
            Tier tier = Tier.of(code);
            if (tier == null) {
                unclassified.merge(code, spending, Spending::plus);
                return;
            }
            Node node = classes.computeIfAbsent(code.substring(0, 3), c -> new Node(c, Tier.CLASS));
            node.total = node.total.plus(spending);
            if (tier != Tier.CLASS) {
                node = node.children.computeIfAbsent(code.substring(0, 5), c -> new Node(c, Tier.SECTION));
                node.total = node.total.plus(spending);
            }
            if (tier == Tier.ITEM) {
                node = node.children.computeIfAbsent(code, c -> new Node(c, Tier.ITEM));
                node.total = node.total.plus(spending);
            }
            node.direct = node.direct.plus(spending);
            node.hasDirect = true;
        });

        List<Line> lines = new ArrayList<>();
        for (Node c : classes.values()) {
            emit(lines, c, 1, registry, depth);
        }
        unclassified.forEach((code, spending) -> lines.add(new Line(code, code == null ? NO_CODE : BAD_CODE, null, 1,
                spending)));
        return lines;
    }

    /** The total of a table: the sum of its top-level rows. */
    static Spending total(List<Line> lines) {
        return lines.stream().filter(l -> l.level() == 1).map(Line::spending).reduce(Spending.NONE, Spending::plus);
    }

    private static void emit(List<Line> lines, Node node, int level, Classification registry, int depth) {
        lines.add(new Line(node.code, registry.nameOf(node.code), node.tier, level, node.total));
        if (node.tier == Tier.ITEM || node.tier.digits() >= depth) {
            return;
        }
        Tier childTier = node.tier == Tier.CLASS ? Tier.SECTION : Tier.ITEM;
        if (node.hasDirect) {
            lines.add(new Line(node.code, NOT_BROKEN_DOWN, childTier, level + 1, node.direct));
        }
        for (Node child : node.children.values()) {
            emit(lines, child, level + 1, registry, depth);
        }
    }
}
