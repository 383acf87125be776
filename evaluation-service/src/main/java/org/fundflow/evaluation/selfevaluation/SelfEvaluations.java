package org.fundflow.evaluation.selfevaluation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.EvaluationLevel;
import org.fundflow.contracts.Events.FiguresFrom;
import org.fundflow.contracts.Events.SelfEvaluationScored;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.evaluation.progress.OrgExecution;
import org.fundflow.platform.outbox.OutboxWriter;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.indicator.IndicatorValueException;
import org.fundflow.selfevaluation.scoring.DepartmentEvaluation;
import org.fundflow.selfevaluation.scoring.DepartmentSubmission;
import org.fundflow.selfevaluation.scoring.Grade;
import org.fundflow.selfevaluation.scoring.ScoredEvaluation;
import org.fundflow.selfevaluation.scoring.SelfEvaluationScorer;
import org.fundflow.selfevaluation.scoring.Submission;
import org.fundflow.selfevaluation.template.Template;
import org.fundflow.selfevaluation.template.Tier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores a submitted self-evaluation with the scoring library, stores it and publishes SelfEvaluationSubmitted and
 * SelfEvaluationScored, all in the caller's transaction (the Idempotency-Key's): a refusal thrown here rolls back
 * the row, the events and the key together.
 */
@Service
class SelfEvaluations {
    private final EvaluationStore store;
    private final OrgExecution orgExecution;
    private final OutboxWriter outbox;
    private final Clock clock;

