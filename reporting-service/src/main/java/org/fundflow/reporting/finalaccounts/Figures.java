package org.fundflow.reporting.finalaccounts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events;

/**
 * The facts behind one org's final accounts of one fiscal year, summed in 分: the allocations the org received
 * (this year's, and earlier years' that carried money over into this one) and its payments net of reversals,
 * grouped by every dimension the tables break them down by.
 */
record Figures(int fiscalYear, List<Allocation> allocations, List<Payment> payments) {

    Figures {
        allocations = List.copyOf(allocations);
        payments = List.copyOf(payments);
    }

    /**
     * An allocation to the org.
     *
     * @param carriedOver 结转 out of this allocation, by the fiscal year it went to
     */
    record Allocation(UUID allocationId, int fiscalYear, String programCode, FundType fund, String functionCode,
            String economicCode, LocalDate issuedOn, long amountCents, long adjustmentsCents, long recoveredCents,
            Map<Integer, Long> carriedOver) {

        Allocation {
            carriedOver = Map.copyOf(carriedOver);
        }

        /** 本年收入: what the org received — issued, adjusted, minus what the finance bureau took back. */
        long incomeCents() {
            return Math.subtractExact(Math.addExact(amountCents, adjustmentsCents), recoveredCents);
        }

        long carriedOverCents() {
            return carriedOver.values().stream().mapToLong(Long::longValue).sum();
        }

        long carriedTo(int year) {
            return carriedOver.getOrDefault(year, 0L);
        }

        /** 全年预算数 = amount + adjustments − recoveries − carry-overs. */
        long budgetCents() {
            return Math.subtractExact(incomeCents(), carriedOverCents());
        }
    }

    /** Payments net of their reversals, summed over one combination of the dimensions. */
    record Payment(FundType fund, String functionCode, String economicCode, Events.ExpenditureKind kind,
            Events.ProcurementCategory procurement, long paidCents, long reversedCents) {

        /** 支出 = paid − reversed. */
        long executedCents() {
            return Math.subtractExact(paidCents, reversedCents);
        }

        /** A payment without a kind counts as 项目支出: 基本支出 is what a budget says is running costs. */
        boolean isBasic() {
            return kind == Events.ExpenditureKind.BASIC;
        }
    }
}
