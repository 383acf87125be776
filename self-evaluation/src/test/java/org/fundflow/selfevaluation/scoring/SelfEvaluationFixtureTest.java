package org.fundflow.selfevaluation.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure.EXECUTION_RATE;
import static org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure.EXECUTION_SCORE;
import static org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure.GRADE;
import static org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure.PROJECT_EXECUTED_SUM;
import static org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure.PROJECT_GRADE_COUNT;
import static org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure.ROW_SCORE;
import static org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure.TOTAL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.fundflow.selfevaluation.discrepancy.Discrepancy;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag;
import org.fundflow.selfevaluation.discrepancy.Findings;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.indicator.IndicatorScore;
import org.fundflow.selfevaluation.indicator.IndicatorScorer;
import org.fundflow.selfevaluation.indicator.IndicatorValueException;
import org.fundflow.selfevaluation.indicator.ParsedValue;
import org.fundflow.selfevaluation.indicator.ValueParser;
import org.fundflow.selfevaluation.template.Templates;
import org.fundflow.selfevaluation.template.Template;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every form of shared/fixtures/self-evaluations.json, one test each, named by its fixture id. Each is keyed in as
 * printed ({@link FixtureForms}), scored with the template that fits the form, and must reproduce the entry's
 * {@code recomputed} block exactly (every key of it is checked; an unknown key fails) and report exactly the
 * discrepancies listed here — the numeric ones among the entry's {@code inconsistencies}, nothing else.
 */
class SelfEvaluationFixtureTest {

    /**
     * The discrepancies each form must report: (figure, subject, printed, recomputed). The 离石 forms print no grade;
     * their reports conclude "自评等级中" (fixture lishi_summary.report_text_grade), which is checked against the
     * recomputed total like a printed grade.
     */
    static final Map<String, List<Tuple>> EXPECTED = Map.ofEntries(
            // Scores of 投入 and 过程 are not legible: the total cannot be recomputed; 效果 30 = 5+5+5+5+10 agrees.
            Map.entry("SE-000", List.of()),
            Map.entry("SE-001", List.of()),
            Map.entry("SE-002-L1", List.of(grade("中", "差"))),
            Map.entry("SE-002-L2", List.of(grade("中", "差"))),
            Map.entry("SE-002-L3", List.of(grade("中", "差"))),
            // "Execution-rate 得分 printed 0 although 执行率 printed 100%"; "Total 100 would be 优, but the report text
            // says '自评等级中'".
            Map.entry("SE-002-L4", List.of(tuple(EXECUTION_SCORE, "执行率", "0", "100.00"), grade("中", "优"))),
            Map.entry("SE-002-L5", List.of(grade("中", "差"))),
            // "Printed 执行率 40.49% ≠ 261.71/671 = 39.00%"; its 得分 40 follows the misprinted rate (100 × 0.3900 = 39).
            Map.entry("SE-002-L6", List.of(tuple(EXECUTION_RATE, "执行率", "40.49%", "39.00%"),
                    tuple(EXECUTION_SCORE, "执行率", "40", "39.00"), grade("中", "差"))),
            Map.entry("SE-002-L7", List.of(grade("中", "差"))),
            // "Printed 执行率 36.10% vs 5.41/15 = 36.07%". Its 得分 36 is 36.07 printed to whole points: no discrepancy.
            Map.entry("SE-002-L8", List.of(tuple(EXECUTION_RATE, "执行率", "36.10%", "36.07%"), grade("中", "差"))),
            // No form: nothing printed to check but the grade, and there is no total to grade.
            Map.entry("SE-002-R150", List.of()),
            Map.entry("SE-002-R2", List.of()),
            // "Body says 预算执行率 0% while 9.67/10 = 96.70% was paid."
            Map.entry("SE-002-R10", List.of(tuple(EXECUTION_RATE, "执行率", "0%", "96.70%"))),
            // "执行率 55% ≈ 54.55% (rounded to integer)": agrees at the printed precision, so not a discrepancy.
            Map.entry("SE-002-DEPT", List.of()));

    /** SE-002-DEPT's statements about its projects, against the eight project forms. */
    static final List<Tuple> DEPARTMENT_EXPECTED = List.of(
            // "执行数 7,035,950.57 is total 项目支出 …, not Σ of the 8 projects' executions (687.12万 = 6,871,200)"
            tuple(PROJECT_EXECUTED_SUM, "全年执行数", "7035950.57", "6871200.00"),
            // "Claims 1 优 + 7 良, but the 8 forms' totals are 100, 0, 0, 0, 0, 40, 0, 36 (only one ≥ 60)"
            tuple(PROJECT_GRADE_COUNT, "良", "7", "0"),
            tuple(PROJECT_GRADE_COUNT, "差", "0", "7"));

    static Stream<Arguments> forms() {
        return FixtureForms.evaluations().stream()
                .map(e -> Arguments.of(Named.of(e.path("id").asString(), e.path("id").asString()), e));
    }

