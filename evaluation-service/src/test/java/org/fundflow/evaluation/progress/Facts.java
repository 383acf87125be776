package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;

/** Builds facts for the plain unit tests. */
final class Facts {
    private Facts() {
    }

    static AllocationFact region(UUID id, UUID parent, Level source, String from, String to, String amount,
            LocalDate issuedOn) {
        return new AllocationFact(id, parent, "P", "程序", issuedOn.getYear(), source, from, from, to, to, null, null,
                null, null, Level.ofRegionCode(to), "doc", issuedOn, "2101301", Money.parse(amount).cents(), 0, 0);
    }

    static AllocationFact org(UUID id, UUID parent, String from, String orgRegion, String amount,
            LocalDate issuedOn) {
        return new AllocationFact(id, parent, "P", "程序", issuedOn.getYear(), Level.CENTRAL, from, from, null, null,
                "ORG", "机构", orgRegion, null, Level.ofRegionCode(orgRegion), "doc", issuedOn, "2101301",
                Money.parse(amount).cents(), 0, 0);
    }

    static AllocationFact withMovements(AllocationFact f, String movement) {
        return new AllocationFact(f.allocationId(), f.parentAllocationId(), f.programCode(), f.programName(),
                f.fiscalYear(), f.sourceLevel(), f.fromRegion(), f.fromRegionName(), f.toRegion(), f.toRegionName(),
                f.toOrg(), f.toOrgName(), f.toOrgRegion(), f.toOrgRegionName(), f.level(), f.docNo(), f.issuedOn(),
                f.functionCode(), f.amountCents(), Money.parse(movement).cents(), f.executedCents());
    }

    static AllocationFact withExecuted(AllocationFact f, String executed) {
        return new AllocationFact(f.allocationId(), f.parentAllocationId(), f.programCode(), f.programName(),
                f.fiscalYear(), f.sourceLevel(), f.fromRegion(), f.fromRegionName(), f.toRegion(), f.toRegionName(),
                f.toOrg(), f.toOrgName(), f.toOrgRegion(), f.toOrgRegionName(), f.level(), f.docNo(), f.issuedOn(),
                f.functionCode(), f.amountCents(), f.movementCents(), Money.parse(executed).cents());
    }
}
