package org.fundflow.reporting.facts;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The allocation_fact and allocation_movement tables. Writes are append-only and idempotent on their own keys (a
 * second safety net behind processed_event); reads hand the raw facts to the reports, which derive figures.
 */
@Repository
public class AllocationFacts {
    private static final Logger log = LoggerFactory.getLogger(AllocationFacts.class);

    private static final String FACT_COLUMNS = "allocation_id, program_code, program_name, fiscal_year, "
            + "source_level, from_region, from_region_name, to_region, to_region_name, to_org, to_org_name, "
            + "to_org_region, level, parent_allocation_id, root_allocation_id, amount_cents, doc_no, issued_on, "
            + "function_code, economic_code, note";

    private final JdbcTemplate jdbc;

    AllocationFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void recordIssued(UUID eventId, Instant occurredAt, Events.AllocationIssued e) {
        int inserted = jdbc.update("INSERT INTO allocation_fact (" + FACT_COLUMNS + ", event_id, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (allocation_id) DO NOTHING",
                e.allocationId(), e.programCode(), e.programName(), e.fiscalYear(), name(e.sourceLevel()),
                e.fromRegion(), e.fromRegionName(), e.toRegion(), e.toRegionName(), e.toOrg(), e.toOrgName(),
                e.toOrgRegion(), name(e.level()), e.parentAllocationId(), e.rootAllocationId(),
                e.amount().cents(), e.docNo(), e.issuedOn(), e.functionCode(), e.economicCode(), e.note(), eventId,
                timestamp(occurredAt));
        if (inserted == 0) {
            // An allocation is issued once; a second AllocationIssued with another event id would be a producer bug.
            // The first one stays: facts are never edited.
            log.warn("AllocationIssued {} for allocation {} ignored: the allocation is already recorded", eventId,
                    e.allocationId());
        }
    }

    void recordMovement(UUID eventId, Instant occurredAt, UUID allocationId, MovementKind kind, long effectCents,
            LocalDate effectiveOn, String docNo, String reason, Integer toFiscalYear) {
        jdbc.update("INSERT INTO allocation_movement (event_id, allocation_id, kind, budget_effect_cents, "
                        + "effective_on, doc_no, reason, to_fiscal_year, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                eventId, allocationId, kind.name(), effectCents, effectiveOn, docNo, reason, toFiscalYear,
                timestamp(occurredAt));
    }

    /** Every allocation of one program and fiscal year, in issue order. */
    public List<AllocationFact> ofProgram(String programCode, int fiscalYear) {
        return jdbc.query("SELECT " + FACT_COLUMNS + " FROM allocation_fact WHERE fiscal_year = ? AND program_code = ?"
                + " ORDER BY issued_on, allocation_id", FACT, fiscalYear, programCode);
    }

    /** Every allocation of one fiscal year, all programs, in issue order. */
    public List<AllocationFact> ofYear(int fiscalYear) {
        return jdbc.query("SELECT " + FACT_COLUMNS + " FROM allocation_fact WHERE fiscal_year = ?"
                + " ORDER BY issued_on, allocation_id", FACT, fiscalYear);
    }

    /**
     * Movement totals of the allocations of one fiscal year (and program, when given). Movements of allocations
     * not issued yet are kept in the table but not returned: they count once their allocation arrives.
     */
    public Map<UUID, MovementTotals> movementTotals(int fiscalYear, String programCodeOrNull) {
        String sql = "SELECT m.allocation_id, "
                + "SUM(CASE WHEN m.kind = 'ADJUSTMENT' THEN m.budget_effect_cents ELSE 0 END) AS adjustments, "
                + "SUM(CASE WHEN m.kind = 'RECOVERY' THEN -m.budget_effect_cents ELSE 0 END) AS recovered, "
                + "SUM(CASE WHEN m.kind = 'CARRY_OVER' THEN -m.budget_effect_cents ELSE 0 END) AS carried_over "
                + "FROM allocation_movement m JOIN allocation_fact f ON f.allocation_id = m.allocation_id "
                + "WHERE f.fiscal_year = ?" + (programCodeOrNull == null ? "" : " AND f.program_code = ?")
                + " GROUP BY m.allocation_id";
        Object[] args = programCodeOrNull == null ? new Object[] {fiscalYear}
                : new Object[] {fiscalYear, programCodeOrNull};
        Map<UUID, MovementTotals> totals = new HashMap<>();
        jdbc.query(sql, rs -> {
            totals.put(rs.getObject("allocation_id", UUID.class), new MovementTotals(
                    Money.ofCents(rs.getLong("adjustments")), Money.ofCents(rs.getLong("recovered")),
                    Money.ofCents(rs.getLong("carried_over"))));
        }, args);
        return totals;
    }

    /** Which of these allocation ids have been issued (in any program or year). */
    public Set<UUID> existing(Collection<UUID> allocationIds) {
        if (allocationIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("SELECT allocation_id FROM allocation_fact WHERE allocation_id = ANY(?)",
                UUID.class, (Object) allocationIds.toArray(new UUID[0])));
    }

    private static final RowMapper<AllocationFact> FACT = AllocationFacts::fact;

    private static AllocationFact fact(ResultSet rs, int row) throws SQLException {
        Date issuedOn = rs.getDate("issued_on");
        return new AllocationFact(
                rs.getObject("allocation_id", UUID.class),
                rs.getString("program_code"),
                rs.getString("program_name"),
                rs.getInt("fiscal_year"),
                level(rs.getString("source_level")),
                rs.getString("from_region"),
                rs.getString("from_region_name"),
                rs.getString("to_region"),
                rs.getString("to_region_name"),
                rs.getString("to_org"),
                rs.getString("to_org_name"),
                rs.getString("to_org_region"),
                level(rs.getString("level")),
                rs.getObject("parent_allocation_id", UUID.class),
                rs.getObject("root_allocation_id", UUID.class),
                Money.ofCents(rs.getLong("amount_cents")),
                rs.getString("doc_no"),
                issuedOn == null ? null : issuedOn.toLocalDate(),
                rs.getString("function_code"),
                rs.getString("economic_code"),
                rs.getString("note"));
    }

    private static Level level(String name) {
        return name == null ? null : Level.valueOf(name);
    }

    private static String name(Level level) {
        return level == null ? null : level.name();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
