package org.fundflow.reporting.facts;

import org.fundflow.contracts.Money;

/**
 * What happened to an allocation after it was issued, summed per kind: net adjustments (signed), recoveries and
 * carry-overs (both positive amounts that reduce the budget).
 */
public record MovementTotals(Money adjustments, Money recovered, Money carriedOver) {
    public static final MovementTotals NONE = new MovementTotals(Money.ZERO, Money.ZERO, Money.ZERO);

    /** 全年预算数 = issued amount + adjustments − recoveries − carry-overs. */
    public Money budgetOf(Money issued) {
        return issued.plus(adjustments).minus(recovered).minus(carriedOver);
    }
}
