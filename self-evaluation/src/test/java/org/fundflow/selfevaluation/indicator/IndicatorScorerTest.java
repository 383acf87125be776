package org.fundflow.selfevaluation.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import org.fundflow.selfevaluation.discrepancy.Discrepancy;
import org.fundflow.selfevaluation.discrepancy.Findings;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag.Kind;
import org.fundflow.selfevaluation.indicator.IndicatorScore.Basis;
import org.fundflow.selfevaluation.template.Template;
import org.fundflow.selfevaluation.template.Templates;
import org.fundflow.selfevaluation.template.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorScorerTest {
    static final Template NATIONAL = Templates.national();

    Findings findings = new Findings();

    IndicatorScore score(Indicator row) {
        return score(row, NATIONAL);
    }

    IndicatorScore score(Indicator row, Template template) {
        return IndicatorScorer.score(row, "产出指标", row.weight(), template, findings);
    }

    static Indicator row(String target, String actual, String weight) {
        return Indicator.of("产出指标", "数量指标", "指标", target, actual, weight);
    }

    /** target, actual, weight → score: met → full weight; missed → weight × actual/target; reverse → target/actual. */
    @ParameterizedTest(name = "{0} vs {1}, weight {2} → {3}")
    @CsvSource(delimiter = '|', value = {
            "≥85%       | 90%        | 20 | 20.00",
            "≥85%       | 85%        | 20 | 20.00",
            "≥85%       | 68%        | 20 | 16.00",
            "＞80%      | 60%        | 10 | 7.50",
            "45000人次  | 30000人次  | 10 | 6.67",
            "=100%      | 98%        | 10 | 9.80",
            "2次        | 0          | 20 | 0.00",
            "≤200次     | 180次      | 10 | 10.00",
            "≤200次     | 250次      | 10 | 8.00",
            "＜5%       | 8%         | 30 | 18.75",
            "≤15天      | 20天       | 10 | 7.50",
            "122.59万元 | 1225900元  | 10 | 10.00",
            "122.59万元 | 61.295万元 | 10 | 5.00",
            "0.95       | 100%       | 10 | 10.00",
            "≥99%       | 0.98       | 10 | 9.90",
            "≥90%       | 45         | 10 | 5.00",
            "325万元    | 162.5      | 10 | 5.00",
            "25222人    | 25222人    | 8  | 8.00",
            "1年        | 1年        | 10 | 10.00"})
    void quantitativeRules(String target, String actual, String weight, String expected) {
        IndicatorScore s = score(row(target, actual, weight));
        assertThat(s.basis()).isEqualTo(Basis.MEASURED);
        assertThat(s.score()).isEqualByComparingTo(expected);
        assertThat(s.score().scale()).isEqualTo(2);
        assertThat(findings.flags()).isEmpty();
    }

    @Test
    void achievedIsThePerformanceAgainstTarget() {
        assertThat(score(row("≥85%", "68%", "20")).achieved()).isEqualByComparingTo("80.00");
        assertThat(score(row("≤200次", "250次", "10")).achieved()).isEqualByComparingTo("80.00");
        assertThat(score(row("≥80%", "90%", "10")).achieved()).isEqualByComparingTo("112.50");
    }

    @Test
    void farExceededScoresFullWeightAndIsFlagged() {
        IndicatorScore s = score(row("≥80%", "100%", "10"));
        assertThat(s.score()).isEqualByComparingTo("10.00");
        assertThat(s.achieved()).isEqualByComparingTo("125.00");
        assertThat(findings.flags()).extracting(ReviewFlag::kind, ReviewFlag::subject)
                .containsExactly(tuple(Kind.FAR_EXCEEDED, "指标"));
    }

    @Test
    void exactlyTheThresholdIsNotFarExceeded() {
        score(row("≥80%", "96%", "10"));
        assertThat(findings.flags()).isEmpty();
    }

    @Test
    void reverseIndicatorsFarExceededBelowTarget() {
        score(row("≤200次", "150次", "10"));
        assertThat(findings.flags()).extracting(ReviewFlag::kind).containsExactly(Kind.FAR_EXCEEDED);
        // a reverse target met with zero: infinitely better, full weight, flagged
        Findings f = new Findings();
        IndicatorScore zero = IndicatorScorer.score(row("≤200次", "0次", "10"), "产出指标", BigDecimal.TEN, NATIONAL, f);
        assertThat(zero.score()).isEqualByComparingTo("10.00");
        assertThat(zero.achieved()).isNull();
        assertThat(f.flags()).extracting(ReviewFlag::kind).containsExactly(Kind.FAR_EXCEEDED);
    }

    @Test
    void theThresholdIsATemplateSetting() {
        Template lenient = Templates.parse("""
                {"name": "lenient", "execution": {"weight": 10}, "farExceededPercent": 150,
                 "groups": [{"name": "产出指标", "weight": 90}]}""");
        score(row("≥80%", "100%", "10"), lenient);
        assertThat(findings.flags()).isEmpty();
        score(row("≥60%", "100%", "10"), lenient);
        assertThat(findings.flags()).extracting(ReviewFlag::kind).containsExactly(Kind.FAR_EXCEEDED);
    }

    @Test
    void unitsThatDoNotCompareAreAnErrorNamingTheIndicator() {
        assertThatThrownBy(() -> score(row("≥85%", "25222人", "10")))
                .isInstanceOfSatisfying(IndicatorValueException.class, e -> {
                    assertThat(e.indicator()).isEqualTo("指标");
                    assertThat(e.text()).isEqualTo("25222人");
                });
        assertThatThrownBy(() -> score(row("45000人次", "45000人", "10"))).isInstanceOf(IndicatorValueException.class);
    }

    @Test
    void anUnparseableActualIsAnError() {
        assertThatThrownBy(() -> score(row("≥85%", "约90%", "10"))).isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("约90%");
    }

    @Test
    void anUnparseableTargetIsAnErrorEvenWhenTheRowIsJudged() {
        assertThatThrownBy(() -> score(row("10-11月", null, "10").withPrintedScore("10")))
                .isInstanceOfSatisfying(IndicatorValueException.class, e -> {
                    assertThat(e.indicator()).isEqualTo("指标");
                    assertThat(e.text()).isEqualTo("10-11月");
                });
    }

    @Test
    void aDescriptiveTargetCanBeMarkedQualitative() {
        IndicatorScore s = score(row("对2400人进行大病医疗补偿", "对2400人进行大病医疗补偿", "10")
                .withKind(Indicator.Kind.QUALITATIVE).withJudgement(Tier.ACHIEVED, new BigDecimal("100")));
        assertThat(s.score()).isEqualByComparingTo("10.00");
        assertThatThrownBy(() -> score(row("有效缓解", "有效缓解", "10").withKind(Indicator.Kind.QUANTITATIVE)))
                .isInstanceOf(IndicatorValueException.class).hasMessageContaining("quantitative");
    }

    @Test
    void aQuantitativeTargetWithoutANumericActualIsJudgedAndFlagged() {
        IndicatorScore s = score(row("325万元", "发放到位", "10").withPrintedScore("10"));
        assertThat(s.basis()).isEqualTo(Basis.JUDGED);
        assertThat(s.score()).isEqualByComparingTo("10.00");
        assertThat(s.tier()).isNull();
        IndicatorScore none = score(row("≥99%", null, "20").withPrintedScore("20"));
        assertThat(none.score()).isEqualByComparingTo("20.00");
        assertThat(findings.flags()).extracting(ReviewFlag::kind).containsExactly(Kind.NOT_MEASURED,
                Kind.NOT_MEASURED);
    }

    @Test
    void aTargetRelativeToLastYearIsJudgedAndFlagged() {
        IndicatorScore s = score(row("不低于上年", "0", "10").withPrintedScore("5"));
        assertThat(s.basis()).isEqualTo(Basis.JUDGED);
        assertThat(s.score()).isEqualByComparingTo("5.00");
        assertThat(s.tier()).isEqualTo(Tier.NOT_ACHIEVED);
        assertThat(findings.flags()).extracting(ReviewFlag::kind).containsExactly(Kind.RELATIVE_TARGET);
    }

    // --- qualitative: 达成 100–80 %, 部分达成 80–60 %, 未达成 60–0 % of the weight

    @ParameterizedTest(name = "{0} {1}% of 30 → {2}")
    @CsvSource({"ACHIEVED, 100, 30.00", "ACHIEVED, 80, 24.00", "PARTIALLY_ACHIEVED, 80, 24.00",
            "PARTIALLY_ACHIEVED, 70, 21.00", "PARTIALLY_ACHIEVED, 60, 18.00", "NOT_ACHIEVED, 60, 18.00",
            "NOT_ACHIEVED, 33.33, 10.00", "NOT_ACHIEVED, 0, 0.00"})
    void aPercentageInsideItsTier(Tier tier, String percent, String expected) {
        IndicatorScore s = score(row("有效缓解", null, "30").withJudgement(tier, new BigDecimal(percent)));
        assertThat(s.score()).isEqualByComparingTo(expected);
        assertThat(s.tier()).isEqualTo(tier);
        assertThat(s.basis()).isEqualTo(Basis.JUDGED);
    }

    @ParameterizedTest(name = "{0} {1}%")
    @CsvSource({"ACHIEVED, 79.99", "PARTIALLY_ACHIEVED, 85", "PARTIALLY_ACHIEVED, 59", "NOT_ACHIEVED, 61"})
    void aPercentageOutsideItsTierIsAnError(Tier tier, String percent) {
        assertThatThrownBy(() -> score(row("逐步拓展", null, "30").withJudgement(tier, new BigDecimal(percent))))
                .isInstanceOfSatisfying(IndicatorValueException.class, e -> {
                    assertThat(e.indicator()).isEqualTo("指标");
                    assertThat(e.getMessage()).contains(tier.label());
                });
    }

    @Test
    void aPercentageAloneGivesTheBestTierHoldingIt() {
        assertThat(score(row("有效缓解", null, "10").withJudgement(null, new BigDecimal("80"))).tier())
                .isEqualTo(Tier.ACHIEVED);
        assertThat(score(row("有效缓解", null, "10").withJudgement(null, new BigDecimal("60"))).tier())
                .isEqualTo(Tier.PARTIALLY_ACHIEVED);
        assertThat(score(row("有效缓解", null, "10").withJudgement(null, new BigDecimal("59.9"))).tier())
                .isEqualTo(Tier.NOT_ACHIEVED);
        assertThatThrownBy(() -> score(row("有效缓解", null, "10").withJudgement(null, new BigDecimal("101"))))
                .isInstanceOf(IndicatorValueException.class);
    }

    @Test
    void aTierAloneScoresTheTemplatesDefaultAndIsFlagged() {
        assertThat(score(row("有效缓解", null, "30").withJudgement(Tier.ACHIEVED, null)).score())
                .isEqualByComparingTo("30.00");
        assertThat(score(row("有效缓解", null, "30").withJudgement(Tier.PARTIALLY_ACHIEVED, null)).score())
                .isEqualByComparingTo("21.00");
        assertThat(score(row("有效缓解", null, "30").withJudgement(Tier.NOT_ACHIEVED, null)).score())
                .isEqualByComparingTo("9.00");
        assertThat(findings.flags()).extracting(ReviewFlag::kind).containsOnly(Kind.TIER_DEFAULT);
    }

    @Test
    void aPrintedScoreMustLieInTheNamedTier() {
        IndicatorScore inside = score(row("有效缓解", null, "30").withJudgement(Tier.PARTIALLY_ACHIEVED, null)
                .withPrintedScore("20"));
        assertThat(inside.score()).isEqualByComparingTo("20.00");
        assertThat(findings.discrepancies()).isEmpty();
        // 达成 claimed, but 10 of 30 is 33 %: recomputed at the tier's nearest bound, 80 %
        IndicatorScore outside = score(row("有效缓解", null, "30").withJudgement(Tier.ACHIEVED, null)
                .withPrintedScore("10"));
        assertThat(outside.score()).isEqualByComparingTo("24.00");
        assertThat(findings.discrepancies()).extracting(Discrepancy::figure, Discrepancy::printed,
                Discrepancy::recomputed).containsExactly(tuple(Discrepancy.Figure.ROW_SCORE, "10", "24.00"));
    }

    @Test
    void aPrintedScoreAloneIsTheJudgementWithinZeroAndTheWeight() {
        IndicatorScore s = score(row("逐步拓展", "0", "30").withPrintedScore("10"));
        assertThat(s.score()).isEqualByComparingTo("10.00");
        assertThat(s.tier()).isEqualTo(Tier.NOT_ACHIEVED);
        IndicatorScore over = score(row("逐步拓展", null, "30").withPrintedScore("35"));
        assertThat(over.score()).isEqualByComparingTo("30.00");
        assertThat(findings.discrepancies()).extracting(Discrepancy::printed, Discrepancy::recomputed)
                .containsExactly(tuple("35", "30.00"));
    }

    @Test
    void nothingToScoreByIsNotScoredAndFlagged() {
        IndicatorScore s = score(row("逐步拓展", null, "30"));
        assertThat(s.basis()).isEqualTo(Basis.NOT_SCORED);
        assertThat(s.score()).isNull();
        assertThat(findings.flags()).extracting(ReviewFlag::kind).containsExactly(Kind.NOT_SCORED);
    }

    @Test
    void aCriterionWithNoTargetIsJudged() {
        // 晋中 评分表: 立项规范性 3 / 3.00
        IndicatorScore s = score(Indicator.of("投入", "项目目标", "立项规范性", null, null, "3").withPrintedScore("3.00"));
        assertThat(s.basis()).isEqualTo(Basis.JUDGED);
        assertThat(s.score()).isEqualByComparingTo("3.00");
    }

    @Test
    void unweightedAndNotApplicableRowsCountForNothing() {
        IndicatorScore unweighted = score(row("10-11月", "10-11月", null));
        assertThat(unweighted.basis()).isEqualTo(Basis.UNWEIGHTED);
        assertThat(unweighted.score()).isNull();
        IndicatorScore dropped = score(row("≥85%", "90%", "10").asNotApplicable());
        assertThat(dropped.basis()).isEqualTo(Basis.NOT_APPLICABLE);
        assertThat(dropped.weight()).isEqualByComparingTo("0");
    }

    @Test
    void aPrintedRowScoreIsCheckedAtItsOwnPrecision() {
        score(row("45000人次", "30000人次", "10").withPrintedScore("6.7"));
        score(row("45000人次", "30000人次", "10").withPrintedScore("7"));
        assertThat(findings.discrepancies()).isEmpty();
        score(row("45000人次", "30000人次", "10").withPrintedScore("10"));
        assertThat(findings.discrepancies()).extracting(Discrepancy::figure, Discrepancy::subject,
                Discrepancy::printed, Discrepancy::recomputed)
                .containsExactly(tuple(Discrepancy.Figure.ROW_SCORE, "指标", "10", "6.67"));
        assertThat(findings.discrepancies().get(0).rule()).contains("30000/45000");
    }
}
