package org.fundflow.disbursement.allocation;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.fundflow.disbursement.access.ReadScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Org allocation facts and their movements. Writes are append-only and idempotent on their own keys (a second
 * safety net behind processed_event); balances are derived on every read: the budget from the movements, the executed
 * amount from the payments and reversals (through their trigger-kept per-allocation sums).
 */
@Repository
class OrgAllocations {
    private static final Logger log = LoggerFactory.getLogger(OrgAllocations.class);

    /** One row per allocation with its budget and executed amount summed from the movements and payments. */
    private static final String SELECT = "SELECT f.allocation_id, f.to_org, f.to_org_name, f.to_org_region, "
            + "f.program_code, f.program_name, f.fiscal_year, f.function_code, f.doc_no, f.issued_on, f.amount_cents, "
            + AllocationFacts.BALANCE_COLUMNS + " FROM allocation_fact f";

    private final JdbcTemplate jdbc;

    OrgAllocations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An org allocation learned from its AllocationIssued event. */
    void recordIssued(UUID eventId, Instant occurredAt, Events.AllocationIssued e) {
        if (!insertIssued(eventId, occurredAt, e, "EVENT")) {
            String learnedFrom = jdbc.queryForObject("SELECT learned_from FROM allocation_fact WHERE allocation_id = ?",
                    String.class, e.allocationId());
            if ("BUDGET_API".equals(learnedFrom)) {
                // The expected case: a payment named it first and it was read from budget-service; same facts.
                log.debug("AllocationIssued {} for allocation {}: already learned from budget-service's API", eventId,
                        e.allocationId());
            } else {
                // An allocation is issued once; a second AllocationIssued with another event id would be a producer
                // bug. The first one stays: facts are never edited.
                log.warn("AllocationIssued {} for allocation {} ignored: the allocation is already recorded", eventId,
                        e.allocationId());
            }
        }
    }

    /**
     * An org allocation read from budget-service's API because a payment named it before its event was consumed:
     * stored exactly as the event would have stored it, so the event, when it arrives, changes nothing.
     */
    void recordReadThrough(Instant recordedAt, Events.AllocationIssued e) {
        insertIssued(null, recordedAt, e, "BUDGET_API");
    }

    private boolean insertIssued(UUID eventId, Instant occurredAt, Events.AllocationIssued e, String learnedFrom) {
        int inserted = jdbc.update("INSERT INTO allocation_fact (allocation_id, program_code, program_name, "
                        + "fiscal_year, source_level, from_region, from_region_name, to_region, to_region_name, "
                        + "to_org, to_org_name, to_org_region, level, parent_allocation_id, root_allocation_id, "
                        + "amount_cents, doc_no, issued_on, function_code, economic_code, note, event_id, occurred_at, "
                        + "learned_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (allocation_id) DO NOTHING",
                e.allocationId(), e.programCode(), e.programName(), e.fiscalYear(),
                e.sourceLevel() == null ? null : e.sourceLevel().name(), e.fromRegion(), e.fromRegionName(),
                e.toRegion(), e.toRegionName(), e.toOrg(), e.toOrgName(), e.toOrgRegion(),
                e.level() == null ? null : e.level().name(), e.parentAllocationId(), e.rootAllocationId(),
                e.amount().cents(), e.docNo(), e.issuedOn(), e.functionCode(), e.economicCode(), e.note(), eventId,
                timestamp(occurredAt), learnedFrom);
        return inserted == 1;
    }

    void recordMovement(UUID eventId, Instant occurredAt, UUID allocationId, MovementKind kind, long effectCents,
            LocalDate effectiveOn, String docNo, String reason, Integer toFiscalYear) {
        jdbc.update("INSERT INTO allocation_movement (event_id, allocation_id, kind, budget_effect_cents, "
                        + "effective_on, doc_no, reason, to_fiscal_year, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                eventId, allocationId, kind.name(), effectCents, effectiveOn, docNo, reason, toFiscalYear,
                timestamp(occurredAt));
    }

    Optional<OrgAllocation> find(UUID allocationId) {
        return jdbc.query(SELECT + " WHERE f.allocation_id = ?", ROW, allocationId).stream().findFirst();
    }

    /**
     * Allocations of one org and/or one fiscal year (at least one filter is given), within what the caller may read.
     */
    List<OrgAllocation> list(String orgCode, Integer fiscalYear, ReadScope scope) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (scope.org() != null) {
            sql.append(" AND f.to_org = ?");
            args.add(scope.org());
        }
        if (scope.regions() != null) {
            sql.append(" AND f.to_org_region = ANY(?)");
            args.add(scope.regions().toArray(String[]::new));
        }
        if (orgCode != null) {
            sql.append(" AND f.to_org = ?");
            args.add(orgCode);
        }
        if (fiscalYear != null) {
            sql.append(" AND f.fiscal_year = ?");
            args.add(fiscalYear);
        }
        sql.append(" ORDER BY f.fiscal_year, f.program_code, f.issued_on, f.allocation_id");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    private static final RowMapper<OrgAllocation> ROW = OrgAllocations::row;

    private static OrgAllocation row(ResultSet rs, int n) throws SQLException {
        Money amount = Money.ofCents(rs.getLong("amount_cents"));
        Money budget = Money.ofCents(rs.getLong("budget_cents"));
        Money executed = Money.ofCents(rs.getLong("executed_cents"));
        Date issuedOn = rs.getDate("issued_on");
        return new OrgAllocation(rs.getObject("allocation_id", UUID.class), rs.getString("to_org"),
                rs.getString("to_org_name"), rs.getString("to_org_region"), rs.getString("program_code"),
                rs.getString("program_name"), rs.getInt("fiscal_year"), rs.getString("function_code"),
                rs.getString("doc_no"),
                issuedOn == null ? null : issuedOn.toLocalDate(), amount, budget, executed, budget.minus(executed));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
