package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;

/**
 * One allocation as of a date: its issue facts plus the sums of what happened to it up to that date.
 *
 * @param toOrgRegionName the org's region name when an OrgRegistered/OrgUpdated event named it, else null
 * @param movementCents Σ signed budget effects (adjustments, recoveries, carry-overs) effective by the date
 * @param executedCents money paid out against this allocation itself by the date: payments − reversals (a reversal
 *                      only once its payment is known)
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
        String toOrgRegionName,
        Level level,
        String docNo,
        LocalDate issuedOn,
        String functionCode,
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

    /** Money assigned to its spending unit: spent through payments, never passed further down. */
    boolean heldByOrg() {
        return toOrg != null;
    }
}
