package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Money;

/**
 * A fund that needs attention at a date.
 *
 * @param type        LATE_PASS_DOWN or UNDISTRIBUTED_BALANCE
 * @param dueOn       the last day the money should have been passed down by
 * @param daysOverdue days from {@code dueOn} to the query's {@code asOf}
 * @param amount      the balance still undistributed at {@code asOf}
 */
record Alert(
        String type,
        UUID allocationId,
        String programCode,
        String programName,
        int fiscalYear,
        String holderRegion,
        String holderRegionName,
        String docNo,
        LocalDate issuedOn,
        LocalDate dueOn,
        long daysOverdue,
        Money amount,
        String message) {

    static final String LATE_PASS_DOWN = "LATE_PASS_DOWN";
    static final String UNDISTRIBUTED_BALANCE = "UNDISTRIBUTED_BALANCE";
}
