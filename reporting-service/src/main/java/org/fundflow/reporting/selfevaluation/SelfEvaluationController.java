package org.fundflow.reporting.selfevaluation;

import org.fundflow.reporting.export.ExportFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.reporting.access.OrgAccess;
import org.fundflow.reporting.export.Xlsx;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 项目支出绩效自评表: one form (JSON / CSV / XLSX), the list of evaluations, and counts by grade. Not public: a
 * self-evaluation is read by its org's agency and by the finance bureaus and supervisors whose subtree holds the
 * org's region ({@link OrgAccess}). A form or an {@code orgCode} filter out of scope is a 403; without
 * {@code orgCode} the list and the counts cover exactly the orgs in the caller's scope.
 */
@RestController
@RequestMapping("/api/reports/self-evaluations")
class SelfEvaluationController {
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final MediaType XLSX = MediaType.parseMediaType(Xlsx.CONTENT_TYPE);
    private static final Pattern ORG = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;

    private final SelfEvaluationReports reports;
    private final Access access;
    private final OrgAccess orgAccess;

    SelfEvaluationController(SelfEvaluationReports reports, Access access, OrgAccess orgAccess) {
        this.reports = reports;
        this.access = access;
        this.orgAccess = orgAccess;
    }

    @GetMapping
    SelfEvaluationReports.EvaluationList list(@RequestParam(required = false) String orgCode,
            @RequestParam(required = false) String fiscalYear, @RequestParam(required = false) String currentOnly) {
        Integer year = fiscalYear == null || fiscalYear.isBlank() ? null : year(fiscalYear);
        String org = org(orgCode);
        boolean current = bool(currentOnly);
        Scope scope = scope(org);
        return reports.list(year, scope.org(), current, scope.orgs());
    }

    @GetMapping("/summary")
    SelfEvaluationReports.Summary summary(@RequestParam(required = false) String orgCode,
            @RequestParam(required = false) String fiscalYear) {
        if (fiscalYear == null || fiscalYear.isBlank()) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear is required");
        }
        int year = year(fiscalYear);
        Scope scope = scope(org(orgCode));
        return reports.summary(year, scope.org(), scope.orgs());
    }

    /** The org a list is restricted to (null: any), and which orgs of the result the caller may see. */
    private record Scope(String org, SelfEvaluationReports.OrgFilter orgs) {
    }

    private Scope scope(String requestedOrg) {
        Caller caller = access.caller();
        if (requestedOrg != null) {
            orgAccess.requireRead("orgCode", requestedOrg);
            return new Scope(requestedOrg, orgs -> org -> true);
        }
        if (caller.role() == Role.AGENCY) {
            return new Scope(caller.org(), orgs -> org -> true);
        }
        return new Scope(null, orgs -> orgAccess.readableAmong(caller, orgs));
    }

    @GetMapping("/{evaluationId}")
    ResponseEntity<?> form(@PathVariable String evaluationId, @RequestParam(required = false) String format) {
        UUID id;
        try {
            id = UUID.fromString(evaluationId.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("evaluationId", "evaluationId must be a UUID, not '" + abbreviate(evaluationId)
                    + "'");
        }
        ExportFormat f = ExportFormat.parse(format);
        access.caller();
        SelfEvaluationForm form = reports.form(id);
        orgAccess.requireRead("evaluationId", form.orgCode());
        String basename = "self-evaluation-" + form.fiscalYear() + "-"
                + (form.programCode() == null ? form.orgCode() : form.programCode()) + "-" + id;
        return switch (f) {
            case CSV -> ResponseEntity.ok().contentType(TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(basename + ".csv"))
                    .body(form.grid().toCsv());
            case XLSX -> ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(basename + ".xlsx"))
                    .body(form.grid().toXlsx("绩效自评表"));
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(form);
        };
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString();
    }

    private static String org(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ORG.matcher(value.strip()).matches()) {
            throw ApiProblem.invalid("orgCode", "orgCode must be 1 to 32 letters, digits, '_' or '-', not '"
                    + abbreviate(value) + "'");
        }
        return value.strip();
    }

    private static boolean bool(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.invalid("currentOnly", "currentOnly must be true or false, not '"
                    + abbreviate(value) + "'");
        };
    }

    private static int year(String value) {
        int year;
        try {
            year = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear must be a year such as 2022, not '"
                    + abbreviate(value) + "'");
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear must be between " + MIN_YEAR + " and " + MAX_YEAR);
        }
        return year;
    }

    private static String abbreviate(String value) {
        String s = String.valueOf(value);
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
