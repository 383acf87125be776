package org.fundflow.disbursement.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Events.ProcurementCategory;
import org.fundflow.contracts.Money;

/** A row of {@code payment}, with the sum of its reversals. */
record StoredPayment(
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
        Money reversed) {

    PaymentCommand asCommand() {
        return new PaymentCommand(allocationId, payerOrg, amount, paidOn, functionCode, economicCode,
                expenditureKind, payee, beneficiaryCount, voucherNo, procurementCategory);
    }

    Money net() {
        return amount.minus(reversed);
    }
}
