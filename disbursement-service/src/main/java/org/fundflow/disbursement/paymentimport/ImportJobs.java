package org.fundflow.disbursement.paymentimport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.fundflow.contracts.Actor;
import org.fundflow.contracts.Money;
import org.fundflow.platform.web.Texts;
import org.fundflow.disbursement.paymentimport.ImportJobView.RowError;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code payment_import_job} and {@code payment_import_error} tables. */
@Repository
class ImportJobs {
    static final int FIRST_ERRORS = 100;
    private static final int ERROR_PAGE = 1000;

    private final JdbcTemplate jdbc;

    ImportJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A job's row as the runner needs it.
     *
     * @param uploader who uploaded it (null for a job uploaded before access control): every payment and event the
     *                 job records carries this actor, and the job belongs to its org
     */
    record Job(UUID jobId, String status, String fileName, ImportFormat format, String storedPath, String node,
            long processedRows, String recordedBy, String correlationId, Actor uploader) {

        /** The org the job belongs to: only rows of this org are recorded. */
        String org() {
            return uploader == null ? null : uploader.org();
        }
    }

    /** @param uploader who uploads it (its subject is also the job's and its payments' recordedBy) */
    void create(UUID jobId, String fileName, ImportFormat format, long size, String sha256, String storedPath,
            String node, Actor uploader, String correlationId) {
        jdbc.update("INSERT INTO payment_import_job (job_id, status, file_name, format, file_size, file_sha256, "
                + "stored_path, node, recorded_by, uploader_role, uploader_region, uploader_org, uploader_address, "
                + "correlation_id) VALUES (?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                jobId, fileName, format.name(), size, sha256, storedPath, node, uploader.subject(), uploader.role(),
                uploader.region(), uploader.org(), uploader.clientAddress(), correlationId);
    }

    Optional<Job> find(UUID jobId) {
        return jdbc.query("SELECT * FROM payment_import_job WHERE job_id = ?", (rs, n) -> job(rs), jobId).stream()
                .findFirst();
    }

    /** QUEUED → RUNNING (or RUNNING again when resumed); false if the job is no longer waiting. */
    boolean start(UUID jobId, Long totalRows) {
        return jdbc.update("UPDATE payment_import_job SET status = 'RUNNING', started_at = COALESCE(started_at, now()),"
                + " total_rows = COALESCE(?, total_rows), heartbeat_at = now() WHERE job_id = ? AND status IN "
                + "('QUEUED', 'RUNNING')", totalRows, jobId) == 1;
    }

    /** One batch's counters; runs in the batch's transaction, so they always match the rows recorded. */
    void progress(UUID jobId, long processed, long recorded, long duplicates, long rejected, long recordedCents) {
        jdbc.update("UPDATE payment_import_job SET processed_rows = processed_rows + ?, recorded_rows = recorded_rows"
                + " + ?, duplicate_rows = duplicate_rows + ?, rejected_rows = rejected_rows + ?, recorded_cents = "
                + "recorded_cents + ?, heartbeat_at = now() WHERE job_id = ?", processed, recorded, duplicates,
                rejected, recordedCents, jobId);
    }

