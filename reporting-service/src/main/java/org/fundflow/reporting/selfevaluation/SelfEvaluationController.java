package org.fundflow.reporting.selfevaluation;

import org.fundflow.reporting.export.ExportFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fundflow.platform.web.ApiProblem;
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

/** 项目支出绩效自评表: one form (JSON / CSV / XLSX), the list of evaluations, and counts by grade. */
@RestController
@RequestMapping("/api/reports/self-evaluations")
class SelfEvaluationController {
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final MediaType XLSX = MediaType.parseMediaType(Xlsx.CONTENT_TYPE);
    private static final Pattern ORG = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;

    private final SelfEvaluationReports reports;

    SelfEvaluationController(SelfEvaluationReports reports) {
        this.reports = reports;
    }

    @GetMapping
    SelfEvaluationReports.EvaluationList list(@RequestParam(required = false) String orgCode,
            @RequestParam(required = false) String fiscalYear, @RequestParam(required = false) String currentOnly) {
        return reports.list(fiscalYear == null || fiscalYear.isBlank() ? null : year(fiscalYear), org(orgCode),
                bool(currentOnly));
    }

    @GetMapping("/summary")
    SelfEvaluationReports.Summary summary(@RequestParam(required = false) String orgCode,
            @RequestParam(required = false) String fiscalYear) {
        if (fiscalYear == null || fiscalYear.isBlank()) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear is required");
        }
        return reports.summary(year(fiscalYear), org(orgCode));
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
        SelfEvaluationForm form = reports.form(id);
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
