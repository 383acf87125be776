package org.fundflow.reporting.execution;

import org.fundflow.reporting.export.ExportFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.export.PublishedTable;
import org.fundflow.reporting.export.Xlsx;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The execution tables: {@code GET /api/reports/execution/by-region | by-fund | by-function}, as JSON (default),
 * CSV or XLSX, in 元 or 万元. Bad parameters are a 400 problem naming the parameter; a year or region without
 * facts is an empty table with zero totals (the events may not have arrived yet).
 */
@RestController
@RequestMapping("/api/reports/execution")
class ExecutionController {
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType XLSX = MediaType.parseMediaType(Xlsx.CONTENT_TYPE);
    /** Fiscal dates are Chinese calendar dates: "today" is today in Beijing. */
    private static final ZoneId FISCAL_ZONE = ZoneId.of("Asia/Shanghai");
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;
    private static final int MAX_CODE_LENGTH = 64;


    private final ExecutionReports reports;
    private final Clock clock;

    ExecutionController(ExecutionReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/by-region")
    ResponseEntity<?> byRegion(@RequestParam(required = false) String fiscalYear,
            @RequestParam(required = false) String programCode, @RequestParam(required = false) String region,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) String format,
            @RequestParam(required = false) String unit) {
        Scope scope = scope(fiscalYear, programCode, region, asOf);
        ExportFormat f = ExportFormat.parse(format);
        AmountUnit u = AmountUnit.parse(unit);
        ByRegionReport report = reports.byRegion(scope, u);
        return respond(f, report, () -> report.table(u), "execution-by-region-" + scope.fiscalYear(), "分地区");
    }

    @GetMapping("/by-fund")
    ResponseEntity<?> byFund(@RequestParam(required = false) String fiscalYear,
            @RequestParam(required = false) String region, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String format, @RequestParam(required = false) String unit) {
        Scope scope = scope(fiscalYear, null, region, asOf);
        ExportFormat f = ExportFormat.parse(format);
        AmountUnit u = AmountUnit.parse(unit);
        ByFundReport report = reports.byFund(scope, u);
        return respond(f, report, () -> report.table(u), "execution-by-fund-" + scope.fiscalYear(), "分资金");
    }

    @GetMapping("/by-function")
    ResponseEntity<?> byFunction(@RequestParam(required = false) String fiscalYear,
            @RequestParam(required = false) String programCode, @RequestParam(required = false) String region,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) String depth,
            @RequestParam(required = false) String format, @RequestParam(required = false) String unit) {
        Scope scope = scope(fiscalYear, programCode, region, asOf);
        int d = depth(depth);
        ExportFormat f = ExportFormat.parse(format);
        AmountUnit u = AmountUnit.parse(unit);
        ByFunctionReport report = reports.byFunction(scope, d, u);
        return respond(f, report, () -> report.table(u), "execution-by-function-" + scope.fiscalYear(), "支出功能分类");
    }

    private static ResponseEntity<?> respond(ExportFormat format, Object json,
            java.util.function.Supplier<PublishedTable> table, String basename, String sheet) {
        return switch (format) {
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
            case CSV -> ResponseEntity.ok().contentType(TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(basename + ".csv"))
                    .body(table.get().toCsv());
            case XLSX -> ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(basename + ".xlsx"))
                    .body(Xlsx.render(table.get(), sheet));
        };
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }

    private Scope scope(String fiscalYear, String programCode, String region, String asOf) {
        int year = fiscalYear(fiscalYear);
        return new Scope(year, programCode(programCode), region(region), asOf(asOf));
    }

    private static int fiscalYear(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid("fiscalYear", "query parameter fiscalYear is required (e.g. 2022)");
        }
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

    /** Optional: absent or blank means every program. */
    private static String programCode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip();
        if (code.length() > MAX_CODE_LENGTH || code.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalid("programCode",
                    "programCode must be at most " + MAX_CODE_LENGTH + " characters, without control characters");
        }
        return code;
    }

    /** Optional: a GB/T 2260 code; absent means the whole country (rows by province). */
    private static String region(String value) {
        if (value == null) {
            return Regions.CENTRE;
        }
        String code = value.strip();
        if (!Regions.isCode(code)) {
            throw ApiProblem.invalid("region", "region must be a six-digit GB/T 2260 code such as 140700, not '"
                    + abbreviate(value) + "'");
        }
        return code;
    }

    private LocalDate asOf(String value) {
        if (value == null) {
            return LocalDate.now(clock.withZone(FISCAL_ZONE));
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("asOf", "asOf must be a date YYYY-MM-DD, not '" + abbreviate(value) + "'");
        }
    }

    private static int depth(String value) {
        if (value == null) {
            return 7;
        }
        return switch (value.strip()) {
            case "3" -> 3;
            case "5" -> 5;
            case "7" -> 7;
            default -> throw ApiProblem.invalid("depth", "depth must be 3 (类), 5 (款) or 7 (项), not '"
                    + abbreviate(value) + "'");
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
