package org.fundflow.reporting.facts;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;

/** An allocation as issued (指标下达): every field of its AllocationIssued event. */
public record AllocationFact(
        UUID allocationId,
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
        UUID parentAllocationId,
        UUID rootAllocationId,
        Money amount,
        String docNo,
        LocalDate issuedOn,
        String functionCode,
        String economicCode,
        String note) {

    /** An allocation to an agency: the money has reached the body that spends it. */
    public boolean isToOrg() {
        return toOrg != null;
    }
}
