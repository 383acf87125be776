package org.fundflow.disbursement.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Money;

/** A reversal (冲销) as listed with its payment. */
record ReversalView(UUID reversalId, Money amount, LocalDate reversedOn, String reason, String recordedBy,
        Instant recordedAt) {
}
