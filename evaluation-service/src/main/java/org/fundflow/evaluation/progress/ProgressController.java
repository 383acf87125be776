package org.fundflow.evaluation.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.fundflow.contracts.access.Role;
import org.fundflow.evaluation.EvaluationProperties;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Distribution and execution progress (分配进度, 执行率) and the alerts derived from it. Execution and its roll-ups
 * are published dashboards, open to anyone ({@code PublicReads}); alerts are for the finance bureaus and supervisors,
 * each within their region subtree.
 */
@RestController
class ProgressController {
    private final ProgressService service;
    private final Clock clock;
    private final EvaluationProperties props;
    private final Access access;

    ProgressController(ProgressService service, Clock clock, EvaluationProperties props, Access access) {
        this.service = service;
        this.clock = clock;
        this.props = props;
        this.access = access;
    }

    @GetMapping("/api/execution")
    ExecutionReport execution(@RequestParam(required = false) String programCode,
            @RequestParam(required = false) Integer fiscalYear, @RequestParam(required = false) String region,
            @RequestParam(required = false) String asOf) {
        return service.execution(query(programCode, fiscalYear, region, asOf));
    }

    /** The alerts of the caller's region subtree; {@code region} (absent: the caller's own) must lie within it. */
    @GetMapping("/api/alerts")
    AlertReport alerts(@RequestParam(required = false) String programCode,
            @RequestParam(required = false) Integer fiscalYear, @RequestParam(required = false) String region,
            @RequestParam(required = false) String asOf) {
        access.requireRole(Role.FINANCE_BUREAU, Role.SUPERVISOR);
        query(programCode, fiscalYear, region, asOf); // a malformed parameter is a 400 before any scope question
        String scoped = access.regionFilter("region", isBlank(region) ? null : region.strip());
        return service.alerts(query(programCode, fiscalYear, scoped, asOf));
    }

    /**
     * Execution rolled up by region, level, program, source level or function code, counting each org allocation
     * once; {@code region} both limits the allocations and (for {@code by=region}) picks the level of the rows.
     */
    @GetMapping("/api/execution/rollup")
    RollupReport rollup(@RequestParam(required = false) String by, @RequestParam(required = false) Integer depth,
            @RequestParam(required = false) String org, @RequestParam(required = false) String programCode,
            @RequestParam(required = false) Integer fiscalYear, @RequestParam(required = false) String region,
            @RequestParam(required = false) String asOf) {
        if (isBlank(by)) {
            throw ApiProblem.invalid("by", "by is required: one of " + RollupDimension.names());
        }
        RollupDimension dimension;
        try {
            dimension = RollupDimension.of(by.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("by", "by '" + abbreviate(by) + "' is not known: " + e.getMessage());
        }
        if (depth != null && dimension != RollupDimension.FUNCTION_CODE) {
            throw ApiProblem.invalid("depth", "depth applies to by=functionCode only");
        }
        if (depth != null && depth != 3 && depth != 5 && depth != 7) {
            throw ApiProblem.invalid("depth", "depth must be 3 (类), 5 (款) or 7 (项)");
        }
        if (org != null && org.length() > 64) {
            throw ApiProblem.invalid("org", "org must be at most 64 characters");
        }
        ProgressQuery query = query(programCode, fiscalYear, region, asOf);
        return service.rollup(query, new Rollup.Spec(dimension, depth, query.region(),
                isBlank(org) ? null : org.strip()));
    }

    /** Blank parameters count as absent, so a form or a URL template with empty values works. */
    private ProgressQuery query(String programCode, Integer fiscalYear, String region, String asOf) {
        if (fiscalYear != null && (fiscalYear < 1949 || fiscalYear > 2999)) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear must be a year such as 2022");
        }
        if (programCode != null && programCode.length() > 64) {
            throw ApiProblem.invalid("programCode", "programCode must be at most 64 characters");
        }
        RegionScope scope;
        try {
            scope = isBlank(region) ? RegionScope.EVERYWHERE : RegionScope.of(region.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("region", "region '" + abbreviate(region) + "' is not valid: " + e.getMessage());
        }
        LocalDate date;
        try {
            date = isBlank(asOf) ? LocalDate.now(clock.withZone(props.zone())) : LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("asOf", "asOf '" + abbreviate(asOf) + "' is not a date: use YYYY-MM-DD, e.g. 2022-03-01");
        }
        return new ProgressQuery(isBlank(programCode) ? null : programCode.strip(), fiscalYear, scope, date);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
