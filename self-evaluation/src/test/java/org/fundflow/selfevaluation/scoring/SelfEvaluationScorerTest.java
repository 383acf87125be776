package org.fundflow.selfevaluation.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fundflow.contracts.Money;
import org.fundflow.selfevaluation.discrepancy.Discrepancy;
import org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.indicator.IndicatorScore;
import org.fundflow.selfevaluation.indicator.IndicatorValueException;
import org.fundflow.selfevaluation.template.Template;
import org.fundflow.selfevaluation.template.Templates;
import org.fundflow.selfevaluation.template.Tier;
import org.junit.jupiter.api.Test;

class SelfEvaluationScorerTest {

    static final Money BUDGET = Money.parse("6710000");
    static final Money EXECUTED = Money.parse("2617100");

    /** A national form: 产出 50 (20+20+10), 效益 30 (qualitative), 满意度 10. */
    static List<Indicator> nationalRows() {
        return List.of(
                Indicator.of("产出指标", "数量指标", "召开培训会", "3次", "2次", "20"),
                Indicator.of("产出指标", "质量指标", "检查次数", "3次", "2次", "20"),
                Indicator.of("产出指标", "时效指标", "结算时限", "≤10天", "15天", "10"),
                Indicator.of("效益指标", "社会效益指标", "减轻困难群众医疗费用负担", "有效缓解", "有效缓解", "30")
                        .withJudgement(Tier.ACHIEVED, new BigDecimal("90")),
                Indicator.of("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥85%", "87%", "10"));
    }

    static Submission submission(List<Indicator> rows, Submission.Printed printed) {
        return new Submission("省级财政医疗救助补助资金", "离石区医疗保障局", 2022, BUDGET, EXECUTED, rows, printed);
    }

    @Test
    void nationalTemplateScoresExecutionTenPointsAndIndicatorsNinety() {
        ScoredEvaluation s = SelfEvaluationScorer.score(submission(nationalRows(), null));
        assertThat(s.template()).isEqualTo("national-2020");
        assertThat(s.executionRate()).isEqualByComparingTo("0.3900");
        assertThat(s.executionRatePercent()).isEqualTo("39.00%");
        assertThat(s.executionScore()).isEqualByComparingTo("3.90");
        assertThat(s.indicatorScores()).extracting(IndicatorScore::score).extracting(BigDecimal::toPlainString)
                .containsExactly("13.33", "13.33", "6.67", "27.00", "10.00");
        assertThat(s.groupScores()).extracting(ScoredEvaluation.GroupScore::name,
                g -> g.weight().toPlainString(), g -> g.score().toPlainString()).containsExactly(
                        tuple("产出指标", "50.00", "33.33"), tuple("效益指标", "30.00", "27.00"),
                        tuple("满意度指标", "10.00", "10.00"));
        // the total is the sum of the rounded rows: 3.90 + 33.33 + 27.00 + 10.00
        assertThat(s.total()).isEqualByComparingTo("74.23");
        assertThat(s.total().scale()).isEqualTo(2);
        assertThat(s.grade()).isEqualTo(Grade.FAIR);
        assertThat(s.discrepancies()).isEmpty();
        assertThat(s.reviewFlags()).isEmpty();
    }

