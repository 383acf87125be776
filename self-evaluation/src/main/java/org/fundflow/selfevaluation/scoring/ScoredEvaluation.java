package org.fundflow.selfevaluation.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.fundflow.contracts.Rates;
import org.fundflow.selfevaluation.discrepancy.Discrepancy;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag;
import org.fundflow.selfevaluation.indicator.IndicatorScore;

/**
 * A form scored: every figure recomputed from the budget, the execution and the indicator rows, and every printed
 * figure that disagrees.
 *
 * @param executionRate  全年执行数 / 全年预算数, a fraction with four decimals, half-up ("0.3900")
 * @param executionScore the 执行率 row: its weight × min(rate, 1), two decimals
 * @param groupScores    the template's groups that have rows, in template order
 * @param total          the sum of the rounded group scores, plus the execution score where the template counts it on a
 *                       row of its own; null when a weighted row could not be scored or there are no weighted rows
 * @param grade          the grade of {@code total}; null with it
 */
public record ScoredEvaluation(String program, String org, int year, String template, BigDecimal executionRate,
        BigDecimal executionScore, List<IndicatorScore> indicatorScores, List<GroupScore> groupScores,
        BigDecimal total, Grade grade, List<Discrepancy> discrepancies, List<ReviewFlag> reviewFlags) {

    public ScoredEvaluation {
        indicatorScores = List.copyOf(indicatorScores);
        groupScores = List.copyOf(groupScores);
        discrepancies = List.copyOf(discrepancies);
        reviewFlags = List.copyOf(reviewFlags);
    }

    /** The execution rate for display, "39.00%". */
    public String executionRatePercent() {
        return Rates.percent(executionRate);
    }

    public Optional<GroupScore> group(String name) {
        return groupScores.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /**
     * A first-level group.
     *
     * @param weight the points its rows (and the execution row, if it sits in the group) can score
     * @param score  the sum of its rows' rounded scores; null if one of them could not be scored
     */
    public record GroupScore(String name, BigDecimal weight, BigDecimal score) {
    }
}
