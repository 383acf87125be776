package org.fundflow.evaluation.progress;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Loads, in one statement, the allocations a query selects plus all their descendants (whatever their program
 * or year, since distribution and subtree execution follow the parent links), each with its movements summed up
 * to {@code asOf}. Figures are then derived in {@link ProgressCalculator}.
 */
@Repository
class FactReader {
    private final NamedParameterJdbcTemplate jdbc;

    FactReader(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<AllocationFact> load(ProgressQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource("asOf", java.sql.Date.valueOf(query.asOf()));
        StringBuilder selection = new StringBuilder();
        if (query.programCode() != null) {
            selection.append(" AND f.program_code = :programCode");
            params.addValue("programCode", query.programCode());
        }
        if (query.fiscalYear() != null) {
            selection.append(" AND f.fiscal_year = :fiscalYear");
            params.addValue("fiscalYear", query.fiscalYear());
        }
        // UNION (not UNION ALL) makes the recursion stop even on a parent cycle in bad data.
        String sql = """
                WITH RECURSIVE tree (allocation_id) AS (
                    SELECT f.allocation_id FROM allocation_fact f WHERE f.issued_on <= :asOf %s
                  UNION
                    SELECT c.allocation_id FROM allocation_fact c JOIN tree t ON c.parent_allocation_id = t.allocation_id
                     WHERE c.issued_on <= :asOf
                ), movement AS (
                    SELECT m.allocation_id, SUM(m.budget_effect_cents)::bigint AS cents
                      FROM allocation_movement m JOIN tree t ON t.allocation_id = m.allocation_id
                     WHERE m.effective_on <= :asOf
                     GROUP BY m.allocation_id
                )
                SELECT f.allocation_id, f.parent_allocation_id, f.program_code,
                       COALESCE(p.name, f.program_name) AS program_name, f.fiscal_year, f.source_level,
                       f.from_region, f.from_region_name, f.to_region, f.to_region_name, f.to_org,
                       COALESCE(o.name, f.to_org_name) AS to_org_name, f.to_org_region, f.level, f.doc_no,
                       f.issued_on, f.amount_cents, COALESCE(mv.cents, 0) AS movement_cents,
                       -- Payments are not consumed yet. When they are: payment facts in their own table, and
                       -- here the same kind of as-of sum as "movement" (payments − reversals) joined per allocation.
                       0::bigint AS executed_cents
                  FROM tree t
                  JOIN allocation_fact f ON f.allocation_id = t.allocation_id
                  LEFT JOIN movement mv ON mv.allocation_id = f.allocation_id
                  LEFT JOIN program_ref p ON p.code = f.program_code AND p.fiscal_year = f.fiscal_year
                  LEFT JOIN org_ref o ON o.org_code = f.to_org
                """.formatted(selection);
        return jdbc.query(sql, params, FactReader::fact);
    }

    private static AllocationFact fact(ResultSet rs, int row) throws SQLException {
        return new AllocationFact(
                rs.getObject("allocation_id", UUID.class),
                rs.getObject("parent_allocation_id", UUID.class),
                rs.getString("program_code"),
                rs.getString("program_name"),
                rs.getInt("fiscal_year"),
                Level.valueOf(rs.getString("source_level")),
                rs.getString("from_region"),
                rs.getString("from_region_name"),
                rs.getString("to_region"),
                rs.getString("to_region_name"),
                rs.getString("to_org"),
                rs.getString("to_org_name"),
                rs.getString("to_org_region"),
                Level.valueOf(rs.getString("level")),
                rs.getString("doc_no"),
                rs.getObject("issued_on", java.time.LocalDate.class),
                rs.getLong("amount_cents"),
                rs.getLong("movement_cents"),
                rs.getLong("executed_cents"));
    }
}
