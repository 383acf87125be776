package org.fundflow.selfevaluation.indicator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import org.fundflow.selfevaluation.template.Tier;

/**
 * One row of a form's indicator table (or of a scorecard) as submitted.
 *
 * @param level1       一级指标; must name a group of the template ("产出指标", "投入")
 * @param level3       三级指标, the indicator's name (level2 is used when there is none)
 * @param target       年度指标值 as written; null for a scorecard criterion that has none
 * @param actual       实际完成值 as written; null when not reported
 * @param weight       分值; null for an unweighted row (shown, not scored)
 * @param kind         null to infer from the target
 * @param tier         the submitter's tier for a qualitative indicator
 * @param percent      the submitter's share of the weight for a qualitative indicator, 0–100
 * @param printedScore 得分 as printed, checked against the recomputed score
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Indicator(String level1, String level2, String level3, String target, String actual, BigDecimal weight,
        Kind kind, Tier tier, BigDecimal percent, boolean notApplicable, BigDecimal printedScore) {

    public enum Kind {
        QUANTITATIVE,
        QUALITATIVE
    }

    public static Indicator of(String level1, String level2, String level3, String target, String actual,
            BigDecimal weight) {
        return new Indicator(level1, level2, level3, target, actual, weight, null, null, null, false, null);
    }

    public static Indicator of(String level1, String level2, String level3, String target, String actual,
            String weight) {
        return of(level1, level2, level3, target, actual, weight == null ? null : new BigDecimal(weight));
    }

    public Indicator withPrintedScore(BigDecimal score) {
        return new Indicator(level1, level2, level3, target, actual, weight, kind, tier, percent, notApplicable, score);
    }

    public Indicator withPrintedScore(String score) {
        return withPrintedScore(score == null ? null : new BigDecimal(score));
    }

    public Indicator withActual(String value) {
        return new Indicator(level1, level2, level3, target, value, weight, kind, tier, percent, notApplicable,
                printedScore);
    }

    public Indicator withKind(Kind value) {
        return new Indicator(level1, level2, level3, target, actual, weight, value, tier, percent, notApplicable,
                printedScore);
    }

    /** The submitter's judgement of a qualitative indicator: a tier, a percentage of the weight, or both. */
    public Indicator withJudgement(Tier value, BigDecimal percentOfWeight) {
        return new Indicator(level1, level2, level3, target, actual, weight, kind, value, percentOfWeight,
                notApplicable, printedScore);
    }

    public Indicator asNotApplicable() {
        return new Indicator(level1, level2, level3, target, actual, weight, kind, tier, percent, true, printedScore);
    }

    /** The name used in messages: 三级指标, else 二级指标, else 一级指标. */
    public String name() {
        if (level3 != null && !level3.isBlank()) {
            return level3.strip();
        }
        return level2 != null && !level2.isBlank() ? level2.strip() : String.valueOf(level1);
    }
}
