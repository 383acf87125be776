package org.fundflow.selfevaluation.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import org.fundflow.selfevaluation.discrepancy.Discrepancy;
import org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure;
import org.fundflow.selfevaluation.discrepancy.Findings;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag.Kind;
import org.fundflow.selfevaluation.indicator.Comparison;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.indicator.IndicatorScore;
import org.fundflow.selfevaluation.indicator.IndicatorScorer;
import org.fundflow.selfevaluation.indicator.IndicatorValueException;
import org.fundflow.selfevaluation.indicator.ParsedValue;
import org.fundflow.selfevaluation.indicator.Unit;
import org.fundflow.selfevaluation.indicator.ValueParser;
import org.fundflow.selfevaluation.template.Template;
import org.fundflow.selfevaluation.template.Templates;

/** Scores self-evaluation forms against a template and reports where the printed figures disagree. Stateless. */
public final class SelfEvaluationScorer {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final String TOTAL = "总分";
    private static final String GRADE = "等级";

    private SelfEvaluationScorer() {
    }

    /** Scores with the national template of 财预〔2020〕10号. */
    public static ScoredEvaluation score(Submission submission) {
        return score(submission, Templates.national());
    }

    /**
     * @throws IllegalArgumentException if a row's first-level name is not a group of the template, or a row repeats
     *                                  the execution row
     * @throws IndicatorValueException  if a target, actual value, judgement or printed rate cannot be read
     */
    public static ScoredEvaluation score(Submission submission, Template template) {
        Findings findings = new Findings();
        Template.Execution exec = template.execution();

        BigDecimal rate = submission.executed().ratioTo(submission.budget());
        BigDecimal executionScore = exec.weight().multiply(rate.min(BigDecimal.ONE)).setScale(2, RoundingMode.HALF_UP);
        if (submission.budget().isPositive() && submission.executed().compareTo(submission.budget()) > 0) {
            findings.flag(Kind.OVER_BUDGET, exec.label(), "executed " + submission.executed() + " exceeds the budget "
                    + submission.budget() + ": the score is capped at " + exec.weight().toPlainString());
        }
        checkExecution(submission, template, rate, executionScore, findings);

        List<Indicator> rows = submission.indicators();
        List<String> groups = new ArrayList<>();
        for (Indicator row : rows) {
            groups.add(groupOf(row, template));
        }
        List<BigDecimal> weights = Weights.effective(rows, groups, template, findings);
        List<IndicatorScore> scores = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            scores.add(IndicatorScorer.score(rows.get(i), groups.get(i), weights.get(i), template, findings));
        }

        // the execution row's group, when the template puts it in one (晋中: 投入)
        String executionGroup = exec.group() == null ? null
                : template.group(exec.group()).map(Template.Group::name).orElseThrow();
        boolean anyWeighted = rows.stream().anyMatch(r -> r.weight() != null);
        List<ScoredEvaluation.GroupScore> groupScores = new ArrayList<>();
        boolean complete = true;
        BigDecimal total = BigDecimal.ZERO;
        for (Template.Group g : template.groups()) {
            boolean holdsExecution = g.name().equals(executionGroup);
            BigDecimal weight = BigDecimal.ZERO;
            BigDecimal submittedWeight = BigDecimal.ZERO;
            BigDecimal score = BigDecimal.ZERO;
            boolean hasRows = false;
            for (int i = 0; i < rows.size(); i++) {
                if (!groups.get(i).equals(g.name()) || rows.get(i).weight() == null) {
                    continue;
                }
                hasRows = true;
                weight = weight.add(weights.get(i));
                submittedWeight = submittedWeight.add(rows.get(i).weight());
                IndicatorScore s = scores.get(i);
                if (s.basis() == IndicatorScore.Basis.NOT_SCORED) {
                    score = null;
                } else if (score != null && s.score() != null) {
                    score = score.add(s.score());
                }
            }
            if (!hasRows && !holdsExecution) {
                if (g.weight() != null && anyWeighted) {
                    findings.flag(Kind.WEIGHTS_DIFFER_FROM_TEMPLATE, g.name(), "no indicators, but the template gives "
                            + g.name() + " " + g.weight().toPlainString() + " points");
                }
                continue;
            }
            if (holdsExecution) {
                weight = weight.add(exec.weight());
                submittedWeight = submittedWeight.add(exec.weight());
                score = score == null ? null : score.add(executionScore);
            }
            if (g.weight() != null && g.weight().compareTo(submittedWeight) != 0) {
                findings.flag(Kind.WEIGHTS_DIFFER_FROM_TEMPLATE, g.name(), "its rows weigh "
                        + submittedWeight.toPlainString() + " points, the template gives " + g.weight().toPlainString());
            }
            groupScores.add(new ScoredEvaluation.GroupScore(g.name(), weight.setScale(2, RoundingMode.HALF_UP),
                    score == null ? null : score.setScale(2, RoundingMode.HALF_UP)));
            if (score == null) {
                complete = false;
            } else {
                total = total.add(score);
            }
        }
        if (exec.inTotal() && exec.group() == null) {
            total = total.add(executionScore);
        }
        total = anyWeighted && complete ? total.setScale(2, RoundingMode.HALF_UP) : null;
        Grade grade = total == null ? null : Grade.of(total, template.grades());

