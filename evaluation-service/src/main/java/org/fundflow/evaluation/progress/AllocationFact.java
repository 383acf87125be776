package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;

/**
 * One allocation as of a date: its issue facts plus the sums of what happened to it up to that date.
 *
 * @param movementCents Σ signed budget effects (adjustments, recoveries, carry-overs) effective by the date
 * @param executedCents money paid out against this allocation itself by the date (payments − reversals); zero
 *                      until payment facts are consumed
 */
record AllocationFact(
        UUID allocationId,
        UUID parentAllocationId,
        String programCode,
        String programName,
        int fiscalYear,
        Level sourceLevel,
        String fromRegion,
        String fromRegionName,
        String toRegion,
        String toRegionName,
        String toOrg,
        String toOrgName,
        String toOrgRegion,
        Level level,
        String docNo,
        LocalDate issuedOn,
        long amountCents,
        long movementCents,
        long executedCents) {

    /** 全年预算数: issued + adjustments − recoveries − carry-overs. */
    long budgetCents() {
        return Math.addExact(amountCents, movementCents);
    }

    boolean heldByRegion() {
        return toRegion != null;
    }

    /** Where the money sits: the recipient region, or the region of the recipient org. */
    String recipientRegion() {
        return toRegion != null ? toRegion : toOrgRegion;
    }
}
