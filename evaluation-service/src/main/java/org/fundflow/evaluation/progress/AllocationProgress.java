package org.fundflow.evaluation.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.fundflow.contracts.Money;

/**
 * The derived figures of one allocation at a date.
 *
 * @param distributionRate null for an allocation held by an org: orgs spend, they do not distribute
 * @param depth            number of ancestors among the loaded allocations (0 for a root)
 * @param firstChildIssuedOn the earliest pass-down (to a region or an org), null if none yet
 */
record AllocationProgress(
        AllocationFact fact,
        Money budget,
        Money distributed,
        Money undistributed,
        Money executed,
        Money executedInSubtree,
        BigDecimal distributionRate,
        BigDecimal executionRate,
        BigDecimal scheduleRate,
        boolean lagging,
        int depth,
        LocalDate firstChildIssuedOn) {

    Long daysToFirstPassDown() {
        return firstChildIssuedOn == null ? null
                : java.time.temporal.ChronoUnit.DAYS.between(fact.issuedOn(), firstChildIssuedOn);
    }
}
