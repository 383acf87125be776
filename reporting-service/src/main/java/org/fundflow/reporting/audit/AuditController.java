package org.fundflow.reporting.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.reporting.export.Csv;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit}: the audit trail for supervisors, newest first, a page at a time, as JSON or CSV. A
 * supervisor sees the entries of their region subtree ({@code region} narrows it; outside it is a 403); a national
 * supervisor sees every entry, those without a region included. Finance bureaus and agencies are refused (403).
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;
    private static final int MAX_PAGE = 1_000_000;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private final AuditEntries entries;
    private final Access access;
    private final Clock clock;

    AuditController(AuditEntries entries, Access access, Clock clock) {
        this.entries = entries;
        this.access = access;
        this.clock = clock;
    }

    record ActorView(String subject, String role, String region, String org, String clientAddress) {
    }

    record EntryView(String eventId, String eventType, String aggregateType, String aggregateId,
            Instant occurredAt, String recordedBy, ActorView actor, String correlationId, String resourceRegion,
            String resourceToRegion, String resourceOrg, String summary, Instant receivedAt) {
    }

    record AuditPage(String region, Instant from, Instant to, String subject, String type, String aggregateId,
            String correlationId, int page, int size, boolean hasMore, Instant generatedAt,
            List<EntryView> entries) {
    }

    @GetMapping
    ResponseEntity<?> audit(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String subject, @RequestParam(required = false) String type,
            @RequestParam(required = false) String aggregateId,
            @RequestParam(required = false) String correlationId, @RequestParam(required = false) String region,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size,
            @RequestParam(required = false) String format) {
        Caller caller = access.requireRole(Role.SUPERVISOR);
        boolean csv = csv(format);
        Instant fromInstant = instant("from", from, false);
        Instant toInstant = instant("to", to, true);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ApiProblem.invalid("to", "to must be after from");
        }
        String s = text("subject", subject, 128);
        String t = blank(type) ? null : type.strip();
        if (t != null && !TYPE.matcher(t).matches()) {
            throw ApiProblem.invalid("type", "type must be an event type such as AllocationIssued");
        }
        String aggregate = text("aggregateId", aggregateId, 200);
        String correlation = text("correlationId", correlationId, 128);
        int p = number("page", page, 0, 0, MAX_PAGE);
        int n = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        String requested = blank(region) ? null : region.strip();
        if (requested != null && (!REGION.matcher(requested).matches()
                || access.regions().find(requested).isEmpty())) {
            throw ApiProblem.invalid("region", "region must be a GB/T 2260 region code such as 140700");
        }
        String scope = access.regionFilter("region", requested);
        Set<String> regions = Caller.NATIONAL.equals(scope) ? null : access.regions().subtree(scope);
        AuditEntries.Page found = entries.find(new AuditEntries.Query(fromInstant, toInstant, s, t, aggregate,
                correlation, regions, p, n));
        List<EntryView> views = found.entries().stream().map(AuditController::view).toList();
        if (csv) {
            String filename = "audit-" + scope + "-page" + p + ".csv";
            return ResponseEntity.ok().contentType(TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(filename).build().toString())
                    .body(csv(views));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new AuditPage(scope, fromInstant,
                toInstant, s, t, aggregate, correlation, p, n, found.hasMore(), clock.instant(), views));
    }

    private static EntryView view(AuditEntry e) {
        ActorView actor = e.actorSubject() == null && e.actorRole() == null ? null : new ActorView(e.actorSubject(),
                e.actorRole(), e.actorRegion(), e.actorOrg(), e.clientAddress());
        return new EntryView(e.eventId().toString(), e.eventType(), e.aggregateType(), e.aggregateId(),
                e.occurredAt(), e.recordedBy(), actor, e.correlationId(), e.resourceRegion(), e.resourceToRegion(),
                e.resourceOrg(), e.summary(), e.receivedAt());
    }

    static final List<String> CSV_HEADER = List.of("event_id", "occurred_at", "event_type", "aggregate_type",
            "aggregate_id", "summary", "actor_subject", "actor_role", "actor_region", "actor_org", "client_address",
            "recorded_by", "correlation_id", "resource_region", "resource_to_region", "resource_org", "received_at");

    private static String csv(List<EntryView> views) {
        Csv out = new Csv(CSV_HEADER);
        for (EntryView v : views) {
            ActorView a = v.actor();
            out.row(List.of(Csv.value(v.eventId()), Csv.value(v.occurredAt()), Csv.text(v.eventType()),
                    Csv.text(v.aggregateType()), Csv.text(v.aggregateId()), Csv.text(v.summary()),
                    Csv.text(a == null ? null : a.subject()), Csv.text(a == null ? null : a.role()),
                    Csv.text(a == null ? null : a.region()), Csv.text(a == null ? null : a.org()),
                    Csv.text(a == null ? null : a.clientAddress()), Csv.text(v.recordedBy()),
                    Csv.text(v.correlationId()), Csv.text(v.resourceRegion()), Csv.text(v.resourceToRegion()),
                    Csv.text(v.resourceOrg()), Csv.value(v.receivedAt())));
        }
        return out.toString();
    }

    private static boolean csv(String format) {
        if (blank(format)) {
            return false;
        }
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> false;
            case "csv" -> true;
            default -> throw ApiProblem.invalid("format", "format must be json or csv");
        };
    }

    /**
     * An instant ({@code 2024-03-01T08:00:00Z}, or with an offset) or a date ({@code 2024-03-01}, a day in
     * Beijing): {@code from} is inclusive, {@code to} exclusive — a date as {@code to} includes that whole day.
     */
    private static Instant instant(String field, String value, boolean end) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        if (v.length() <= 40) {
            try {
                LocalDate day = LocalDate.parse(v);
                return (end ? day.plusDays(1) : day).atStartOfDay(BEIJING).toInstant();
            } catch (DateTimeParseException notADate) {
                // an instant, perhaps
            }
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                // fall through
            }
        }
        throw ApiProblem.invalid(field, field + " must be a date (2024-03-01) or an instant (2024-03-01T08:00:00Z)");
    }

    /** A filter matched exactly: up to {@code max} characters, no control or format characters. */
    private static String text(String field, String value, int max) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max || !v.equals(AuditEntry.clean(v, max))) {
            throw ApiProblem.invalid(field, field + " must be at most " + max
                    + " characters, without control characters");
        }
        return v;
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (blank(value)) {
            return fallback;
        }
        String v = value.strip();
        if (DIGITS.matcher(v).matches()) {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw ApiProblem.invalid(field, field + " must be a whole number from " + min + " to " + max);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
