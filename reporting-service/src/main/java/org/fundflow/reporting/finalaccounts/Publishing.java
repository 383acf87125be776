package org.fundflow.reporting.finalaccounts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.IdempotentWrites;
import org.fundflow.platform.web.RecordedBy;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing a year of an org's final accounts: the live document is frozen as the next version with the SHA-256 of
 * its canonical JSON and the row-level diff from the previous version. Unchanged figures are not published twice
 * (409 naming the version that already holds them); a retry with the same Idempotency-Key replays the first answer.
 */
@Service
class Publishing {
    static final String SCOPE = "final-accounts.publish";

    private final FinalAccounts finalAccounts;
    private final Publications publications;
    private final IdempotentWrites writes;
    private final Clock clock;
    private final JsonMapper json;

    Publishing(FinalAccounts finalAccounts, Publications publications, IdempotentWrites writes, Clock clock,
            JsonMapper json) {
        this.finalAccounts = finalAccounts;
        this.publications = publications;
        this.writes = writes;
        this.clock = clock;
        this.json = json;
    }

    /** What the Idempotency-Key fingerprints: the org and year (the request has no body). */
    record PublishRequest(String orgCode, int fiscalYear) {
    }

    /** A published version as the API shows it. */
    record PublicationView(String orgCode, int fiscalYear, int version, String contentHash, Instant publishedAt,
            String publishedBy, String layoutId, Integer previousVersion, TableDiff.Diff diff) {
    }

    record PublicationSummary(int version, String contentHash, Instant publishedAt, String publishedBy,
            String layoutId, Integer previousVersion, int rowsAdded, int rowsRemoved, int rowsChanged) {
    }

    record PublicationList(String orgCode, int fiscalYear, Integer latestVersion,
            List<PublicationSummary> publications) {
    }

    /** One version with its frozen document (the canonical JSON as stored, keys sorted). */
    record PublicationDetail(String orgCode, int fiscalYear, int version, String contentHash, Instant publishedAt,
            String publishedBy, String layoutId, Integer previousVersion, TableDiff.Diff diff, JsonNode document) {
    }

    ResponseEntity<Object> publish(String orgCode, int fiscalYear, String idempotencyKey) {
        // The figures are read in their own repeatable-read snapshot; the write below only compares and appends.
        FinalAccountsDocument document = finalAccounts.live(orgCode, fiscalYear);
        String canonical = Canonical.json(document);
        String hash = Canonical.hash(canonical);
        return writes.execute(SCOPE, idempotencyKey, new PublishRequest(orgCode, fiscalYear), () -> {
            if (document.isEmpty()) {
                throw ApiProblem.rule("fiscalYear", "nothing to publish: no allocation or payment of org " + orgCode
                        + " in " + fiscalYear + " has been recorded");
            }
            publications.lock(orgCode, fiscalYear);
            Optional<Publications.Publication> latest = publications.latest(orgCode, fiscalYear);
            if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
                throw ApiProblem.conflict("fiscalYear", "nothing changed since version " + latest.get().version()
                        + " (contentHash " + hash + "): the published version already shows these figures");
            }
            int version = latest.map(p -> p.version() + 1).orElse(1);
            TableDiff.Diff diff = latest.map(p -> TableDiff.between(Canonical.read(p.document()), p.version(),
                    document)).orElse(TableDiff.Diff.first());
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Publications.Publication p = new Publications.Publication(orgCode, fiscalYear, version, hash,
                    document.layoutId(), canonical, Canonical.write(diff), latest.map(
                            Publications.Publication::version).orElse(null), now, RecordedBy.current());
            publications.insert(p);
            return IdempotentWrites.Result.created(new PublicationView(orgCode, fiscalYear, version, hash, now,
                    p.publishedBy(), p.layoutId(), p.previousVersion(), diff));
        });
    }

    PublicationList list(String orgCode, int fiscalYear) {
        List<PublicationSummary> all = publications.all(orgCode, fiscalYear).stream().map(p -> {
            TableDiff.Diff d = Canonical.read(p.diff(), TableDiff.Diff.class);
            return new PublicationSummary(p.version(), p.contentHash(), p.publishedAt(), p.publishedBy(),
                    p.layoutId(), p.previousVersion(), d.added().size(), d.removed().size(), d.changed().size());
        }).toList();
        return new PublicationList(orgCode, fiscalYear, all.isEmpty() ? null : all.get(all.size() - 1).version(),
                all);
    }

    PublicationDetail detail(String orgCode, int fiscalYear, int version) {
        Publications.Publication p = require(orgCode, fiscalYear, version);
        return new PublicationDetail(orgCode, fiscalYear, version, p.contentHash(), p.publishedAt(),
                p.publishedBy(), p.layoutId(), p.previousVersion(), Canonical.read(p.diff(), TableDiff.Diff.class),
                json.readTree(p.document()));
    }

    Publications.Publication require(String orgCode, int fiscalYear, int version) {
        return publications.find(orgCode, fiscalYear, version).orElseThrow(() -> ApiProblem.notFound("version",
                "org " + orgCode + " has no published version " + version + " of " + fiscalYear));
    }

    Optional<Publications.Publication> latest(String orgCode, int fiscalYear) {
        return publications.latest(orgCode, fiscalYear);
    }
}