        checkPrinted(submission.printed(), template, groupScores, total, grade, anyWeighted, findings);
        return new ScoredEvaluation(submission.program(), submission.org(), submission.year(), template.name(), rate,
                executionScore, scores, groupScores, total, grade, findings.discrepancies(), findings.flags());
    }

    /**
     * Scores a department's whole budget (部门整体支出绩效自评): its own execution rate and indicator table, each of its
     * projects' forms, and checks what it says about them — budget and execution against the sums of the projects',
     * and the count of projects per grade against the grades recomputed.
     */
    public static DepartmentEvaluation scoreDepartment(DepartmentSubmission submission, Template template) {
        ScoredEvaluation own = score(submission.department(), template);
        List<ScoredEvaluation> projects = new ArrayList<>();
        Money budget = Money.ZERO;
        Money executed = Money.ZERO;
        for (Submission p : submission.projects()) {
            projects.add(score(p, template));
            budget = budget.plus(p.budget());
            executed = executed.plus(p.executed());
        }
        Findings findings = new Findings();
        Map<Grade, Integer> counts = new EnumMap<>(Grade.class);
        for (Grade g : Grade.values()) {
            counts.put(g, 0);
        }
        boolean allGraded = true;
        for (ScoredEvaluation p : projects) {
            if (p.grade() == null) {
                allGraded = false;
                findings.flag(Kind.UNVERIFIABLE, p.program(), "the project's total cannot be recomputed, so its grade"
                        + " is not counted");
            } else {
                counts.merge(p.grade(), 1, Integer::sum);
            }
        }
        if (!projects.isEmpty()) {
            int n = projects.size();
            Submission d = submission.department();
            if (d.budget().compareTo(budget) != 0) {
                findings.add(new Discrepancy(Figure.PROJECT_BUDGET_SUM, "全年预算数", d.budget().toString(),
                        budget.toString(), "sum of the 全年预算数 of its " + n + " project forms"));
            }
            if (d.executed().compareTo(executed) != 0) {
                findings.add(new Discrepancy(Figure.PROJECT_EXECUTED_SUM, "全年执行数", d.executed().toString(),
                        executed.toString(), "sum of the 全年执行数 of its " + n + " project forms"));
            }
        }
        Map<Grade, Integer> printed = submission.printedProjectGrades();
        if (!printed.isEmpty()) {
            if (!allGraded) {
                findings.flag(Kind.UNVERIFIABLE, "项目自评等级", "the printed count of projects per grade cannot be"
                        + " checked: not every project's total can be recomputed");
            } else {
                for (Grade g : Grade.values()) {
                    int p = printed.getOrDefault(g, 0);
                    if (p != counts.get(g)) {
                        findings.add(new Discrepancy(Figure.PROJECT_GRADE_COUNT, g.label(), Integer.toString(p),
                                Integer.toString(counts.get(g)), "projects whose recomputed total grades "
                                        + g.label()));
                    }
                }
            }
        }
        return new DepartmentEvaluation(own, projects, budget, executed, counts, findings.discrepancies(),
                findings.flags());
    }

    private static void checkExecution(Submission s, Template template, BigDecimal rate, BigDecimal executionScore,
            Findings findings) {
        Template.Execution exec = template.execution();
        Submission.Printed printed = s.printed();
        String formula = s.executed() + " / " + s.budget();
        if (printed.executionRate() != null && !printed.executionRate().isBlank()) {
            BigDecimal percent = printedPercent(exec.label(), printed.executionRate());
            BigDecimal exact = s.budget().isZero() ? BigDecimal.ZERO
                    : BigDecimal.valueOf(s.executed().cents()).multiply(HUNDRED)
                            .divide(BigDecimal.valueOf(s.budget().cents()), 10, RoundingMode.HALF_UP);
            findings.compare(Figure.EXECUTION_RATE, exec.label(), percent, percent.toPlainString() + "%", exact,
                    Rates.percent(rate), "全年执行数 / 全年预算数 = " + formula);
        }
        findings.compareScore(Figure.EXECUTION_SCORE, exec.label(), printed.executionScore(), executionScore,
                exec.weight().toPlainString() + " × min(rate, 1) = " + exec.weight().toPlainString() + " × min("
                        + Rates.fraction(rate) + ", 1)");
    }

    /** A printed rate in percentage points: "40.49%", "55%", or a bare "0" (the column is in percent). */
    private static BigDecimal printedPercent(String label, String text) {
        ParsedValue v = ValueParser.parse(label, text);
        if (v instanceof ParsedValue.Quantity q && (q.unit() == null || q.unit() == Unit.PERCENT)
                && q.comparison() == Comparison.NONE) {
            return q.base();
        }
        throw new IndicatorValueException(label, text, "is not a rate: write a percentage such as 40.49%");
    }

    private static void checkPrinted(Submission.Printed printed, Template template,
            List<ScoredEvaluation.GroupScore> groupScores, BigDecimal total, Grade grade, boolean anyWeighted,
            Findings findings) {
        for (Map.Entry<String, BigDecimal> e : printed.groupScores().entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String name = template.group(e.getKey()).map(Template.Group::name).orElseThrow(
                    () -> new IllegalArgumentException("printed subtotal '" + e.getKey() + "' is not a group of "
                            + "template " + template.name() + " (" + groupNames(template) + ")"));
            BigDecimal recomputed = groupScores.stream().filter(g -> g.name().equals(name)).findFirst()
                    .map(ScoredEvaluation.GroupScore::score).orElse(null);
            if (recomputed == null) {
                findings.flag(Kind.UNVERIFIABLE, name, "printed subtotal " + e.getValue().toPlainString()
                        + " cannot be recomputed: not every row of the group is scored");
            } else {
                findings.compareScore(Figure.GROUP_SCORE, name, e.getValue(), recomputed,
                        "sum of the group's row scores");
            }
        }
        String totalRule = template.execution().inTotal() ? "sum of the row scores, 执行率 row included"
                : "sum of the indicator scores (the 执行率 row does not count in the total)";
        if (printed.total() != null) {
            if (total == null) {
                findings.flag(Kind.UNVERIFIABLE, TOTAL, "printed total " + printed.total().toPlainString()
                        + " cannot be recomputed: " + (anyWeighted ? "not every row is scored"
                                : "no weighted indicator rows"));
            } else {
                findings.compareScore(Figure.TOTAL, TOTAL, printed.total(), total, totalRule);
            }
        }
        if (printed.grade() != null) {
            Template.GradeBands b = template.grades();
            String bands = "≥" + b.excellent().toPlainString() + " 优 / ≥" + b.good().toPlainString() + " 良 / ≥"
                    + b.fair().toPlainString() + " 中 / below 差";
            if (grade != null) {
                if (grade != printed.grade()) {
                    findings.add(new Discrepancy(Figure.GRADE, GRADE, printed.grade().label(), grade.label(),
                            bands + " on the recomputed total " + total.toPlainString()));
                }
            } else if (printed.total() != null) {
                Grade ofPrinted = Grade.of(printed.total(), b);
                if (ofPrinted != printed.grade()) {
                    findings.add(new Discrepancy(Figure.GRADE, GRADE, printed.grade().label(), ofPrinted.label(),
                            bands + " on the printed total " + printed.total().toPlainString()
                                    + " (the total itself cannot be recomputed)"));
                }
            } else {
                findings.flag(Kind.UNVERIFIABLE, GRADE, "printed grade " + printed.grade().label()
                        + " cannot be checked: there is no total");
            }
        }
    }

    private static String groupOf(Indicator row, Template template) {
        Template.Group g = template.group(row.level1()).orElseThrow(() -> new IllegalArgumentException("indicator '"
                + row.name() + "': first-level '" + row.level1() + "' is not a group of template " + template.name()
                + " (" + groupNames(template) + ")"));
        Template.Execution exec = template.execution();
        boolean sameGroup = exec.group() == null || template.group(exec.group()).map(Template.Group::name)
                .orElse("").equals(g.name());
        if (sameGroup && row.weight() != null && exec.label().equals(row.name())) {
            throw new IllegalArgumentException("indicator '" + row.name() + "' is the execution row, which is computed"
                    + " from budget and executed: give its printed score as printed.executionScore instead");
        }
        return g.name();
    }

    private static String groupNames(Template template) {
        return String.join(", ", template.groups().stream().map(Template.Group::name).toList());
    }
}
