package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.List;
import org.fundflow.contracts.Money;

/** Response of {@code GET /api/execution}. */
record ExecutionReport(LocalDate asOf, String lagMargin, List<ExecutionRow> rows, Totals totals) {

    /**
     * Sums over the top rows only (rows whose parent is not listed): money passed down is inside its parent's
     * budget already and would otherwise be counted once per level.
     */
    record Totals(int topRows, Money budget, Money distributed, Money undistributed, Money executedInSubtree,
            String executionRate, String executionPercent, String note) {
    }
}
