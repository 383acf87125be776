package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Money;

/**
 * A fund that needs attention at a date. Distribution alerts (LATE_PASS_DOWN, UNDISTRIBUTED_BALANCE) concern
 * money held by a region; execution alerts (LAGGING_EXECUTION, NEGATIVE_BALANCE) money assigned to an org.
 *
 * @param type          LATE_PASS_DOWN, UNDISTRIBUTED_BALANCE, LAGGING_EXECUTION or NEGATIVE_BALANCE
 * @param holderRegion  the region holding the money (for an org: the org's region)
 * @param holderOrg     the org holding the money, null for a region
 * @param dueOn         the last day the money should have been passed down by; null for execution alerts
 * @param daysOverdue   days from {@code dueOn} to the query's {@code asOf}; null for execution alerts
 * @param amount        UNDISTRIBUTED_BALANCE / LATE_PASS_DOWN: the balance still undistributed;
 *                      LAGGING_EXECUTION: the shortfall against the schedule (budget × scheduleRate − executed);
 *                      NEGATIVE_BALANCE: the overspend (executed − budget)
 * @param executionRate execution alerts only: executed / budget, four decimals
 * @param scheduleRate  execution alerts only: 序时进度, four decimals
 */
record Alert(
        String type,
        UUID allocationId,
        String programCode,
        String programName,
        int fiscalYear,
        String holderRegion,
        String holderRegionName,
        String holderOrg,
        String holderOrgName,
        String docNo,
        LocalDate issuedOn,
        LocalDate dueOn,
        Long daysOverdue,
        Money amount,
        String executionRate,
        String scheduleRate,
        String message) {

    static final String LATE_PASS_DOWN = "LATE_PASS_DOWN";
    static final String UNDISTRIBUTED_BALANCE = "UNDISTRIBUTED_BALANCE";
    static final String LAGGING_EXECUTION = "LAGGING_EXECUTION";
    static final String NEGATIVE_BALANCE = "NEGATIVE_BALANCE";
}