    /** The errors' field and reason may echo what the file holds: stored printable (PostgreSQL refuses NUL). */
    void insertErrors(UUID jobId, List<RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO payment_import_error (job_id, line, field, reason) "
                    + "SELECT ?, u.line, u.field, u.reason FROM unnest(?::bigint[], ?::text[], ?::text[]) "
                    + "AS u(line, field, reason) ON CONFLICT DO NOTHING");
            ps.setObject(1, jobId);
            ps.setArray(2, con.createArrayOf("int8", errors.stream().map(RowError::line).toArray(Long[]::new)));
            ps.setArray(3, con.createArrayOf("text", errors.stream().map(e -> Texts.abbreviate(e.field(), 100))
                    .toArray(String[]::new)));
            ps.setArray(4, con.createArrayOf("text", errors.stream().map(e -> Texts.abbreviate(e.reason(), 2000))
                    .toArray(String[]::new)));
            return ps;
        });
    }

    void complete(UUID jobId) {
        jdbc.update("UPDATE payment_import_job SET status = 'COMPLETED', total_rows = processed_rows, "
                + "finished_at = now(), heartbeat_at = now() WHERE job_id = ?", jobId);
    }

    void fail(UUID jobId, String failure) {
        jdbc.update("UPDATE payment_import_job SET status = 'FAILED', failure = ?, finished_at = now(), "
                + "heartbeat_at = now() WHERE job_id = ? AND status IN ('QUEUED', 'RUNNING')",
                Texts.abbreviate(failure, 4000), jobId);
    }

    /** The jobs a previous run of this node left unfinished. */
    List<Job> unfinished(String node) {
        return jdbc.query("SELECT * FROM payment_import_job WHERE node = ? AND status IN ('QUEUED', 'RUNNING') "
                + "ORDER BY created_at", (rs, n) -> job(rs), node);
    }

    /** Keeps this instance's waiting and running jobs from looking abandoned. */
    void touch(Collection<UUID> jobIds) {
        if (!jobIds.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement("UPDATE payment_import_job SET heartbeat_at = now() "
                        + "WHERE job_id = ANY(?) AND status IN ('QUEUED', 'RUNNING')");
                ps.setArray(1, con.createArrayOf("uuid", jobIds.toArray()));
                return ps;
            });
        }
    }

    /** Fails jobs whose instance stopped touching them (it died and was not restarted under the same name). */
    int failAbandoned(Instant untouchedSince) {
        return jdbc.update("UPDATE payment_import_job SET status = 'FAILED', finished_at = now(), failure = "
                + "'abandoned: the instance ' || node || ' that was processing it stopped (after ' || processed_rows "
                + "|| ' rows); rows recorded so far stay recorded; upload the file again: rows already recorded count "
                + "as duplicates' WHERE status IN ('QUEUED', 'RUNNING') AND heartbeat_at < ?",
                Timestamp.from(untouchedSince));
    }

    Optional<ImportJobView> view(UUID jobId) {
        return jdbc.query("SELECT * FROM payment_import_job WHERE job_id = ?", (rs, n) -> {
            long total = rs.getLong("total_rows");
            Long totalRows = rs.wasNull() ? null : total;
            return new ImportJobView(jobId, rs.getString("uploader_org"), rs.getString("status"),
                    rs.getString("file_name"), rs.getString("format"), totalRows, rs.getLong("processed_rows"),
                    rs.getLong("recorded_rows"), rs.getLong("duplicate_rows"), rs.getLong("rejected_rows"),
                    Money.ofCents(rs.getLong("recorded_cents")), rs.getString("failure"),
                    rs.getString("recorded_by"), instant(rs, "created_at"), instant(rs, "started_at"),
                    instant(rs, "finished_at"), errorsAfter(jobId, 0, FIRST_ERRORS),
                    "/api/payment-imports/" + jobId + "/errors");
        }, jobId).stream().findFirst();
    }

    /** Every error of the job in line order, a page at a time, so a file of bad rows is never held in memory. */
    void forEachError(UUID jobId, Consumer<RowError> consumer) {
        long after = 0;
        while (true) {
            List<RowError> page = errorsAfter(jobId, after, ERROR_PAGE);
            page.forEach(consumer);
            if (page.size() < ERROR_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).line();
        }
    }

    private List<RowError> errorsAfter(UUID jobId, long afterLine, int limit) {
        return jdbc.query("SELECT line, field, reason FROM payment_import_error WHERE job_id = ? AND line > ? "
                + "ORDER BY line LIMIT ?", (rs, n) -> new RowError(rs.getLong(1), rs.getString(2), rs.getString(3)),
                jobId, afterLine, limit);
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getObject("job_id", UUID.class), rs.getString("status"), rs.getString("file_name"),
                ImportFormat.valueOf(rs.getString("format")), rs.getString("stored_path"), rs.getString("node"),
                rs.getLong("processed_rows"), rs.getString("recorded_by"), rs.getString("correlation_id"),
                rs.getString("uploader_role") == null ? null : new Actor(rs.getString("recorded_by"),
                        rs.getString("uploader_role"), rs.getString("uploader_region"), rs.getString("uploader_org"),
                        rs.getString("uploader_address")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
