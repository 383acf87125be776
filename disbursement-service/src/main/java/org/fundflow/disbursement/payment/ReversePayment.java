package org.fundflow.disbursement.payment;

import java.time.LocalDate;
import org.fundflow.contracts.Money;

/** The body of {@code POST /api/payments/{id}/reversals}, as it arrives. */
record ReversePayment(String amount, String reversedOn, String reason) {
    static final int MAX_REASON = 500;

    Reversal validate() {
        return new Reversal(Fields.positiveAmount("amount", amount), Fields.date("reversedOn", reversedOn),
                Fields.text("reason", reason, MAX_REASON));
    }

    record Reversal(Money amount, LocalDate reversedOn, String reason) {
    }
}
