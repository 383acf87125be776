package org.fundflow.disbursement.payment;

import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Events.ProcurementCategory;
import org.fundflow.platform.web.ApiProblem;

/**
 * The body of {@code POST /api/payments}, and of each imported row, as it arrives: strings (and a number of
 * beneficiaries), so each malformed value is reported against its own field. It is also the Idempotency-Key
 * fingerprint: nothing implicit is added to it.
 */
public record RecordPayment(
        String allocationId,
        String payerOrg,
        String amount,
        String paidOn,
        String functionCode,
        String economicCode,
        String expenditureKind,
        String payee,
        Long beneficiaryCount,
        String voucherNo,
        String procurementCategory) {

    static final int MAX_PAYEE = 200;

    /** @throws ApiProblem 400 naming the first malformed field */
    public PaymentCommand validate() {
        var allocation = Fields.uuid("allocationId", allocationId);
        String payer = Fields.code("payerOrg", payerOrg, Fields.ORG_CODE,
                "an org code (1 to 32 letters, digits, '_' or '-')");
        var money = Fields.positiveAmount("amount", amount);
        var paid = Fields.date("paidOn", paidOn);
        String function = Fields.code("functionCode", functionCode, Fields.FUNCTION_CODE,
                "a function code (功能分类科目: 3, 5 or 7 digits, e.g. 2101301)");
        String economic = Fields.code("economicCode", economicCode, Fields.ECONOMIC_CODE,
                "an economic code (经济分类科目: 3 or 5 digits, e.g. 30307)");
        ExpenditureKind kind = Fields.oneOf("expenditureKind", expenditureKind, ExpenditureKind.class);
        String checkedPayee = Fields.optionalText("payee", payee, MAX_PAYEE);
        if (beneficiaryCount != null && (beneficiaryCount < 0 || beneficiaryCount > Fields.MAX_BENEFICIARIES)) {
            throw ApiProblem.invalid("beneficiaryCount", "beneficiaryCount must be a whole number from 0 to "
                    + Fields.MAX_BENEFICIARIES);
        }
        String voucher = Fields.optionalCode("voucherNo", voucherNo, Fields.VOUCHER_NO,
                "a voucher number (凭证号: 1 to 64 letters, digits, '_', '.', '/' or '-')");
        ProcurementCategory procurement = procurementCategory == null ? null
                : Fields.oneOf("procurementCategory", procurementCategory, ProcurementCategory.class);
        return new PaymentCommand(allocation, payer, money, paid, function, economic, kind, checkedPayee,
                beneficiaryCount == null ? null : beneficiaryCount.intValue(), voucher, procurement);
    }
}
