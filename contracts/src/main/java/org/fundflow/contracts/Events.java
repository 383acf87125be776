package org.fundflow.contracts;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Event payloads. Records, JSON on the wire; fields are only ever added. Amounts are {@link Money} (strings in 元).
 * A recipient is either a region ({@code toRegion}) or an org ({@code toOrg}); the other is null.
 */
public final class Events {
    private Events() {
    }

    public static final String PROGRAM_REGISTERED = "ProgramRegistered";
    public static final String ORG_REGISTERED = "OrgRegistered";
    public static final String ORG_UPDATED = "OrgUpdated";
    public static final String ALLOCATION_ISSUED = "AllocationIssued";
    public static final String ALLOCATION_ADJUSTED = "AllocationAdjusted";
    public static final String ALLOCATION_RECOVERED = "AllocationRecovered";
    public static final String ALLOCATION_CARRIED_OVER = "AllocationCarriedOver";
    public static final String PAYMENT_RECORDED = "PaymentRecorded";
    public static final String PAYMENT_REVERSED = "PaymentReversed";

    /** A fund line (项目/资金) of one fiscal year. */
    public record ProgramRegistered(String code, String name, int fiscalYear, String functionCode,
            String fundType) {
    }

    /** An agency (预算单位) and the region it belongs to; also sent, as OrgUpdated, when it is renamed. */
    public record OrgRegistered(String orgCode, String name, String regionCode, String regionName) {
    }

    /**
     * 指标下达: money issued from {@code fromRegion} to a child region or to an org in its subtree.
     *
     * @param level        the recipient's level (an org's is its region's)
     * @param toOrgRegion  the org's region when the recipient is an org, else null
     * @param rootAllocationId the allocation at the top of this chain (itself for a root), for ledgers
     */
    public record AllocationIssued(
            UUID allocationId,
            String programCode,
            String programName,
            int fiscalYear,
            Level sourceLevel,
            String fromRegion,
            String fromRegionName,
            String toRegion,
            String toRegionName,
            String toOrg,
            String toOrgName,
            String toOrgRegion,
            Level level,
            UUID parentAllocationId,
            UUID rootAllocationId,
            Money amount,
            String docNo,
            LocalDate issuedOn,
            String functionCode,
            String economicCode,
            String note) {
    }

    /** 追加/调减: a signed change of an allocation's amount. */
    public record AllocationAdjusted(UUID allocationId, Money delta, String docNo, LocalDate effectiveOn,
            String reason) {
    }

    /** 财政收回: unspent money taken back by the finance bureau. */
    public record AllocationRecovered(UUID allocationId, Money amount, LocalDate recoveredOn, String reason) {
    }

    /** 结转: unspent money kept for the same purpose in a later fiscal year. */
    public record AllocationCarriedOver(UUID allocationId, Money amount, int toFiscalYear, LocalDate carriedOn) {
    }

    /** 基本支出 (running costs) or 项目支出 (project spending). */
    public enum ExpenditureKind {
        BASIC, PROJECT
    }

    /** 政府采购 category, for the procurement line of 部门决算公开相关信息统计表. */
    public enum ProcurementCategory {
        GOODS, WORKS, SERVICES
    }

    /**
     * 支付: money actually paid out by an org against an allocation it received. Classification codes are the
     * payment's own (政府收支分类科目); program, fiscal year and fund type are copied from the allocation so
     * consumers can classify a payment that arrives before its allocation.
     *
     * @param importJobId the bulk import that recorded it, or null for a single API call
     */
    public record PaymentRecorded(
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
            UUID importJobId) {
    }

    /** 冲销/退回: a payment (partly) undone; never an edit of the payment. */
    public record PaymentReversed(UUID reversalId, UUID paymentId, UUID allocationId, String payerOrg,
            Money amount, LocalDate reversedOn, String reason) {
    }
}
