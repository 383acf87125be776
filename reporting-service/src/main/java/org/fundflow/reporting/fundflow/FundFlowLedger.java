package org.fundflow.reporting.fundflow;

import java.time.Instant;
import java.util.List;
import org.fundflow.contracts.Money;

/** 资金流向台账 of one program and fiscal year: the allocation trees from the source level down to the recipients. */
record FundFlowLedger(String programCode, String programName, int fiscalYear, Instant generatedAt, Totals totals,
        List<LedgerNode> roots) {

    /**
     * Sums over the roots only: a child's money is already inside its parent's budget, so adding levels up would
     * count the same 元 several times.
     */
    record Totals(Money issued, Money budget, Money distributed, Money undistributed) {
        static Totals of(List<LedgerNode> roots) {
            Money issued = Money.ZERO;
            Money budget = Money.ZERO;
            Money distributed = Money.ZERO;
            Money undistributed = Money.ZERO;
            for (LedgerNode root : roots) {
                issued = issued.plus(root.amount());
                budget = budget.plus(root.budget());
                distributed = distributed.plus(root.distributed());
                undistributed = undistributed.plus(root.undistributed());
            }
            return new Totals(issued, budget, distributed, undistributed);
        }
    }
}
