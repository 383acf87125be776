package org.fundflow.reporting.finalaccounts;

import org.fundflow.reporting.export.ExportFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.IdempotentWrites;
import org.fundflow.reporting.access.OrgAccess;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 部门决算公开 of an org and fiscal year: the list of tables, each table as JSON, CSV or XLSX in 元 or 万元 (live
 * figures, or a published version with {@code version=N}), the 第三部分 narrative figures, and publishing.
 *
 * <p>Published versions are public. The live figures are a draft until the agency publishes them: only the org's
 * own agency and the finance bureaus and supervisors whose subtree holds the org's region see them ({@link
 * OrgAccess}). Everyone else — anonymous visitors included — gets the latest published version where a reader of
 * drafts gets the live figures, and a 401/403 when asking for the drafts explicitly ({@code version=live}).
 * Publishing is the agency's own act.
 */
@RestController
@RequestMapping("/api/reports/final-accounts/{orgCode}/{fiscalYear}")
class FinalAccountsController {
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType XLSX = MediaType.parseMediaType(Xlsx.CONTENT_TYPE);
    private static final Pattern ORG = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;
    /** {@code version=live}: the live (unpublished) figures, asked for explicitly. */
    static final String LIVE = "live";

    private final FinalAccounts finalAccounts;
    private final Publishing publishing;
    private final Access access;
    private final OrgAccess orgAccess;
    private final Clock clock;

    FinalAccountsController(FinalAccounts finalAccounts, Publishing publishing, Access access, OrgAccess orgAccess,
            Clock clock) {
        this.finalAccounts = finalAccounts;
        this.publishing = publishing;
        this.access = access;
        this.orgAccess = orgAccess;
        this.clock = clock;
    }

    /** The figures a read shows: the live document ({@code publication} null) or a published version. */
    private record Shown(FinalAccountsDocument document, Publications.Publication publication) {
    }

    record TableEntry(String number, String kind, String name, boolean noData, String href) {
    }

    record LayoutRef(String id, String name) {
    }

    /**
     * @param view    {@code live} for a reader of drafts, {@code published} for everyone else: then the tables are
     *                those of the latest published version (all {@code noData} while nothing is published) and
     *                {@code liveContentHash} is null
     * @param noData  true while nothing at all is recorded for the org and year (also shown to the public, so the
     *                dashboard can say that figures exist but are not published yet; never the figures themselves)
     */
    record Index(TableRenderer.OrgRef org, int fiscalYear, String view, LayoutRef layout, String liveContentHash,
            boolean noData, Integer latestPublishedVersion, Instant generatedAt, List<TableEntry> tables,
            String narrative, String publications) {
    }

    @GetMapping
    Index index(@PathVariable String orgCode, @PathVariable String fiscalYear) {
        String org = org(orgCode);
        int year = year(fiscalYear);
        FinalAccountsDocument live = finalAccounts.live(org, year);
        String base = "/api/reports/final-accounts/" + org + "/" + year;
        Optional<Publications.Publication> latest = publishing.latest(org, year);
        Integer latestVersion = latest.map(Publications.Publication::version).orElse(null);
        TableRenderer.OrgRef ref = new TableRenderer.OrgRef(live.orgCode(), live.orgName(), live.regionCode());
        if (orgAccess.mayRead(org)) {
            List<TableEntry> tables = live.tables().stream().map(t -> new TableEntry(t.number(), t.kind(), t.name(),
                    t.noData(), base + "/" + t.kind())).toList();
            return new Index(ref, year, LIVE, new LayoutRef(live.layoutId(), live.layoutName()),
                    Canonical.hash(Canonical.json(live)), live.isEmpty(), latestVersion, clock.instant(), tables,
                    base + "/narrative", base + "/publications");
        }
        FinalAccountsDocument shown = latest.map(p -> Canonical.read(p.document())).orElse(live);
        boolean published = latest.isPresent();
        List<TableEntry> tables = shown.tables().stream().map(t -> new TableEntry(t.number(), t.kind(), t.name(),
                !published || t.noData(), base + "/" + t.kind())).toList();
        return new Index(ref, year, "published", new LayoutRef(shown.layoutId(), shown.layoutName()), null,
                live.isEmpty(), latestVersion, clock.instant(), tables, base + "/narrative", base + "/publications");
    }

