package org.fundflow.reporting.finalaccounts;

import org.fundflow.reporting.export.ExportFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.IdempotentWrites;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.export.Grid;
import org.fundflow.reporting.export.Xlsx;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 部门决算公开 of an org and fiscal year: the list of tables, each table as JSON, CSV or XLSX in 元 or 万元 (live
 * figures, or a published version with {@code version=N}), the 第三部分 narrative figures, and publishing.
 */
@RestController
@RequestMapping("/api/reports/final-accounts/{orgCode}/{fiscalYear}")
class FinalAccountsController {
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType XLSX = MediaType.parseMediaType(Xlsx.CONTENT_TYPE);
    private static final Pattern ORG = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;


    private final FinalAccounts finalAccounts;
    private final Publishing publishing;
    private final Clock clock;

    FinalAccountsController(FinalAccounts finalAccounts, Publishing publishing, Clock clock) {
        this.finalAccounts = finalAccounts;
        this.publishing = publishing;
        this.clock = clock;
    }

    record TableEntry(String number, String kind, String name, boolean noData, String href) {
    }

    record LayoutRef(String id, String name) {
    }

    record Index(TableRenderer.OrgRef org, int fiscalYear, LayoutRef layout, String liveContentHash, boolean noData,
            Integer latestPublishedVersion, Instant generatedAt, List<TableEntry> tables, String narrative,
            String publications) {
    }

    @GetMapping
    Index index(@PathVariable String orgCode, @PathVariable String fiscalYear) {
        String org = org(orgCode);
        int year = year(fiscalYear);
        FinalAccountsDocument doc = finalAccounts.live(org, year);
        String base = "/api/reports/final-accounts/" + org + "/" + year;
        List<TableEntry> tables = doc.tables().stream().map(t -> new TableEntry(t.number(), t.kind(), t.name(),
                t.noData(), base + "/" + t.kind())).toList();
        Integer latest = publishing.latest(org, year).map(Publications.Publication::version).orElse(null);
        return new Index(new TableRenderer.OrgRef(doc.orgCode(), doc.orgName(), doc.regionCode()), year,
                new LayoutRef(doc.layoutId(), doc.layoutName()), Canonical.hash(Canonical.json(doc)), doc.isEmpty(),
                latest, clock.instant(), tables, base + "/narrative", base + "/publications");
    }

    @GetMapping("/narrative")
    Narrative.View narrative(@PathVariable String orgCode, @PathVariable String fiscalYear,
            @RequestParam(required = false) String version, @RequestParam(required = false) String unit) {
        String org = org(orgCode);
        int year = year(fiscalYear);
        AmountUnit u = AmountUnit.parse(unit);
        Integer v = version(version);
        FinalAccountsDocument doc = v == null ? finalAccounts.live(org, year)
                : Canonical.read(publishing.require(org, year, v).document());
        FinalAccountsDocument previous = null;
        Narrative.PreviousYear previousYear = null;
        if (year > MIN_YEAR) {
            Optional<Publications.Publication> published = publishing.latest(org, year - 1);
            if (published.isPresent()) {
                previous = Canonical.read(published.get().document());
                previousYear = new Narrative.PreviousYear(year - 1, "published", published.get().version());
            } else {
                FinalAccountsDocument live = finalAccounts.live(org, year - 1);
                if (!live.isEmpty()) {
                    previous = live;
                    previousYear = new Narrative.PreviousYear(year - 1, "live", null);
                }
            }
        }
        return Narrative.of(doc, previous, previousYear, u, v, clock.instant());
    }

    @GetMapping("/publications")
    Publishing.PublicationList publications(@PathVariable String orgCode, @PathVariable String fiscalYear) {
        return publishing.list(org(orgCode), year(fiscalYear));
    }

    @GetMapping("/publications/{version}")
    Publishing.PublicationDetail publication(@PathVariable String orgCode, @PathVariable String fiscalYear,
            @PathVariable String version) {
        return publishing.detail(org(orgCode), year(fiscalYear), version(version));
    }

    @PostMapping("/publications")
    ResponseEntity<Object> publish(@PathVariable String orgCode, @PathVariable String fiscalYear,
            @RequestHeader(name = IdempotentWrites.HEADER, required = false) String idempotencyKey) {
        String org = org(orgCode);
        int year = year(fiscalYear);
        return publishing.publish(org, year, idempotencyKey);
    }

    @GetMapping("/{table}")
    ResponseEntity<?> table(@PathVariable String orgCode, @PathVariable String fiscalYear, @PathVariable String table,
            @RequestParam(required = false) String format, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String version) {
        String org = org(orgCode);
        int year = year(fiscalYear);
        ExportFormat f = ExportFormat.parse(format);
        AmountUnit u = AmountUnit.parse(unit);
        Integer v = version(version);
        FinalAccountsDocument doc;
        TableRenderer.Source source;
        if (v == null) {
            doc = finalAccounts.live(org, year);
            source = TableRenderer.Source.live(clock.instant(), Canonical.hash(Canonical.json(doc)));
        } else {
            Publications.Publication p = publishing.require(org, year, v);
            doc = Canonical.read(p.document());
            source = new TableRenderer.Source(v, p.contentHash(), p.publishedAt(), null);
        }
        FinalAccountsDocument.Table t = doc.table(table).orElseThrow(() -> ApiProblem.notFound("table",
                "no table '" + abbreviate(table) + "' in the final accounts of " + org + " " + year + ": use one of "
                        + doc.tables().stream().map(x -> x.number() + " (" + x.kind() + ")").toList()));
        String basename = "final-accounts-" + org + "-" + year + "-" + t.kind() + (v == null ? "" : "-v" + v);
        return switch (f) {
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(TableRenderer.view(doc, t, u, source));
            case CSV -> ResponseEntity.ok().contentType(TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(basename + ".csv"))
                    .body(grid(doc, t, u).toCsv());
            case XLSX -> ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(basename + ".xlsx"))
                    .body(grid(doc, t, u).toXlsx(t.number() + "表"));
        };
    }

    private static Grid grid(FinalAccountsDocument doc, FinalAccountsDocument.Table t, AmountUnit unit) {
        return TableRenderer.grid(doc, t, unit);
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }

    private static String org(String value) {
        if (value == null || !ORG.matcher(value).matches()) {
            throw ApiProblem.invalid("orgCode", "orgCode must be 1 to 32 letters, digits, '_' or '-', not '"
                    + abbreviate(String.valueOf(value)) + "'");
        }
        return value;
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

    private static Integer version(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiProblem.invalid("version", "version must be a published version number (1, 2, …), not '"
                + abbreviate(value) + "'");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