    @Test
    void everyFormOfTheFixtureHasATest() {
        List<String> ids = FixtureForms.evaluations().stream().map(e -> e.path("id").asString()).toList();
        assertThat(ids).hasSize(FixtureForms.root().path("count").asInt()).hasSize(14);
        assertThat(new HashSet<>(ids)).isEqualTo(EXPECTED.keySet());
    }

    @DisplayName("self-evaluations.json")
    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void reproducesTheFixture(String id, JsonNode form) {
        Template template = FixtureForms.templateFor(form);
        ScoredEvaluation scored;
        DepartmentEvaluation department = null;
        if (FixtureForms.DEPARTMENT.equals(form.path("form_type").asString())) {
            department = SelfEvaluationScorer.scoreDepartment(FixtureForms.department(form), template);
            scored = department.department();
        } else {
            scored = SelfEvaluationScorer.score(FixtureForms.submission(form), template);
        }
        Submission submission = FixtureForms.submission(form);

        // the template fits the form: the 执行率 row's printed weight is the template's
        BigDecimal printedExecutionWeight = FixtureForms.number(form, "execution_rate_weight_printed");
        if (printedExecutionWeight != null) {
            assertThat(template.execution().weight()).isEqualByComparingTo(printedExecutionWeight);
        }
        assertRecomputed(form.path("recomputed"), scored, submission, template, department);
        assertThat(scored.discrepancies()).extracting(Discrepancy::figure, Discrepancy::subject, Discrepancy::printed,
                Discrepancy::recomputed).as(id + " discrepancies").containsExactlyInAnyOrderElementsOf(EXPECTED.get(id));
        if (department != null) {
            assertThat(department.discrepancies()).extracting(Discrepancy::figure, Discrepancy::subject,
                    Discrepancy::printed, Discrepancy::recomputed).containsExactlyInAnyOrderElementsOf(
                            DEPARTMENT_EXPECTED);
            // "整体绩效自评得分为7分 — implausible": there is no indicator table to recompute it from.
            assertThat(scored.reviewFlags()).extracting(ReviewFlag::kind, ReviewFlag::subject)
                    .contains(tuple(ReviewFlag.Kind.UNVERIFIABLE, "总分"));
        }
    }

