package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;

/** One allocation in {@code GET /api/execution}: amounts as strings in 元, rates as four-decimal fractions. */
record ExecutionRow(
        UUID allocationId,
        UUID parentAllocationId,
        String programCode,
        String programName,
        int fiscalYear,
        String fromRegion,
        String fromRegionName,
        String toRegion,
        String toRegionName,
        String toOrg,
        String toOrgName,
        String toOrgRegion,
        Level level,
        Level sourceLevel,
        String docNo,
        LocalDate issuedOn,
        Money budget,
        Money distributed,
        Money undistributed,
        Money executed,
        Money executedInSubtree,
        String distributionRate,
        String distributionPercent,
        String executionRate,
        String executionPercent,
        String scheduleRate,
        boolean lagging,
        Long daysToFirstPassDown) {

    static ExecutionRow of(AllocationProgress p) {
        AllocationFact f = p.fact();
        return new ExecutionRow(f.allocationId(), f.parentAllocationId(), f.programCode(), f.programName(),
                f.fiscalYear(), f.fromRegion(), f.fromRegionName(), f.toRegion(), f.toRegionName(), f.toOrg(),
                f.toOrgName(), f.toOrgRegion(), f.level(), f.sourceLevel(), f.docNo(), f.issuedOn(), p.budget(),
                p.distributed(), p.undistributed(), p.executed(), p.executedInSubtree(),
                p.distributionRate() == null ? null : Rates.fraction(p.distributionRate()),
                p.distributionRate() == null ? null : Rates.percent(p.distributionRate()),
                Rates.fraction(p.executionRate()), Rates.percent(p.executionRate()),
                Rates.fraction(p.scheduleRate()), p.lagging(), p.daysToFirstPassDown());
    }
}
