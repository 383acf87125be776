package org.fundflow.evaluation.selfevaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events.EvaluationLevel;
import org.fundflow.contracts.Events.FiguresFrom;
import org.fundflow.contracts.Events.SelfEvaluationScored;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import org.fundflow.selfevaluation.discrepancy.Discrepancy;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag;
import org.fundflow.selfevaluation.indicator.IndicatorScore;
import org.fundflow.selfevaluation.scoring.Grade;
import org.fundflow.selfevaluation.scoring.ScoredEvaluation;

/**
 * A self-evaluation as scored: the response of the POST, stored with the row and returned by the GET. Rates are
 * four-decimal fractions with a percent, scores two-decimal strings, grades 优/良/中/差; the rows are the same records
 * as in the {@code SelfEvaluationScored} event.
 *
 * @param department for a department's evaluation: what its statement was checked against; absent for a project
 * @param supersedes the evaluation that was current for the same subject before this one
 */
record EvaluationView(
        UUID evaluationId,
        EvaluationLevel level,
        String programCode,
        int fiscalYear,
        String orgCode,
        String template,
        FiguresFrom figuresFrom,
        LocalDate asOf,
        Money budget,
        Money executed,
        String executionRate,
        String executionPercent,
        String executionScore,
        List<SelfEvaluationScored.IndicatorScore> indicatorScores,
        List<SelfEvaluationScored.GroupScore> groupScores,
        String total,
        String grade,
        List<SelfEvaluationScored.Discrepancy> discrepancies,
        List<SelfEvaluationScored.ReviewFlag> reviewFlags,
        @JsonInclude(JsonInclude.Include.NON_NULL) DepartmentView department,
        UUID supersedes,
        Instant submittedAt,
        String recordedBy) {

    /**
     * @param projectBudget   Σ 全年预算数 of the projects
     * @param projectExecuted Σ 全年执行数 of the projects
     * @param projectGrades   projects per recomputed grade (优, 良, 中, 差; zero included)
     * @param projects        the org's current project evaluations of the year scored with the same template
     */
    record DepartmentView(Money projectBudget, Money projectExecuted, Map<String, Integer> projectGrades,
            List<SelfEvaluationScored.ProjectScore> projects) {
    }

    static String score(BigDecimal n) {
        return n == null ? null : n.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String grade(Grade g) {
        return g == null ? null : g.label();
    }

    static String rate(BigDecimal rate) {
        return Rates.fraction(rate);
    }

    static String percent(BigDecimal rate) {
        return Rates.percent(rate);
    }

    static List<SelfEvaluationScored.IndicatorScore> indicatorScores(ScoredEvaluation e) {
        List<SelfEvaluationScored.IndicatorScore> out = new ArrayList<>();
        for (IndicatorScore s : e.indicatorScores()) {
            String name = s.indicator().name();
            // review flags name their indicator (三级指标): rows sharing a name share their flags
            List<String> flags = e.reviewFlags().stream().filter(f -> name.equals(f.subject()))
                    .map(f -> f.kind().name()).distinct().toList();
            out.add(new SelfEvaluationScored.IndicatorScore(s.indicator().level1(), s.indicator().level2(),
                    s.indicator().level3(), s.group(), score(s.weight()), score(s.score()), s.basis().name(),
                    s.achieved() == null ? null : s.achieved().toPlainString(),
                    s.tier() == null ? null : s.tier().name(), rule(s), flags));
        }
        return out;
    }

    /** How a row's score follows from it, in words (the library's arithmetic, described). */
    static String rule(IndicatorScore s) {
        return switch (s.basis()) {
            case MEASURED -> s.achieved() == null
                    ? "measured: lower is better and the actual value is 0: full weight"
                    : "measured: achieved " + s.achieved().toPlainString() + " % of target; score = weight × "
                            + "min(achieved, 100 %)";
            case JUDGED -> "judged: the submitter's " + (s.tier() == null ? "score" : "score in tier "
                    + s.tier().label()) + ", checked against the weight" + (s.tier() == null ? "" : " and the tier");
            case NOT_APPLICABLE -> "not applicable: dropped, its weight shared as the template says";
            case UNWEIGHTED -> "no weight (分值): listed, not scored";
            case NOT_SCORED -> "weighted, but no actual value, tier, percentage or printed score to score it by";
        };
    }

    static List<SelfEvaluationScored.GroupScore> groupScores(ScoredEvaluation e) {
        return e.groupScores().stream().map(g -> new SelfEvaluationScored.GroupScore(g.name(), score(g.weight()),
                score(g.score()))).toList();
    }

    static List<SelfEvaluationScored.Discrepancy> discrepancies(List<Discrepancy> list) {
        return list.stream().map(d -> new SelfEvaluationScored.Discrepancy(d.figure().name(), d.subject(),
                d.printed(), d.recomputed(), d.rule())).toList();
    }

    static List<SelfEvaluationScored.ReviewFlag> reviewFlags(List<ReviewFlag> list) {
        return list.stream().map(f -> new SelfEvaluationScored.ReviewFlag(f.kind().name(), f.subject(),
                f.message())).toList();
    }

    static Map<String, Integer> gradeCounts(Map<Grade, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Grade g : Grade.values()) {
            out.put(g.label(), counts.getOrDefault(g, 0));
        }
        return out;
    }
}
