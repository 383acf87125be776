package org.fundflow.budget.allocation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code allocation} and {@code allocation_movement} tables. Only inserts: a budget is the sum of facts, derived
 * in every read, never a stored number that could drift from them. The executed amount is read from
 * {@code allocation_execution}, which the payment consumer keeps.
 */
@Repository
class Allocations {
    private static final String MOVEMENT_SUM = "COALESCE((SELECT SUM(m.effect_cents) FROM allocation_movement m "
            + "WHERE m.allocation_id = %s.allocation_id), 0)";
    private static final String SELECT = "SELECT a.*, a.amount_cents + " + MOVEMENT_SUM.formatted("a")
            + " AS budget_cents, COALESCE((SELECT SUM(c.amount_cents + " + MOVEMENT_SUM.formatted("c")
            + ") FROM allocation c WHERE c.parent_allocation_id = a.allocation_id), 0) AS distributed_cents, "
            + "COALESCE((SELECT e.executed_cents FROM allocation_execution e WHERE e.allocation_id = a.allocation_id)"
            + ", 0) AS executed_cents "
            + "FROM allocation a ";

    private final JdbcClient jdbc;

    Allocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AllocationRow> find(UUID id) {
        return jdbc.sql(SELECT + "WHERE a.allocation_id = ?").param(id).query(Allocations::row).optional();
    }

    /** The region that issued the allocation, if it exists: the only finance bureau that may change it. */
    Optional<String> fromRegion(UUID id) {
        return jdbc.sql("SELECT from_region FROM allocation WHERE allocation_id = ?").param(id).query(String.class)
                .optional();
    }

    /**
     * Locks the allocation's row until the transaction ends. Everything that passes money down from it (a child, a
     * positive adjustment of a child) or takes money from it locks it first, so concurrent writers are serialized
     * and each sees the others' committed children when it sums. Locks are always taken parent before child.
     *
     * @return false if there is no such allocation
     */
    boolean lock(UUID id) {
        return jdbc.sql("SELECT allocation_id FROM allocation WHERE allocation_id = ? FOR UPDATE").param(id)
                .query(UUID.class).optional().isPresent();
    }

    void insert(AllocationRow a) {
        jdbc.sql("""
                INSERT INTO allocation (allocation_id, fiscal_year, program_code, program_name, source_level, level,
                    from_region, from_region_name, to_region, to_region_name, to_org, to_org_name, to_org_region,
                    parent_allocation_id, root_allocation_id, amount_cents, doc_no, issued_on, function_code,
                    economic_code, note, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.allocationId(), a.fiscalYear(), a.programCode(), a.programName(), a.sourceLevel().name(),
                        a.level().name(), a.fromRegion(), a.fromRegionName(), a.toRegion(), a.toRegionName(),
                        a.toOrg(), a.toOrgName(), a.toOrgRegion(), a.parentAllocationId(), a.rootAllocationId(),
                        a.amountCents(), a.docNo(), a.issuedOn(), a.functionCode(), a.economicCode(), a.note(),
                        a.recordedBy())
                .update();
    }

    void insert(Movement m) {
        jdbc.sql("""
                INSERT INTO allocation_movement (movement_id, allocation_id, kind, effect_cents, effective_on, doc_no,
                    reason, to_fiscal_year, recorded_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.movementId(), m.allocationId(), m.kind().name(), m.effectCents(), m.effectiveOn(),
                        m.docNo(), m.reason(), m.toFiscalYear(), m.recordedBy(), Timestamp.from(m.createdAt()))
                .update();
    }

    List<AllocationRow> search(AllocationFilter f) {
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE TRUE");
        Map<String, Object> params = new LinkedHashMap<>();
        condition(sql, params, "program_code", f.programCode());
        condition(sql, params, "fiscal_year", f.fiscalYear());
        condition(sql, params, "from_region", f.fromRegion());
        condition(sql, params, "to_region", f.toRegion());
        condition(sql, params, "to_org", f.toOrg());
        condition(sql, params, "parent_allocation_id", f.parentAllocationId());
        if (f.scopeRegions() != null) {
            if (f.scopeRegions().isEmpty()) {
                return List.of();
            }
            sql.append(" AND (a.from_region IN (:scope) OR a.to_region IN (:scope) OR a.to_org_region IN (:scope))");
            params.put("scope", f.scopeRegions());
        }
        sql.append(" ORDER BY a.created_at, a.allocation_id LIMIT :limit OFFSET :offset");
        params.put("limit", f.limit());
        params.put("offset", f.offset());
        return jdbc.sql(sql.toString()).params(params).query(Allocations::row).list();
    }

    private static void condition(StringBuilder sql, Map<String, Object> params, String column, Object value) {
        if (value != null) {
            sql.append(" AND a.").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }

    /** Movements of the given allocations, oldest first. */
    Map<UUID, List<Movement>> movements(Collection<UUID> ids) {
        Map<UUID, List<Movement>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT * FROM allocation_movement WHERE allocation_id IN (:ids) ORDER BY created_at, movement_id")
                .param("ids", ids).query(Allocations::movement).list()
                .forEach(m -> out.computeIfAbsent(m.allocationId(), k -> new ArrayList<>()).add(m));
        return out;
    }

    /** Ids of the children of the given allocations, in issue order. */
    Map<UUID, List<UUID>> childIds(Collection<UUID> ids) {
        Map<UUID, List<UUID>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT allocation_id, parent_allocation_id FROM allocation WHERE parent_allocation_id IN (:ids) "
                + "ORDER BY created_at, allocation_id").param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getObject(2, UUID.class), rs.getObject(1, UUID.class))).list()
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    private static AllocationRow row(ResultSet rs, int n) throws SQLException {
        return new AllocationRow(
                rs.getObject("allocation_id", UUID.class),
                rs.getInt("fiscal_year"),
                rs.getString("program_code"),
                rs.getString("program_name"),
                Level.valueOf(rs.getString("source_level")),
                Level.valueOf(rs.getString("level")),
                rs.getString("from_region"),
                rs.getString("from_region_name"),
                rs.getString("to_region"),
                rs.getString("to_region_name"),
                rs.getString("to_org"),
                rs.getString("to_org_name"),
                rs.getString("to_org_region"),
                rs.getObject("parent_allocation_id", UUID.class),
                rs.getObject("root_allocation_id", UUID.class),
                rs.getLong("amount_cents"),
                rs.getString("doc_no"),
                rs.getObject("issued_on", LocalDate.class),
                rs.getString("function_code"),
                rs.getString("economic_code"),
                rs.getString("note"),
                rs.getString("recorded_by"),
                instant(rs, "created_at"),
                rs.getLong("budget_cents"),
                rs.getLong("distributed_cents"),
                rs.getLong("executed_cents"));
    }

    private static Movement movement(ResultSet rs, int n) throws SQLException {
        return new Movement(
                rs.getObject("movement_id", UUID.class),
                rs.getObject("allocation_id", UUID.class),
                Movement.Kind.valueOf(rs.getString("kind")),
                rs.getLong("effect_cents"),
                rs.getObject("effective_on", LocalDate.class),
                rs.getString("doc_no"),
                rs.getString("reason"),
                rs.getObject("to_fiscal_year", Integer.class),
                rs.getString("recorded_by"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