    SelfEvaluations(EvaluationStore store, OrgExecution orgExecution, OutboxWriter outbox, Clock clock) {
        this.store = store;
        this.orgExecution = orgExecution;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    EvaluationView submit(EvaluationCommand c, String recordedBy) {
        store.lockSubject(c);
        Money budget = c.budget();
        Money executed = c.executed();
        if (c.figuresFrom() == FiguresFrom.LIVE) {
            OrgExecution.Figures live = orgExecution.of(c.orgCode(), c.fiscalYear(), c.programCode(), c.asOf());
            if (live.allocations() == 0) {
                throw c.level() == EvaluationLevel.PROJECT
                        ? ApiProblem.rule("programCode", "org " + c.orgCode() + " has no allocation of program "
                                + c.programCode() + " in fiscal year " + c.fiscalYear() + " issued by " + c.asOf()
                                + ": there are no live figures to score (submit the form's own with figuresFrom "
                                + "SUBMITTED)")
                        : ApiProblem.rule("orgCode", "org " + c.orgCode() + " has no allocation in fiscal year "
                                + c.fiscalYear() + " issued by " + c.asOf() + ": there are no live figures to score "
                                + "(submit the form's own with figuresFrom SUBMITTED)");
            }
            budget = live.budget();
            executed = live.executed();
        }
        Template template = c.template().template();
        Submission submission = new Submission(c.level() == EvaluationLevel.PROJECT ? c.programCode() : c.orgCode(),
                c.orgCode(), c.fiscalYear(), budget, executed, c.indicators(), c.printed());

        ScoredEvaluation scored;
        EvaluationView.DepartmentView department = null;
        List<SelfEvaluationScored.Discrepancy> discrepancies;
        List<SelfEvaluationScored.ReviewFlag> flags;
        List<SelfEvaluationScored.ProjectScore> projectScores = null;
        try {
            if (c.level() == EvaluationLevel.PROJECT) {
                scored = SelfEvaluationScorer.score(submission, template);
                discrepancies = EvaluationView.discrepancies(scored.discrepancies());
                flags = EvaluationView.reviewFlags(scored.reviewFlags());
            } else {
                List<EvaluationStore.CurrentProject> projects = store.currentProjects(c.orgCode(), c.fiscalYear(),
                        template.name(), c.template().definition());
                DepartmentEvaluation d = SelfEvaluationScorer.scoreDepartment(new DepartmentSubmission(submission,
                        projects.stream().map(p -> form(p.submission())).toList(), c.projectGrades()), template);
                scored = d.department();
                discrepancies = new ArrayList<>(EvaluationView.discrepancies(scored.discrepancies()));
                discrepancies.addAll(EvaluationView.discrepancies(d.discrepancies()));
                flags = new ArrayList<>(EvaluationView.reviewFlags(scored.reviewFlags()));
                flags.addAll(EvaluationView.reviewFlags(d.reviewFlags()));
                for (String other : store.currentProjectsWithOtherTemplates(c.orgCode(), c.fiscalYear(),
                        template.name(), c.template().definition())) {
                    flags.add(new SelfEvaluationScored.ReviewFlag("UNVERIFIABLE", other, "the current evaluation of "
                            + other + " was scored with another template than " + template.name()
                            + ": not counted in the department's project checks"));
                }
                projectScores = new ArrayList<>();
                for (int i = 0; i < projects.size(); i++) {
                    ScoredEvaluation p = d.projects().get(i);
                    Events.SelfEvaluationSubmitted s = projects.get(i).submission();
                    projectScores.add(new SelfEvaluationScored.ProjectScore(projects.get(i).evaluationId(),
                            projects.get(i).programCode(), s.budget(), s.executed(), EvaluationView.score(p.total()),
                            EvaluationView.grade(p.grade())));
                }
                department = new EvaluationView.DepartmentView(d.projectBudget(), d.projectExecuted(),
                        EvaluationView.gradeCounts(d.projectGrades()), projectScores);
            }
        } catch (IndicatorValueException e) {
            throw ScoringProblems.of(e, c, template);
        } catch (IllegalArgumentException e) {
            throw ScoringProblems.of(e, c, template);
        }

        UUID id = UUID.randomUUID();
        UUID supersedes = store.current(c).orElse(null);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        EvaluationView view = new EvaluationView(id, c.level(), c.programCode(), c.fiscalYear(), c.orgCode(),
                template.name(), c.figuresFrom(), c.asOf(), budget, executed,
                EvaluationView.rate(scored.executionRate()), EvaluationView.percent(scored.executionRate()),
                EvaluationView.score(scored.executionScore()), EvaluationView.indicatorScores(scored),
                EvaluationView.groupScores(scored), EvaluationView.score(scored.total()),
                EvaluationView.grade(scored.grade()), List.copyOf(discrepancies), List.copyOf(flags), department,
                supersedes, now, recordedBy);
        Events.SelfEvaluationSubmitted submitted = new Events.SelfEvaluationSubmitted(id, c.programCode(),
                c.fiscalYear(), c.orgCode(), c.level(), template.name(), c.figuresFrom(), c.asOf(), budget, executed,
                c.submittedIndicators(), c.submittedPrinted(), supersedes);
        SelfEvaluationScored scoredEvent = new SelfEvaluationScored(id, c.programCode(), c.fiscalYear(), c.orgCode(),
                c.level(), template.name(), budget, executed, view.executionRate(), view.executionScore(),
                view.indicatorScores(), view.groupScores(), view.total(), view.grade(), view.discrepancies(),
                view.reviewFlags(), projectScores);
        store.insert(new EvaluationStore.Row(id, c, template.name(), c.template().definition(), c.asOf(), budget,
                executed, scored.executionRate(), scored.executionScore(), scored.total(), view.grade(),
                discrepancies.size(), supersedes, submitted, view, now, recordedBy));
        // keyed by the subject, so a subject's evaluations (and each one's two events) stay in order on the topic
        outbox.append(Topics.EVALUATION_AGGREGATE, c.subject(), Events.SELF_EVALUATION_SUBMITTED, recordedBy,
                submitted);
        outbox.append(Topics.EVALUATION_AGGREGATE, c.subject(), Events.SELF_EVALUATION_SCORED, recordedBy,
                scoredEvent);
        return view;
    }

    /** A stored project evaluation back into the library's form, for a department's checks. */
    static Submission form(Events.SelfEvaluationSubmitted s) {
        List<Indicator> rows = new ArrayList<>();
        for (Events.SelfEvaluationSubmitted.Indicator i : s.indicators()) {
            rows.add(new Indicator(i.level1(), i.level2(), i.level3(), i.target(), i.actual(), decimal(i.weight()),
                    i.kind() == null ? null : Indicator.Kind.valueOf(i.kind()), Tier.parse(i.tier()),
                    decimal(i.percent()), i.notApplicable(), decimal(i.printedScore())));
        }
        Events.SelfEvaluationSubmitted.Printed p = s.printed();
        Map<String, BigDecimal> groups = new LinkedHashMap<>();
        if (p.groupScores() != null) {
            p.groupScores().forEach((k, v) -> groups.put(k, decimal(v)));
        }
        return new Submission(s.programCode(), s.orgCode(), s.fiscalYear(), s.budget(), s.executed(), rows,
                new Submission.Printed(p.executionRate(), decimal(p.executionScore()), groups, decimal(p.total()),
                        Grade.parse(p.grade())));
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