    /** Checks every key of the entry's recomputed block; a key this test does not know fails it. */
    private static void assertRecomputed(JsonNode recomputed, ScoredEvaluation scored, Submission submission,
            Template template, DepartmentEvaluation department) {
        for (Map.Entry<String, JsonNode> e : recomputed.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "execution_rate_recomputed_pct" -> assertThat(scored.executionRate().movePointRight(2))
                        .as(key).isEqualByComparingTo(v.decimalValue());
                case "sum_indicator_weights", "scorecard_weight_sum" -> assertThat(scored.groupScores().stream()
                        .map(ScoredEvaluation.GroupScore::weight).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .as(key).isEqualByComparingTo(v.decimalValue());
                case "scorecard_weight_by_group" -> v.properties().forEach(g -> assertThat(
                        scored.group(g.getKey()).orElseThrow().weight()).as(key + "." + g.getKey())
                        .isEqualByComparingTo(g.getValue().decimalValue()));
                case "group_scores" -> v.properties().forEach(g -> assertThat(
                        scored.group(g.getKey()).orElseThrow().score()).as(key + "." + g.getKey())
                        .isEqualByComparingTo(g.getValue().decimalValue()));
                case "sum_indicator_scores", "scorecard_score_sum" -> assertThat(scored.total()).as(key)
                        .isEqualByComparingTo(v.decimalValue());
                case "visible_scores_sum" -> assertThat(scored.indicatorScores().stream().map(IndicatorScore::score)
                        .filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add)).as(key)
                        .isEqualByComparingTo(v.decimalValue());
                case "total_includes_execution_rate_row" -> assertThat(template.execution().inTotal()).as(key)
                        .isEqualTo(v.asBoolean());
                case "printed_total_minus_recomputed" -> assertThat(submission.printed().total()
                        .subtract(scored.total())).as(key).isEqualByComparingTo(v.decimalValue());
                case "grade_if_conventional_bands_on_printed_total" -> assertThat(
                        Grade.of(submission.printed().total(), template.grades()).label()).as(key)
                        .isEqualTo(v.asString());
                case "grade_if_conventional_bands_on_recomputed_total" -> assertThat(scored.grade().label()).as(key)
                        .isEqualTo(v.asString());
                case "sum_8_project_budgets_wan" -> assertThat(department.projectBudget().toWan()).as(key)
                        .isEqualByComparingTo(v.decimalValue());
                case "sum_8_project_executions_wan" -> assertThat(department.projectExecuted().toWan()).as(key)
                        .isEqualByComparingTo(v.decimalValue());
                case "note" -> {
                    // SE-000: "Scores for 投入/过程 not extracted; cannot fully recompute 综合得分." Checked below.
                    assertThat(scored.total()).isNull();
                    assertThat(scored.group("投入").orElseThrow().score()).isNull();
                    assertThat(scored.group("过程").orElseThrow().score()).isNull();
                    assertThat(scored.reviewFlags()).extracting(ReviewFlag::kind, ReviewFlag::subject)
                            .contains(tuple(ReviewFlag.Kind.UNVERIFIABLE, "总分"));
                }
                default -> throw new AssertionError("recomputed." + key + " is not checked by this test");
            }
        }
    }

    private static Tuple grade(String printed, String recomputed) {
        return tuple(GRADE, "等级", printed, recomputed);
    }

    /**
     * SE-002-L4 with the 实际完成值 zeros keyed in as measurements: every quantitative row that claims its weight is
     * recomputed from actual 0, and the total falls from 100 to the rows that are judged, not measured. This is why
     * the fixture test keys the column as "not reported" (see {@link FixtureForms#lishiForm}).
     */
    @Test
    void lishiZerosTakenLiterallyContradictEveryMeasuredRow() {
        JsonNode form = FixtureForms.byId("SE-002-L4");
        ScoredEvaluation scored = SelfEvaluationScorer.score(FixtureForms.lishiForm(form, true),
                FixtureForms.templateFor(form));
        assertThat(scored.discrepancies()).extracting(Discrepancy::figure, Discrepancy::subject, Discrepancy::printed,
                Discrepancy::recomputed).containsExactlyInAnyOrder(
                        tuple(ROW_SCORE, "资助参保人次数", "20", "0.00"),
                        tuple(ROW_SCORE, "门诊医疗费用救助比例", "10", "0.00"),
                        tuple(ROW_SCORE, "救助对象满意度", "30", "0.00"),
                        tuple(EXECUTION_SCORE, "执行率", "0", "100.00"),
                        tuple(TOTAL, "总分", "100", "40.00"),
                        grade("中", "差"));
        // 不低于上年 and 逐步拓展 cannot be measured from the form: they keep the submitter's 10 and 30
        assertThat(scored.reviewFlags()).extracting(ReviewFlag::kind, ReviewFlag::subject)
                .contains(tuple(ReviewFlag.Kind.RELATIVE_TARGET, "市内一站式及时结算覆盖率"));
    }

    /** The 离石 rows scored as judged are flagged as such: a reviewer sees the scores are the submitter's say-so. */
    @Test
    void lishiRowsWithoutActualsAreFlaggedNotMeasured() {
        ScoredEvaluation scored = SelfEvaluationScorer.score(FixtureForms.submission(FixtureForms.byId("SE-002-L6")),
                FixtureForms.templateFor(FixtureForms.byId("SE-002-L6")));
        List<String> notMeasured = new ArrayList<>();
        scored.reviewFlags().stream().filter(f -> f.kind() == ReviewFlag.Kind.NOT_MEASURED)
                .forEach(f -> notMeasured.add(f.subject()));
        assertThat(notMeasured).containsExactly("资助参保人次数", "门诊医疗费用救助比例", "救助对象满意度");
        assertThat(scored.indicatorScores()).extracting(IndicatorScore::basis)
                .containsOnly(IndicatorScore.Basis.JUDGED);
        assertThat(scored.total()).isEqualByComparingTo("40");
    }

    /**
     * SE-000 and SE-001 weigh nothing in their 绩效目标 tables (weights are on the 评分表), so their rows are not scored.
     * What can be checked: every row whose target and actual are both numbers measures to the 完成进度 printed
     * (capped at 100 %), and the targets fundflow cannot read are exactly the descriptive ones, each refused by name.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"SE-000 | 2 | ''",
            "SE-001 | 2 | 进行大病医疗补偿;进行大病医疗补偿;各县申报互助补偿金;拨各县职工大病医疗互助补偿"})
    void jinzhongGoalTables(String id, int measured, String unreadable) {
        Template national = Templates.national();
        List<String> refused = new ArrayList<>();
        int n = 0;
        for (JsonNode row : FixtureForms.byId(id).path("indicators")) {
            Indicator indicator = Indicator.of("产出指标", FixtureForms.text(row, "level2"),
                    FixtureForms.text(row, "level3"), FixtureForms.text(row, "target"), FixtureForms.text(row, "actual"),
                    "100");
            try {
                IndicatorScore s = IndicatorScorer.score(indicator, "产出指标", BigDecimal.valueOf(100), national,
                        new Findings());
                if (s.basis() == IndicatorScore.Basis.MEASURED) {
                    n++;
                    BigDecimal completion = ((ParsedValue.Quantity) ValueParser.parse(indicator.name(),
                            FixtureForms.text(row, "completion_printed"))).value();
                    assertThat(s.achieved().min(BigDecimal.valueOf(100))).as(indicator.name())
                            .isEqualByComparingTo(completion);
                }
            } catch (IndicatorValueException e) {
                assertThat(e.indicator()).isEqualTo(indicator.name());
                refused.add(e.indicator());
            }
        }
        assertThat(n).isEqualTo(measured);
        assertThat(refused).containsExactlyElementsOf(unreadable.isEmpty() ? List.of()
                : List.of(unreadable.split(";")));
    }
}
