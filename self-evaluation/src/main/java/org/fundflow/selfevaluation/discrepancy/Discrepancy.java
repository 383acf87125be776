package org.fundflow.selfevaluation.discrepancy;

import java.util.Objects;

/**
 * A printed figure that differs from the one recomputed from the form's own numbers.
 *
 * @param subject    what the figure belongs to: the indicator (三级指标), the group (一级指标), 执行率, 总分, 等级 or, for a
 *                   department, the grade counted
 * @param printed    the figure as printed ("40.49%", "40", "中")
 * @param recomputed the figure recomputed, scores with two decimals ("39.00%", "39.00", "差")
 * @param rule       how the recomputed figure follows from the numbers
 */
public record Discrepancy(Figure figure, String subject, String printed, String recomputed, String rule) {

    public Discrepancy {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(printed, "printed");
        Objects.requireNonNull(recomputed, "recomputed");
    }

    public enum Figure {
        /** 执行率 = 全年执行数 / 全年预算数. */
        EXECUTION_RATE,
        /** The 执行率 row's 得分. */
        EXECUTION_SCORE,
        /** An indicator's 得分. */
        ROW_SCORE,
        /** A first-level subtotal (晋中 prints 投入: 20.00). */
        GROUP_SCORE,
        /** 总分 / 综合得分. */
        TOTAL,
        /** 等级 / 评价结果等次. */
        GRADE,
        /** A department's budget against the sum of its projects' budgets. */
        PROJECT_BUDGET_SUM,
        /** A department's execution against the sum of its projects' executions. */
        PROJECT_EXECUTED_SUM,
        /** How many of a department's projects it says got a grade, against the grades recomputed. */
        PROJECT_GRADE_COUNT
    }
}
