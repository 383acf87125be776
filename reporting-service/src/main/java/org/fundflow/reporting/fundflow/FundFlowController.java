package org.fundflow.reporting.fundflow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.reporting.export.ExportFormat;
import org.fundflow.reporting.export.Xlsx;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 资金流向台账: {@code GET /api/reports/fund-flow} (JSON, CSV or XLSX) and the programs that have one in a year. */
@RestController
@RequestMapping("/api/reports/fund-flow")
class FundFlowController {
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType XLSX = MediaType.parseMediaType(Xlsx.CONTENT_TYPE);
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;
    private static final int MAX_CODE_LENGTH = 64;

    private final FundFlowReports reports;

    FundFlowController(FundFlowReports reports) {
        this.reports = reports;
    }

    /**
     * An unknown program or a year without allocations is an empty ledger, not an error: the allocations may simply
     * not have arrived yet. The Content-Type is set explicitly so the chosen format never depends on converter
     * negotiation.
     */
    @GetMapping
    ResponseEntity<?> ledger(@RequestParam(required = false) String programCode,
            @RequestParam(required = false) String fiscalYear, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        String code = programCode(programCode);
        int year = fiscalYear(fiscalYear);
        ExportFormat chosen = format(format, accept);
        FundFlowLedger ledger = reports.ledger(code, year);
        return switch (chosen) {
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ledger);
            case CSV -> ResponseEntity.ok().contentType(TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(FundFlowCsv.filename(code, year)))
                    .body(FundFlowCsv.render(ledger));
            case XLSX -> ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(FundFlowXlsx.filename(code, year)))
                    .body(FundFlowXlsx.render(ledger));
        };
    }

    @GetMapping("/programs")
    ResponseEntity<ProgramLedgers> programs(@RequestParam(required = false) String fiscalYear) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(reports.programs(fiscalYear(fiscalYear)));
    }

    private static String programCode(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid("programCode", "query parameter programCode is required");
        }
        String code = value.strip();
        if (code.length() > MAX_CODE_LENGTH || code.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalid("programCode",
                    "programCode must be at most " + MAX_CODE_LENGTH + " characters, without control characters");
        }
        return code;
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

    /**
     * The format parameter wins; without it, an Accept header that prefers text/csv or the XLSX type to JSON asks
     * for that file (CSV when it names both at the same quality, as before XLSX existed).
     */
    private static ExportFormat format(String format, String accept) {
        if (format != null) {
            return ExportFormat.parse(format);
        }
        if (accept == null) {
            return ExportFormat.JSON;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return ExportFormat.JSON;
        }
        double json = quality(types, MediaType.APPLICATION_JSON);
        double csv = quality(types, TEXT_CSV);
        double xlsx = quality(types, XLSX);
        if (csv > 0 && csv >= json && csv >= xlsx) {
            return ExportFormat.CSV;
        }
        if (xlsx > 0 && xlsx >= json) {
            return ExportFormat.XLSX;
        }
        return ExportFormat.JSON;
    }

    /** "fund-flow-P1-2022.csv"; a program code outside printable ASCII goes in {@code filename*} (RFC 5987). */
    private static String attachment(String filename) {
        ContentDisposition disposition = isAscii(filename)
                ? ContentDisposition.attachment().filename(filename).build()
                : ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build();
        return disposition.toString();
    }

    /** The quality the client gives to exactly this type (wildcards do not count as asking for CSV). */
    private static double quality(List<MediaType> types, MediaType wanted) {
        return types.stream().filter(t -> t.getType().equalsIgnoreCase(wanted.getType())
                        && t.getSubtype().equalsIgnoreCase(wanted.getSubtype()))
                .mapToDouble(MediaType::getQualityValue).max().orElse(0);
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
