package org.fundflow.reporting.finalaccounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The final_accounts_publication table: published versions, append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE). A publisher takes a transaction-scoped advisory lock on (org, year) before reading the latest version,
 * so two concurrent publications of the same year get consecutive versions instead of a key violation.
 */
@Repository
class Publications {
    private final JdbcTemplate jdbc;

    Publications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Publication(String orgCode, int fiscalYear, int version, String contentHash, String layoutId,
            String document, String diff, Integer previousVersion, Instant publishedAt, String publishedBy) {
    }

    void lock(String orgCode, int fiscalYear) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('final-accounts/' || ? || '/' || ?))",
                orgCode, fiscalYear);
    }

    Optional<Publication> latest(String orgCode, int fiscalYear) {
        return jdbc.query("SELECT * FROM final_accounts_publication WHERE org_code = ? AND fiscal_year = ? "
                + "ORDER BY version DESC LIMIT 1", ROW, orgCode, fiscalYear).stream().findFirst();
    }

    Optional<Publication> find(String orgCode, int fiscalYear, int version) {
        return jdbc.query("SELECT * FROM final_accounts_publication WHERE org_code = ? AND fiscal_year = ? "
                + "AND version = ?", ROW, orgCode, fiscalYear, version).stream().findFirst();
    }

    /** Every version, oldest first. */
    List<Publication> all(String orgCode, int fiscalYear) {
        return jdbc.query("SELECT * FROM final_accounts_publication WHERE org_code = ? AND fiscal_year = ? "
                + "ORDER BY version", ROW, orgCode, fiscalYear);
    }

    void insert(Publication p) {
        jdbc.update("INSERT INTO final_accounts_publication (org_code, fiscal_year, version, content_hash, "
                        + "layout_id, document, diff, previous_version, published_at, published_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.orgCode(), p.fiscalYear(), p.version(), p.contentHash(), p.layoutId(), p.document(), p.diff(),
                p.previousVersion(), Timestamp.from(p.publishedAt()), p.publishedBy());
    }

    private static final RowMapper<Publication> ROW = (rs, n) -> new Publication(rs.getString("org_code"),
            rs.getInt("fiscal_year"), rs.getInt("version"), rs.getString("content_hash"), rs.getString("layout_id"),
            rs.getString("document"), rs.getString("diff"), (Integer) rs.getObject("previous_version"),
            rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"));
}
