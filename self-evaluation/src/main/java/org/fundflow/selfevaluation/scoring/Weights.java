package org.fundflow.selfevaluation.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fundflow.selfevaluation.discrepancy.Findings;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.template.Template;

/** The weight each row is scored against once not-applicable rows are dropped, as the template says. */
final class Weights {
    private static final int SCALE = 12;

    private Weights() {
    }

    /**
     * @param groups each row's template group, index for index
     * @return each row's effective weight (zero for dropped rows, null for unweighted ones)
     */
    static List<BigDecimal> effective(List<Indicator> rows, List<String> groups, Template template,
            Findings findings) {
        Map<String, BigDecimal> all = new HashMap<>();
        Map<String, BigDecimal> remaining = new HashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal kept = BigDecimal.ZERO;
        for (int i = 0; i < rows.size(); i++) {
            Indicator r = rows.get(i);
            if (r.weight() == null) {
                continue;
            }
            all.merge(groups.get(i), r.weight(), BigDecimal::add);
            total = total.add(r.weight());
            if (!r.notApplicable()) {
                remaining.merge(groups.get(i), r.weight(), BigDecimal::add);
                kept = kept.add(r.weight());
            }
        }
        // the weight of groups dropped whole, shared by every remaining row under WITHIN_GROUP
        BigDecimal orphaned = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : all.entrySet()) {
            if (remaining.getOrDefault(e.getKey(), BigDecimal.ZERO).signum() == 0) {
                orphaned = orphaned.add(e.getValue());
            }
        }
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Indicator r = rows.get(i);
            String g = groups.get(i);
            if (r.weight() == null) {
                out.add(null);
                continue;
            }
            if (r.notApplicable()) {
                findings.flag(ReviewFlag.Kind.NOT_APPLICABLE, r.name(), dropMessage(template.notApplicable(), g,
                        r.weight(), remaining.getOrDefault(g, BigDecimal.ZERO).signum() == 0));
                out.add(BigDecimal.ZERO);
                continue;
            }
            BigDecimal w = r.weight();
            switch (template.notApplicable()) {
                case NONE -> {
                }
                case ACROSS_ALL -> w = scale(w, total, kept);
                case WITHIN_GROUP -> {
                    w = scale(w, all.get(g), remaining.get(g));
                    w = scale(w, total, total.subtract(orphaned));
                }
            }
            out.add(w);
        }
        return out;
    }

    private static BigDecimal scale(BigDecimal w, BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() == 0 || numerator.compareTo(denominator) == 0) {
            return w;
        }
        return w.multiply(numerator).divide(denominator, SCALE, RoundingMode.HALF_UP);
    }

    private static String dropMessage(Template.NotApplicable mode, String group, BigDecimal weight,
            boolean wholeGroup) {
        String points = weight.stripTrailingZeros().toPlainString() + " points";
        return switch (mode) {
            case NONE -> "not applicable: dropped, its " + points + " not rescaled (template)";
            case ACROSS_ALL -> "not applicable: its " + points + " shared by all remaining indicators";
            case WITHIN_GROUP -> wholeGroup
                    ? "not applicable, with the rest of " + group + ": its " + points + " shared by all remaining "
                            + "indicators"
                    : "not applicable: its " + points + " shared by the rest of " + group;
        };
    }
}
