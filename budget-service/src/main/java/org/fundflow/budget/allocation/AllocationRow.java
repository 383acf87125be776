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
        long distributedCents) {

    /** What is neither passed down nor taken away: the most that may be recovered, carried over or passed on. */
    long undistributedCents() {
        return budgetCents - distributedCents;
    }
}
