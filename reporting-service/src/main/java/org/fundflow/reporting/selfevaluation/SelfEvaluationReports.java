package org.fundflow.reporting.selfevaluation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.fundflow.contracts.Events;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.reporting.facts.OrgFacts;
import org.fundflow.reporting.facts.ProgramFacts;
import org.fundflow.reporting.facts.SelfEvaluationFacts;
import org.fundflow.reporting.facts.SelfEvaluationFacts.Evaluation;
import org.fundflow.selfevaluation.template.Templates;
import org.springframework.stereotype.Service;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads the self-evaluation facts into forms, lists and grade counts. */
@Service
class SelfEvaluationReports {
    static final List<String> GRADES = List.of("优", "良", "中", "差");

    // Payloads are stored as received; read them as tolerantly as the consumer did (the contract only adds fields).
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final SelfEvaluationFacts facts;
    private final ProgramFacts programs;
    private final OrgFacts orgs;
    private final Clock clock;

    SelfEvaluationReports(SelfEvaluationFacts facts, ProgramFacts programs, OrgFacts orgs, Clock clock) {
        this.facts = facts;
        this.programs = programs;
        this.orgs = orgs;
        this.clock = clock;
    }

    SelfEvaluationForm form(UUID evaluationId) {
        Evaluation e = facts.find(evaluationId).orElseThrow(() -> ApiProblem.notFound("evaluationId",
                "no self-evaluation " + evaluationId + " (unknown, or its events have not arrived yet)"));
        Events.SelfEvaluationSubmitted submitted = e.submitted() == null ? null
                : JSON.readValue(e.submitted(), Events.SelfEvaluationSubmitted.class);
        Events.SelfEvaluationScored scored = e.scored() == null ? null
                : JSON.readValue(e.scored(), Events.SelfEvaluationScored.class);
        String projectName;
        if (e.programCode() == null) {
            projectName = "部门整体支出";
        } else {
            ProgramFacts.Program p = programs.ofYear(e.fiscalYear(), List.of(e.programCode())).get(e.programCode());
            projectName = p != null && p.name() != null ? p.name() : e.programCode();
        }
        String orgName = orgs.find(e.orgCode()).map(OrgFacts.Org::name).filter(n -> n != null && !n.isBlank())
                .orElse(e.orgCode());
        return SelfEvaluationForm.of(new SelfEvaluationForm.Facts(e.evaluationId(), e.level(), e.programCode(),
                        e.fiscalYear(), e.orgCode(), e.template(), e.supersedes(), e.current(), e.occurredAt(),
                        e.budget(), e.executed()),
                submitted, scored, projectName, orgName, executionWeight(e.template()));
    }

    /** The 分值 the template gives the 执行率 row (离石 prints 100, the national form 10); null if unknown. */
    private static BigDecimal executionWeight(String template) {
        if (template == null) {
            return null;
        }
        try {
            return Templates.load(template).execution().weight();
        } catch (RuntimeException unknownTemplate) {
            return null;
        }
    }

    record ListItem(UUID evaluationId, String level, String programCode, String orgCode, int fiscalYear,
            String template, String total, String grade, String executionRate, String executionPercent,
            Integer discrepancyCount, boolean current, UUID supersedes, Instant occurredAt, String href) {
    }

    record EvaluationList(Integer fiscalYear, String orgCode, boolean currentOnly, Instant generatedAt,
            List<ListItem> evaluations) {
    }

    /** Which of the orgs found the caller may see, decided for all of them at once. */
    interface OrgFilter {
        Predicate<String> among(Collection<String> orgCodes);
    }

    private static List<Evaluation> visible(List<Evaluation> found, OrgFilter orgs) {
        Predicate<String> readable = orgs.among(found.stream().map(Evaluation::orgCode).distinct().toList());
        return found.stream().filter(e -> readable.test(e.orgCode())).toList();
    }

    EvaluationList list(Integer fiscalYear, String orgCode, boolean currentOnly, OrgFilter orgs) {
        List<Evaluation> found = visible(facts.list(fiscalYear, orgCode, null, currentOnly), orgs);
        List<ListItem> items = found.stream().map(e -> new ListItem(
                e.evaluationId(), e.level(), e.programCode(), e.orgCode(), e.fiscalYear(), e.template(),
                e.total() == null ? null : e.total().toPlainString(), e.grade(),
                e.executionRate() == null ? null : e.executionRate().toPlainString(),
                e.executionRate() == null ? null : org.fundflow.contracts.Rates.percent(e.executionRate()),
                e.discrepancyCount(), e.current(), e.supersedes(), e.occurredAt(),
                "/api/reports/self-evaluations/" + e.evaluationId())).toList();
        return new EvaluationList(fiscalYear, orgCode, currentOnly, clock.instant(), items);
    }

    /** {@code grades}: 优/良/中/差 counts; {@code ungraded}: current evaluations not (yet) scored or not scorable. */
    record Summary(int fiscalYear, String orgCode, Instant generatedAt, Map<String, Integer> grades, int ungraded,
            int total) {
    }

    Summary summary(int fiscalYear, String orgCode, OrgFilter orgs) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        GRADES.forEach(g -> counts.put(g, 0));
        int ungraded = 0;
        int total = 0;
        for (Evaluation e : visible(facts.list(fiscalYear, orgCode, Events.EvaluationLevel.PROJECT.name(), true),
                orgs)) {
            total++;
            if (e.grade() != null && counts.containsKey(e.grade())) {
                counts.merge(e.grade(), 1, Integer::sum);
            } else {
                ungraded++;
            }
        }
        return new Summary(fiscalYear, orgCode, clock.instant(), counts, ungraded, total);
    }
}
