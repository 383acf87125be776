package org.fundflow.selfevaluation.indicator;

import java.math.BigDecimal;
import org.fundflow.selfevaluation.template.Tier;

/**
 * An indicator as scored.
 *
 * @param group    the template group it counts in
 * @param weight   the weight it is scored against, after any rescaling for not-applicable rows (two decimals)
 * @param score    two decimals, half-up; null when nothing scores it ({@link Basis#NOT_SCORED}) or it counts for
 *                 nothing (not applicable, unweighted)
 * @param achieved for a measured indicator, performance as a percentage of target (actual/target, or target/actual
 *                 for a reverse indicator), two decimals; null when not measured or when a reverse indicator's actual
 *                 is zero
 * @param tier     for a qualitative indicator, the tier it was scored in
 */
public record IndicatorScore(Indicator indicator, String group, BigDecimal weight, BigDecimal score, Basis basis,
        BigDecimal achieved, Tier tier) {

    public enum Basis {
        /** Computed from target and actual. */
        MEASURED,
        /** The submitter's judgement (tier, percentage or printed score), checked to fit the tier and the weight. */
        JUDGED,
        /** Dropped: does not apply. */
        NOT_APPLICABLE,
        /** No weight: listed, not scored. */
        UNWEIGHTED,
        /** Weighted but nothing to score it by. */
        NOT_SCORED
    }
}
