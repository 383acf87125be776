package org.fundflow.disbursement.allocation;

import java.util.UUID;
import org.fundflow.contracts.Money;

/**
 * What an org may still pay from an allocation.
 *
 * @param budget    amount + adjustments − recoveries − carry-overs (全年预算数)
 * @param executed  payments − reversals (全年执行数)
 * @param available budget − executed
 */
public record Balance(UUID allocationId, Money budget, Money executed, Money available) {

    static Balance of(UUID allocationId, long budgetCents, long executedCents) {
        return new Balance(allocationId, Money.ofCents(budgetCents), Money.ofCents(executedCents),
                Money.ofCents(budgetCents - executedCents));
    }
}
