package org.fundflow.disbursement.allocation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The issued facts of an allocation to an org that a payment is checked against and classified by. Immutable: an
 * allocation's recipient, program and issue date never change (its budget does, through movements).
 */
public record AllocationFact(
        UUID allocationId,
        String orgCode,
        String orgName,
        String orgRegion,
        String programCode,
        String programName,
        int fiscalYear,
        LocalDate issuedOn) {
}
