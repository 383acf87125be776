package org.fundflow.selfevaluation.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fundflow.contracts.Money;
import org.fundflow.selfevaluation.indicator.Indicator;

/**
 * A self-evaluation form as submitted: one project's (or, for a department, the whole budget's) figures and indicator
 * table, with whatever the form printed so it can be checked.
 *
 * @param budget   全年预算数
 * @param executed 全年执行数
 */
public record Submission(String program, String org, int year, Money budget, Money executed,
        List<Indicator> indicators, Printed printed) {

    public Submission {
        Objects.requireNonNull(budget, "budget (全年预算数) is required");
        Objects.requireNonNull(executed, "executed (全年执行数) is required");
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        printed = printed == null ? Printed.NONE : printed;
    }

    /**
     * Figures as printed on the form; every one is optional.
     *
     * @param executionRate  执行率 as printed ("40.49%", "55%", "0"); a bare number is percentage points
     * @param executionScore the 执行率 row's 得分
     * @param groupScores    first-level subtotals by group name (晋中 prints 投入: 20.00)
     * @param total          总分 / 综合得分
     * @param grade          评价结果等次
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Printed(String executionRate, BigDecimal executionScore, Map<String, BigDecimal> groupScores,
            BigDecimal total, Grade grade) {
        public static final Printed NONE = new Printed(null, null, Map.of(), null, null);

        public Printed {
            groupScores = groupScores == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(groupScores));
        }
    }
}
