package org.fundflow.budget.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One change of an allocation's budget after issue: 追加/调减, 财政收回 or 结转.
 *
 * @param effectCents signed effect on the budget: an adjustment's delta, minus a recovery or a carry-over
 */
record Movement(UUID movementId, UUID allocationId, Kind kind, long effectCents, LocalDate effectiveOn, String docNo,
        String reason, Integer toFiscalYear, String recordedBy, Instant createdAt) {

    enum Kind {
        ADJUSTMENT, RECOVERY, CARRY_OVER
    }
}
