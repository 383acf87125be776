package org.fundflow.disbursement.allocation;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Money;

/**
 * An allocation to an org and its balance.
 *
 * @param orgRegion the org's region (GB/T 2260), which decides which finance bureaus and supervisors may read it
 * @param amount    issued (下达数)
 * @param budget    amount + adjustments − recoveries − carry-overs (全年预算数)
 * @param executed  payments − reversals (全年执行数)
 * @param available budget − executed: what the org may still pay
 */
record OrgAllocation(
        UUID allocationId,
        String orgCode,
        String orgName,
        String orgRegion,
        String programCode,
        String programName,
        int fiscalYear,
        String functionCode,
        String docNo,
        LocalDate issuedOn,
        Money amount,
        Money budget,
        Money executed,
        Money available) {
}
