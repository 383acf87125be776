package org.fundflow.selfevaluation.discrepancy;

import java.util.Objects;

/** Something a reviewer should look at that is not a contradiction between printed and recomputed figures. */
public record ReviewFlag(Kind kind, String subject, String message) {

    public ReviewFlag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public enum Kind {
        /** Achieved far above target: full weight, but the target may have been set too low. */
        FAR_EXCEEDED,
        /** A quantitative indicator with no numeric actual value: its score is the submitter's judgement. */
        NOT_MEASURED,
        /** A target relative to last year ("不低于上年"): not measurable from the form alone. */
        RELATIVE_TARGET,
        /** A tier named without a percentage or score: scored at the template's default for the tier. */
        TIER_DEFAULT,
        /** A weighted indicator with nothing to score it by: totals that include it cannot be recomputed. */
        NOT_SCORED,
        /** A printed figure that cannot be checked because what it depends on is missing. */
        UNVERIFIABLE,
        /** The indicators' weights in a group differ from the template's weight for that group. */
        WEIGHTS_DIFFER_FROM_TEMPLATE,
        /** Not applicable: dropped, and its weight shared as the template says. */
        NOT_APPLICABLE,
        /** Executed more than the budget: the execution score is capped at its weight. */
        OVER_BUDGET
    }
}
