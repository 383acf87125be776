package org.fundflow.disbursement.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Events.ProcurementCategory;
import org.fundflow.contracts.Money;
import org.fundflow.disbursement.allocation.Balance;

/**
 * A payment as the API shows it: what was recorded, its reversals and what is left of it ({@code net = amount −
 * reversed}). {@code balance} is its allocation's balance: after the write in the answer to a POST, now in a GET of
 * one payment, absent (null) in lists.
 */
record PaymentView(
        UUID paymentId,
        UUID allocationId,
        String payerOrg,
        String payerOrgRegion,
        String programCode,
        int fiscalYear,
        String fundType,
        Money amount,
        LocalDate paidOn,
        String functionCode,
        String economicCode,
        ExpenditureKind expenditureKind,
        String payee,
        Integer beneficiaryCount,
        String voucherNo,
        ProcurementCategory procurementCategory,
        UUID importJobId,
        Long importLine,
        String recordedBy,
        Instant recordedAt,
        Money reversed,
        Money net,
        List<ReversalView> reversals,
        Balance balance) {

    static PaymentView of(StoredPayment p, List<ReversalView> reversals, Balance balance) {
        return new PaymentView(p.paymentId(), p.allocationId(), p.payerOrg(), p.payerOrgRegion(), p.programCode(),
                p.fiscalYear(), p.fundType(), p.amount(), p.paidOn(), p.functionCode(), p.economicCode(),
                p.expenditureKind(), p.payee(), p.beneficiaryCount(), p.voucherNo(), p.procurementCategory(),
                p.importJobId(), p.importLine(), p.recordedBy(), p.recordedAt(), p.reversed(), p.net(),
                List.copyOf(reversals), balance);
    }

    /** The answer to a reversal: what was reversed, what is left of the payment, and the allocation after it. */
    record ReversalResult(UUID reversalId, UUID paymentId, UUID allocationId, String payerOrg, Money amount,
            LocalDate reversedOn, String reason, String recordedBy, Instant recordedAt, PaymentRemainder payment,
            Balance balance) {
    }

    /** @param net what is left of the payment after all its reversals */
    record PaymentRemainder(UUID paymentId, Money amount, Money reversed, Money net) {
    }

    /** A page of payments. */
    record PaymentPage(UUID allocationId, String org, LocalDate from, LocalDate to, int limit, int offset,
            List<PaymentView> payments) {
    }
}