    @Test
    void totalsAreSumsOfRoundedRows() {
        // three rows of 10 × 2/3 = 6.666…: each 6.67, the group 20.01, not 20.00
        List<Indicator> rows = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) {
            rows.add(Indicator.of("产出指标", "数量指标", n, "3次", "2次", "10"));
        }
        ScoredEvaluation s = SelfEvaluationScorer.score(submission(rows, null), Templates.load(Templates.LISHI_2022));
        assertThat(s.group("产出指标").orElseThrow().score()).isEqualByComparingTo("20.01");
        assertThat(s.total()).isEqualByComparingTo("20.01");
    }

    @Test
    void everyPrintedFigureThatDisagreesIsReported() {
        Map<String, BigDecimal> groups = new LinkedHashMap<>();
        groups.put("产出指标", new BigDecimal("40"));
        groups.put("效益", new BigDecimal("27"));
        List<Indicator> rows = new ArrayList<>(nationalRows());
        rows.set(0, rows.get(0).withPrintedScore("20"));
        rows.set(4, rows.get(4).withPrintedScore("10"));
        Submission.Printed printed = new Submission.Printed("40.49%", new BigDecimal("4.05"), groups,
                new BigDecimal("81"), Grade.GOOD);
        ScoredEvaluation s = SelfEvaluationScorer.score(submission(rows, printed));
        assertThat(s.discrepancies()).extracting(Discrepancy::figure, Discrepancy::subject, Discrepancy::printed,
                Discrepancy::recomputed).containsExactly(
                        tuple(Figure.EXECUTION_RATE, "预算执行率", "40.49%", "39.00%"),
                        tuple(Figure.EXECUTION_SCORE, "预算执行率", "4.05", "3.90"),
                        tuple(Figure.ROW_SCORE, "召开培训会", "20", "13.33"),
                        tuple(Figure.GROUP_SCORE, "产出指标", "40", "33.33"),
                        tuple(Figure.TOTAL, "总分", "81", "74.23"),
                        tuple(Figure.GRADE, "等级", "良", "中"));
        assertThat(s.discrepancies().get(0).rule()).contains("2617100.00 / 6710000.00");
    }

    @Test
    void printedFiguresAgreeAtThePrecisionPrinted() {
        // 54.55 % printed as "55%", a score of 3.90 printed as "4"
        Submission dept = new Submission("部门整体支出", "离石区医疗保障局", 2022, Money.parse("12898000"),
                Money.parse("7035950.57"), List.of(), new Submission.Printed("55%", new BigDecimal("5"), null, null,
                        null));
        ScoredEvaluation s = SelfEvaluationScorer.score(dept);
        assertThat(s.executionRatePercent()).isEqualTo("54.55%");
        assertThat(s.discrepancies()).isEmpty();
        Submission misprinted = new Submission("p", "o", 2022, Money.parse("150000"), Money.parse("54100"), List.of(),
                new Submission.Printed("36.10%", null, null, null, null));
        assertThat(SelfEvaluationScorer.score(misprinted).discrepancies()).extracting(Discrepancy::printed,
                Discrepancy::recomputed).containsExactly(tuple("36.10%", "36.07%"));
    }

    @Test
    void executionOverBudgetIsCappedAndFlagged() {
        Submission over = new Submission("p", "o", 2022, Money.parse("100"), Money.parse("120"), nationalRows(), null);
        ScoredEvaluation s = SelfEvaluationScorer.score(over);
        assertThat(s.executionRate()).isEqualByComparingTo("1.2000");
        assertThat(s.executionScore()).isEqualByComparingTo("10.00");
        assertThat(s.reviewFlags()).extracting(ReviewFlag::kind).containsExactly(ReviewFlag.Kind.OVER_BUDGET);
        Submission none = new Submission("p", "o", 2022, Money.ZERO, Money.ZERO, nationalRows(), null);
        assertThat(SelfEvaluationScorer.score(none).executionScore()).isEqualByComparingTo("0.00");
    }

    // --- templates are data: the three layouts without a code branch

    @Test
    void jinzhongScorecardCountsTheThreePointExecutionRowInsideInputs() {
        Template t = Templates.load(Templates.JINZHONG_2020_SCORECARD);
        List<Indicator> rows = List.of(
                Indicator.of("投入", "项目目标", "项目立项规范性", null, null, "3").withPrintedScore("3"),
                Indicator.of("投入", "项目目标", "绩效目标合理性", null, null, "4").withPrintedScore("4"),
                Indicator.of("投入", "项目目标", "绩效指标明确性", null, null, "4").withPrintedScore("4"),
                Indicator.of("投入", "资金落实", "资金到位率", null, null, "3").withPrintedScore("3"),
                Indicator.of("投入", "资金落实", "到位及时率", null, null, "3").withPrintedScore("3"),
                Indicator.of("过程", "业务管理", "管理制度健全性", null, null, "20").withPrintedScore("18"),
                Indicator.of("产出", "项目产出", "实际完成率", null, null, "30").withPrintedScore("30"),
                Indicator.of("效果", "项目效果", "社会效益", null, null, "30").withPrintedScore("30"));
        // half the budget spent: 预算执行率 3 × 0.5 = 1.50
        Submission s = new Submission("大病医疗互助", "晋中市总工会", 2020, Money.parse("1400000"), Money.parse("700000"),
                rows, new Submission.Printed(null, new BigDecimal("3.00"), Map.of("投入", new BigDecimal("20.00")),
                        new BigDecimal("98.00"), Grade.EXCELLENT));
        ScoredEvaluation e = SelfEvaluationScorer.score(s, t);
        assertThat(e.executionScore()).isEqualByComparingTo("1.50");
        assertThat(e.group("投入").orElseThrow().weight()).isEqualByComparingTo("20");
        assertThat(e.group("投入").orElseThrow().score()).isEqualByComparingTo("18.50");
        assertThat(e.total()).isEqualByComparingTo("96.50");
        assertThat(e.discrepancies()).extracting(Discrepancy::figure, Discrepancy::printed, Discrepancy::recomputed)
                .containsExactly(tuple(Figure.EXECUTION_SCORE, "3.00", "1.50"),
                        tuple(Figure.GROUP_SCORE, "20.00", "18.50"), tuple(Figure.TOTAL, "98.00", "96.50"));
    }

    @Test
    void lishiPrintsTheExecutionRowOutOfHundredOutsideTheTotal() {
        Template t = Templates.load(Templates.LISHI_2022);
        List<Indicator> rows = List.of(Indicator.of("产出指标", "数量指标", "资助参保人次数", "≥99%", "99%", "40"),
                Indicator.of("效益指标", "社会效益指标", "医疗救助对象覆盖范围", "逐步拓展", null, "30").withPrintedScore("30"),
                Indicator.of("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥85%", "87%", "30"));
        ScoredEvaluation e = SelfEvaluationScorer.score(submission(rows, null), t);
        assertThat(e.executionScore()).isEqualByComparingTo("39.00");
        assertThat(e.total()).isEqualByComparingTo("100.00");
        assertThat(e.grade()).isEqualTo(Grade.EXCELLENT);
        assertThat(e.reviewFlags()).isEmpty();
    }

    @Test
    void nationalWeightsThatDifferFromTheTemplateAreFlagged() {
        List<Indicator> rows = List.of(Indicator.of("产出指标", "数量指标", "a", "1次", "1次", "40"),
                Indicator.of("效益指标", "社会效益指标", "b", "1次", "1次", "50"));
        ScoredEvaluation e = SelfEvaluationScorer.score(submission(rows, null));
        assertThat(e.reviewFlags()).extracting(ReviewFlag::kind, ReviewFlag::subject).containsExactly(
                tuple(ReviewFlag.Kind.WEIGHTS_DIFFER_FROM_TEMPLATE, "产出指标"),
                tuple(ReviewFlag.Kind.WEIGHTS_DIFFER_FROM_TEMPLATE, "效益指标"),
                tuple(ReviewFlag.Kind.WEIGHTS_DIFFER_FROM_TEMPLATE, "满意度指标"));
        assertThat(e.total()).isEqualByComparingTo("93.90");
    }

    // --- not applicable: dropped, the rest rescaled as the template says

    @Test
    void notApplicableWithinGroupSharesTheWeightInTheGroup() {
        List<Indicator> rows = new ArrayList<>(nationalRows());
        rows.set(2, rows.get(2).asNotApplicable());
        ScoredEvaluation s = SelfEvaluationScorer.score(submission(rows, null));
        // 产出 keeps 50: the two 20-point rows become 25 each, scored 25 × 2/3
        assertThat(s.indicatorScores()).extracting(r -> r.weight().toPlainString(), r -> String.valueOf(r.score()))
                .containsExactly(tuple("25.00", "16.67"), tuple("25.00", "16.67"), tuple("0.00", "null"),
                        tuple("30.00", "27.00"), tuple("10.00", "10.00"));
        assertThat(s.group("产出指标").orElseThrow().weight()).isEqualByComparingTo("50");
        assertThat(s.total()).isEqualByComparingTo("74.24");
        assertThat(s.reviewFlags()).extracting(ReviewFlag::kind, ReviewFlag::subject)
                .containsExactly(tuple(ReviewFlag.Kind.NOT_APPLICABLE, "结算时限"));
    }

    @Test
    void aGroupDroppedWholeIsSharedByAllTheRest() {
        List<Indicator> rows = new ArrayList<>(nationalRows());
        rows.set(4, rows.get(4).asNotApplicable());
        ScoredEvaluation s = SelfEvaluationScorer.score(submission(rows, null));
        // 90 indicator points over the remaining 80: × 1.125
        assertThat(s.indicatorScores()).extracting(r -> r.weight().toPlainString()).containsExactly("22.50", "22.50",
                "11.25", "33.75", "0.00");
        assertThat(s.groupScores()).extracting(g -> g.weight().toPlainString()).containsExactly("56.25", "33.75",
                "0.00");
    }

    @Test
    void notApplicableAcrossAllOrNotAtAll() {
        Template across = Templates.parse("""
                {"name": "across", "execution": {"weight": 10},
                 "groups": [{"name": "产出指标", "weight": 50}, {"name": "效益指标", "weight": 30},
                            {"name": "满意度指标", "weight": 10}],
                 "notApplicable": "ACROSS_ALL"}""");
        List<Indicator> rows = new ArrayList<>(nationalRows());
        rows.set(2, rows.get(2).asNotApplicable());
        ScoredEvaluation a = SelfEvaluationScorer.score(submission(rows, null), across);
        assertThat(a.indicatorScores()).extracting(r -> r.weight().toPlainString()).containsExactly("22.50", "22.50",
                "0.00", "33.75", "11.25");
        Template none = Templates.parse("""
                {"name": "none", "execution": {"weight": 10},
                 "groups": [{"name": "产出指标"}, {"name": "效益指标"}, {"name": "满意度指标"}],
                 "notApplicable": "NONE"}""");
        ScoredEvaluation n = SelfEvaluationScorer.score(submission(rows, null), none);
        assertThat(n.indicatorScores()).extracting(r -> r.weight().toPlainString()).containsExactly("20.00", "20.00",
                "0.00", "30.00", "10.00");
        assertThat(n.group("产出指标").orElseThrow().weight()).isEqualByComparingTo("40");
    }

    // --- clear errors

    @Test
    void aRowOutsideTheTemplatesGroupsIsAnError() {
        List<Indicator> rows = List.of(Indicator.of("成本指标", "经济成本指标", "a", "1次", "1次", "10"));
        assertThatThrownBy(() -> SelfEvaluationScorer.score(submission(rows, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("成本指标")
                .hasMessageContaining("产出指标, 效益指标, 满意度指标");
    }

    @Test
    void theExecutionRowIsNotAnIndicator() {
        List<Indicator> rows = List.of(Indicator.of("投入", "资金落实", "预算执行率", null, null, "3").withPrintedScore("3"));
        assertThatThrownBy(() -> SelfEvaluationScorer.score(submission(rows, null),
                Templates.load(Templates.JINZHONG_2020_SCORECARD))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("printed.executionScore");
    }

    @Test
    void anUnparseableTargetNamesTheIndicator() {
        List<Indicator> rows = List.of(Indicator.of("产出指标", "时效指标", "各县申报互助补偿金", "10-11月", "10-11月", "10"));
        assertThatThrownBy(() -> SelfEvaluationScorer.score(submission(rows, null)))
                .isInstanceOfSatisfying(IndicatorValueException.class, e -> {
                    assertThat(e.indicator()).isEqualTo("各县申报互助补偿金");
                    assertThat(e.text()).isEqualTo("10-11月");
                });
    }

    @Test
    void aPrintedRateThatIsNotARateIsAnError() {
        Submission s = submission(List.of(), new Submission.Printed("较高", null, null, null, null));
        assertThatThrownBy(() -> SelfEvaluationScorer.score(s)).isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("较高");
    }

    @Test
    void aPrintedSubtotalOfAnUnknownGroupIsAnError() {
        Submission s = submission(nationalRows(), new Submission.Printed(null, null, Map.of("投入", BigDecimal.TEN),
                null, null));
        assertThatThrownBy(() -> SelfEvaluationScorer.score(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("投入");
    }

    @Test
    void withoutATotalThePrintedGradeIsCheckedAgainstThePrintedTotal() {
        List<Indicator> rows = List.of(Indicator.of("产出指标", "数量指标", "a", "逐步拓展", null, "90"));
        ScoredEvaluation s = SelfEvaluationScorer.score(submission(rows, new Submission.Printed(null, null, null,
                new BigDecimal("85"), Grade.EXCELLENT)));
        assertThat(s.total()).isNull();
        assertThat(s.discrepancies()).extracting(Discrepancy::figure, Discrepancy::printed, Discrepancy::recomputed)
                .containsExactly(tuple(Figure.GRADE, "优", "良"));
        assertThat(s.discrepancies().get(0).rule()).contains("printed total 85");
    }
}
