package org.fundflow.budget.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;

/**
 * An issued allocation with the figures derived from its facts.
 *
 * @param budgetCents      issued amount plus the signed effects of its movements
 * @param distributedCents Σ budgets of its children (what was passed down)
 * @param executedCents    Σ payments − Σ reversals of its payer org (disbursement-service's events); 0 for an
 *                         allocation to a region, which passes money down instead of paying it
 */
record AllocationRow(
        UUID allocationId,
        int fiscalYear,
        String programCode,
        String programName,
        Level sourceLevel,
        Level level,
        String fromRegion,
        String fromRegionName,
        String toRegion,
        String toRegionName,
        String toOrg,
        String toOrgName,
        String toOrgRegion,
        UUID parentAllocationId,
        UUID rootAllocationId,
        long amountCents,
        String docNo,
        LocalDate issuedOn,
        String functionCode,
        String economicCode,
        String note,
        String recordedBy,
        Instant createdAt,
        long budgetCents,
        long distributedCents,
        long executedCents) {

    /** What is not passed down: the most that may be passed on to children. */
    long undistributedCents() {
        return budgetCents - distributedCents;
    }

    /** What is neither passed down nor paid: the most that may be recovered, carried over or cut. */
    long unspentCents() {
        return budgetCents - distributedCents - executedCents;
    }
}
