package org.fundflow.budget.execution;

import java.sql.PreparedStatement;
import java.util.SortedMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code allocation_execution} table: per allocation, what its payer org has paid out of it (payments less
 * reversals). Written only by {@link PaymentEventsListener}; read by the allocation figures.
 */
@Repository
class Executions {
    private final JdbcTemplate jdbc;

    Executions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a poll's net change per allocation in one statement. Rows are upserted in allocation id order, so two
     * instances applying polls of different partitions lock shared allocations in the same order and cannot
     * deadlock.
     */
    void add(SortedMap<UUID, Long> centsByAllocation) {
        if (centsByAllocation.isEmpty()) {
            return;
        }
        UUID[] ids = centsByAllocation.keySet().toArray(UUID[]::new);
        Long[] cents = centsByAllocation.values().toArray(Long[]::new);
        jdbc.execute((java.sql.Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("INSERT INTO allocation_execution (allocation_id, "
                    + "executed_cents) SELECT * FROM unnest(?::uuid[], ?::bigint[]) AS c (allocation_id, cents) "
                    + "ORDER BY allocation_id ON CONFLICT (allocation_id) DO UPDATE SET executed_cents = "
                    + "allocation_execution.executed_cents + EXCLUDED.executed_cents, updated_at = now()")) {
                ps.setArray(1, con.createArrayOf("uuid", ids));
                ps.setArray(2, con.createArrayOf("int8", cents));
                return ps.executeUpdate();
            }
        });
    }
}
