package org.fundflow.evaluation.selfevaluation;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events.EvaluationLevel;
import org.fundflow.contracts.access.Role;
import org.fundflow.evaluation.EvaluationProperties;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.web.RecordedBy;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.IdempotentWrites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Performance self-evaluations (绩效自评) of projects and of departments' whole budgets. A self-evaluation is its
 * org's own: only the org's agency submits one; it is read by that agency and by the bureaus and supervisors whose
 * region subtree holds the org ({@link EvaluationScope}). Scope is checked before anything is written, so a refusal
 * leaves no row, no event and no Idempotency-Key behind.
 */
@RestController
@RequestMapping("/api/evaluations")
class EvaluationController {
    private static final int MAX_LIST = 1000;

    private final SelfEvaluations evaluations;
    private final EvaluationStore store;
    private final IdempotentWrites writes;
    private final Clock clock;
    private final EvaluationProperties props;
    private final Access access;
    private final EvaluationScope scope;

    EvaluationController(SelfEvaluations evaluations, EvaluationStore store, IdempotentWrites writes, Clock clock,
            EvaluationProperties props, Access access, EvaluationScope scope) {
        this.evaluations = evaluations;
        this.store = store;
        this.writes = writes;
        this.clock = clock;
        this.props = props;
        this.access = access;
        this.scope = scope;
    }

    /** 项目支出绩效自评表: scored, stored, published; 201 with every recomputed figure and discrepancy. */
    @PostMapping
    ResponseEntity<Object> submit(@RequestBody EvaluationRequests.SubmitProject body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        access.requireRole(Role.AGENCY);
        EvaluationCommand command = EvaluationRequests.project(body, today());
        access.requireAgencyOf("orgCode", command.orgCode());
        return located(writes.execute("evaluation.project", key, body,
                () -> IdempotentWrites.Result.created(evaluations.submit(command, RecordedBy.current()))));
    }

    /** 部门整体支出绩效自评: the whole budget's execution and indicator table, checked against its projects. */
    @PostMapping("/department")
    ResponseEntity<Object> submitDepartment(@RequestBody EvaluationRequests.SubmitDepartment body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        access.requireRole(Role.AGENCY);
        EvaluationCommand command = EvaluationRequests.department(body, today());
        access.requireAgencyOf("orgCode", command.orgCode());
        return located(writes.execute("evaluation.department", key, body,
                () -> IdempotentWrites.Result.created(evaluations.submit(command, RecordedBy.current()))));
    }

    @GetMapping("/{id}")
    JsonNode get(@PathVariable UUID id) {
        EvaluationStore.Found found = store.find(id)
                .orElseThrow(() -> ApiProblem.notFound("id", "no self-evaluation " + id));
        scope.requireRead("orgCode", found.orgCode());
        return found.body();
    }

    /**
     * Every evaluation matching the filters that the caller may read, newest first; {@code current} marks the latest
     * of each subject ({@code currentOnly=true} keeps only those). An {@code orgCode} outside the caller's scope is
     * a 403.
     */
    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String orgCode,
            @RequestParam(required = false) Integer fiscalYear, @RequestParam(required = false) String programCode,
            @RequestParam(required = false) String level, @RequestParam(required = false) Boolean currentOnly,
            @RequestParam(required = false) Integer limit) {
        String org = blank(orgCode) ? null : EvaluationRequests.code("orgCode", orgCode.strip(),
                EvaluationRequests.ORG_CODE, "an org code");
        String program = blank(programCode) ? null : EvaluationRequests.code("programCode", programCode.strip(),
                EvaluationRequests.PROGRAM_CODE, "a program code");
        Integer year = fiscalYear == null ? null : EvaluationRequests.year(fiscalYear);
        EvaluationLevel lvl = null;
        if (!blank(level)) {
            try {
                lvl = EvaluationLevel.valueOf(level.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("level", "level must be PROJECT or DEPARTMENT");
            }
        }
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_LIST) {
            throw ApiProblem.invalid("limit", "limit must be from 1 to " + MAX_LIST);
        }
        EvaluationScope.Visible visible = scope.visible(org);
        List<EvaluationStore.Summary> rows = store.list(visible, org, year, program, lvl,
                Boolean.TRUE.equals(currentOnly), n);
        return Map.of("evaluations", rows);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(props.zone()));
    }

    /** Adds the new (or replayed) evaluation's Location. */
    private static ResponseEntity<Object> located(ResponseEntity<Object> response) {
        Object id = null;
        if (response.getBody() instanceof EvaluationView v) {
            id = v.evaluationId();
        } else if (response.getBody() instanceof JsonNode n && n.hasNonNull("evaluationId")) {
            id = n.get("evaluationId").asString();
        }
        if (id == null) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .location(URI.create("/api/evaluations/" + id)).body(response.getBody());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
