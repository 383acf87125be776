package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.List;
import org.fundflow.contracts.Money;

/**
 * Response of {@code GET /api/execution/rollup}: org allocations (where money is spent) grouped, each counted in
 * exactly one row, so the totals are the sums of the rows.
 */
record RollupReport(String by, Integer depth, String region, String org, Integer fiscalYear, String programCode,
        LocalDate asOf, String lagMargin, List<Row> rows, Totals totals, String note) {

    /**
     * @param allocations       how many org allocations the row sums
     * @param undistributedHeld money still undistributed by the region allocations of the row (money stuck above
     *                          the orgs); not part of {@code budget}, which is the orgs' money only
     */
    record Row(String key, String name, Money budget, Money executed, String executionRate,
            String executionPercent, String scheduleRate, boolean lagging, int allocations,
            Money undistributedHeld) {
    }

    record Totals(Money budget, Money executed, String executionRate, String executionPercent,
            String scheduleRate, boolean lagging, int allocations, Money undistributedHeld) {
    }
}