    @GetMapping("/narrative")
    Narrative.View narrative(@PathVariable String orgCode, @PathVariable String fiscalYear,
            @RequestParam(required = false) String version, @RequestParam(required = false) String unit) {
        String org = org(orgCode);
        int year = year(fiscalYear);
        AmountUnit u = AmountUnit.parse(unit);
        Shown shown = shown(org, year, version);
        FinalAccountsDocument previous = null;
        Narrative.PreviousYear previousYear = null;
        if (year > MIN_YEAR) {
            Optional<Publications.Publication> published = publishing.latest(org, year - 1);
            if (published.isPresent()) {
                previous = Canonical.read(published.get().document());
                previousYear = new Narrative.PreviousYear(year - 1, "published", published.get().version());
            } else if (orgAccess.mayRead(org)) {
                // the previous year's live figures are a draft too: only its readers compare with them
                FinalAccountsDocument live = finalAccounts.live(org, year - 1);
                if (!live.isEmpty()) {
                    previous = live;
                    previousYear = new Narrative.PreviousYear(year - 1, "live", null);
                }
            }
        }
        return Narrative.of(shown.document(), previous, previousYear, u,
                shown.publication() == null ? null : shown.publication().version(), clock.instant());
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

    /** 部门决算公开 is the department's own act: only the org's agency publishes, and the call takes no body. */
    @PostMapping("/publications")
    ResponseEntity<Object> publish(@PathVariable String orgCode, @PathVariable String fiscalYear,
            @RequestHeader(name = IdempotentWrites.HEADER, required = false) String idempotencyKey,
            @RequestBody(required = false) byte[] body) {
        String org = org(orgCode);
        int year = year(fiscalYear);
        access.requireAgencyOf("orgCode", org);
        if (body != null && !blank(body)) {
            throw ApiProblem.invalid(null, "publishing takes no request body: the version is made of the figures "
                    + "recorded for the org and year");
        }
        return publishing.publish(org, year, idempotencyKey);
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    @GetMapping("/{table}")
    ResponseEntity<?> table(@PathVariable String orgCode, @PathVariable String fiscalYear, @PathVariable String table,
            @RequestParam(required = false) String format, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String version) {
        String org = org(orgCode);
        int year = year(fiscalYear);
        ExportFormat f = ExportFormat.parse(format);
        AmountUnit u = AmountUnit.parse(unit);
        Shown shown = shown(org, year, version);
        FinalAccountsDocument doc = shown.document();
        Publications.Publication p = shown.publication();
        Integer v = p == null ? null : p.version();
        TableRenderer.Source source = p == null
                ? TableRenderer.Source.live(clock.instant(), Canonical.hash(Canonical.json(doc)))
                : new TableRenderer.Source(v, p.contentHash(), p.publishedAt(), null);
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

    /**
     * What a table or narrative read shows: {@code version=N} the published version N (anyone); {@code
     * version=live} the live figures (readers of drafts only: 401 without a token, 403 out of scope); no version
     * the live figures for a reader of drafts and the latest published version for everyone else (404 while
     * nothing is published).
     */
    private Shown shown(String org, int year, String version) {
        if (version != null && LIVE.equalsIgnoreCase(version.strip())) {
            orgAccess.requireRead("version", org);
            return new Shown(finalAccounts.live(org, year), null);
        }
        Integer v = version(version);
        if (v != null) {
            Publications.Publication p = publishing.require(org, year, v);
            return new Shown(Canonical.read(p.document()), p);
        }
        if (orgAccess.mayRead(org)) {
            return new Shown(finalAccounts.live(org, year), null);
        }
        Publications.Publication p = publishing.latest(org, year).orElseThrow(() -> ApiProblem.notFound("version",
                "org " + org + " has not published its final accounts of " + year + " yet: only published "
                        + "versions are public"));
        return new Shown(Canonical.read(p.document()), p);
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
        throw ApiProblem.invalid("version", "version must be a published version number (1, 2, …) or 'live', not '"
                + abbreviate(value) + "'");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
