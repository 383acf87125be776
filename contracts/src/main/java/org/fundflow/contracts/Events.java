package org.fundflow.contracts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
    public static final String SELF_EVALUATION_SUBMITTED = "SelfEvaluationSubmitted";
    public static final String SELF_EVALUATION_SCORED = "SelfEvaluationScored";

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

    /** What a self-evaluation covers: one project (项目支出绩效自评) or a department's whole budget (部门整体支出绩效自评). */
    public enum EvaluationLevel {
        PROJECT, DEPARTMENT
    }

    /** Where a self-evaluation's budget and execution came from: fundflow's own facts, or the form (historical). */
    public enum FiguresFrom {
        LIVE, SUBMITTED
    }

    /**
     * 绩效自评 submitted: the form as the agency keyed it in, with the budget and execution it was scored on. Every
     * submission is a new evaluation; a later one for the same org, year and program (or department) supersedes the
     * earlier as the current one, which nothing edits. Numbers the agency typed (weights, printed scores) are kept as
     * the decimal strings they were.
     *
     * @param programCode null for a department's whole-budget evaluation
     * @param template    the scoring template's name ("national-2020", "lishi-2022", …)
     * @param asOf        the date the LIVE figures were taken at; null for SUBMITTED
     * @param budget      全年预算数 scored on (LIVE: Σ budget of the org's allocations as of {@code asOf})
     * @param executed    全年执行数 scored on (LIVE: Σ payments − reversals against them as of {@code asOf})
     * @param supersedes  the evaluation that was current for the same subject before this one, or null
     */
    public record SelfEvaluationSubmitted(
            UUID evaluationId,
            String programCode,
            int fiscalYear,
            String orgCode,
            EvaluationLevel level,
            String template,
            FiguresFrom figuresFrom,
            LocalDate asOf,
            Money budget,
            Money executed,
            List<Indicator> indicators,
            Printed printed,
            UUID supersedes) {

        /** One row of the indicator table (一级/二级/三级指标, 年度指标值, 实际完成值, 分值) as submitted. */
        public record Indicator(String level1, String level2, String level3, String target, String actual,
                String weight, String kind, String tier, String percent, boolean notApplicable,
                String printedScore) {
        }

        /**
         * Figures as printed on the form (each optional).
         *
         * @param groupScores   printed first-level subtotals by group name
         * @param projectGrades a department's claimed count of projects per grade (优/良/中/差); null for a project
         */
        public record Printed(String executionRate, String executionScore, Map<String, String> groupScores,
                String total, String grade, Map<String, Integer> projectGrades) {
        }
    }

    /**
     * 绩效自评 scored: every figure recomputed from the submission, and every printed figure that disagrees. Rates
     * are four-decimal fractions ("0.3900"), scores two-decimal strings ("39.00"), grades 优/良/中/差.
     *
     * @param total    null when a weighted row could not be scored (or there are none)
     * @param grade    null with {@code total}
     * @param projects for a department: the project evaluations its statement was checked against; else null
     */
    public record SelfEvaluationScored(
            UUID evaluationId,
            String programCode,
            int fiscalYear,
            String orgCode,
            EvaluationLevel level,
            String template,
            Money budget,
            Money executed,
            String executionRate,
            String executionScore,
            List<IndicatorScore> indicatorScores,
            List<GroupScore> groupScores,
            String total,
            String grade,
            List<Discrepancy> discrepancies,
            List<ReviewFlag> reviewFlags,
            List<ProjectScore> projects) {

        /**
         * One indicator scored.
         *
         * @param group    the template group it counts in
         * @param basis    MEASURED, JUDGED, NOT_APPLICABLE, UNWEIGHTED or NOT_SCORED
         * @param achieved actual as a percentage of target for a measured row ("97.98"), else null
         * @param rule     how the score follows from the row
         * @param flags    kinds of the review flags raised on this indicator
         */
        public record IndicatorScore(String level1, String level2, String level3, String group, String weight,
                String score, String basis, String achieved, String tier, String rule, List<String> flags) {
        }

        public record GroupScore(String name, String weight, String score) {
        }

        /** A printed figure that differs from the recomputed one (figure: EXECUTION_RATE, TOTAL, GRADE, …). */
        public record Discrepancy(String figure, String subject, String printed, String recomputed, String rule) {
        }

        /** Something a reviewer should see that is not a contradiction (kind: FAR_EXCEEDED, NOT_MEASURED, …). */
        public record ReviewFlag(String kind, String subject, String message) {
        }

        /** A project evaluation a department's statement was checked against. */
        public record ProjectScore(UUID evaluationId, String programCode, Money budget, Money executed,
                String total, String grade) {
        }
    }
}
