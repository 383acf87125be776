package org.fundflow.selfevaluation.discrepancy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects discrepancies and review flags while a form is scored. A printed figure agrees with the recomputed one when
 * the recomputed value, rounded half-up to the decimals printed, equals it: "55%" agrees with 54.55 %, "36.10%" does
 * not agree with 36.07 %, a printed score "36" agrees with 36.07.
 */
public final class Findings {
    private final List<Discrepancy> discrepancies = new ArrayList<>();
    private final List<ReviewFlag> flags = new ArrayList<>();

    public static boolean agrees(BigDecimal printed, BigDecimal recomputed) {
        return recomputed.setScale(Math.max(printed.scale(), 0), RoundingMode.HALF_UP).compareTo(printed) == 0;
    }

    /**
     * Records a discrepancy unless either side is missing or they agree at the printed precision.
     *
     * @param shown how to show the recomputed figure in the report
     * @return whether a discrepancy was recorded
     */
    public boolean compare(Discrepancy.Figure figure, String subject, BigDecimal printed, String printedShown,
            BigDecimal recomputed, String shown, String rule) {
        if (printed == null || recomputed == null || agrees(printed, recomputed)) {
            return false;
        }
        discrepancies.add(new Discrepancy(figure, subject, printedShown, shown, rule));
        return true;
    }

    /** {@link #compare} for scores: both sides shown as numbers, the recomputed one with two decimals. */
    public boolean compareScore(Discrepancy.Figure figure, String subject, BigDecimal printed, BigDecimal recomputed,
            String rule) {
        return compare(figure, subject, printed, printed == null ? null : printed.toPlainString(), recomputed,
                recomputed == null ? null : recomputed.setScale(2, RoundingMode.HALF_UP).toPlainString(), rule);
    }

    public void add(Discrepancy discrepancy) {
        discrepancies.add(discrepancy);
    }

    public void flag(ReviewFlag.Kind kind, String subject, String message) {
        flags.add(new ReviewFlag(kind, subject, message));
    }

    public List<Discrepancy> discrepancies() {
        return List.copyOf(discrepancies);
    }

    public List<ReviewFlag> flags() {
        return List.copyOf(flags);
    }
}
