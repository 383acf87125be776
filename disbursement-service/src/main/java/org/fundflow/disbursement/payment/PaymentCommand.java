package org.fundflow.disbursement.payment;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Events.ProcurementCategory;
import org.fundflow.contracts.Money;

/** A well-formed payment to record (shape checked; the domain rules are checked against the allocation later). */
public record PaymentCommand(
        UUID allocationId,
        String payerOrg,
        Money amount,
        LocalDate paidOn,
        String functionCode,
        String economicCode,
        ExpenditureKind expenditureKind,
        String payee,
        Integer beneficiaryCount,
        String voucherNo,
        ProcurementCategory procurementCategory) {

    /**
     * Whether a recorded payment says the same as this one: a voucher seen again with the same content is the same
     * payment (a re-uploaded file), with different content it is a conflict.
     */
    boolean sameContentAs(PaymentCommand other) {
        return allocationId.equals(other.allocationId) && payerOrg.equals(other.payerOrg)
                && amount.equals(other.amount) && paidOn.equals(other.paidOn)
                && functionCode.equals(other.functionCode) && economicCode.equals(other.economicCode)
                && expenditureKind == other.expenditureKind && Objects.equals(payee, other.payee)
                && Objects.equals(beneficiaryCount, other.beneficiaryCount)
                && Objects.equals(voucherNo, other.voucherNo)
                && procurementCategory == other.procurementCategory;
    }
}
