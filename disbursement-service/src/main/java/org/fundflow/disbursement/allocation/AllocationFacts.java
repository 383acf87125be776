package org.fundflow.disbursement.allocation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Org allocation facts and balances, as the payment side needs them. */
@Component
public class AllocationFacts {
    /**
     * budget = amount + Σ movements; executed = Σ payments − Σ reversals, read from {@code allocation_execution}, which
     * triggers keep equal to those sums in the transaction of every payment and reversal (see V2__payments.sql).
     */
    static final String BALANCE_COLUMNS = "f.amount_cents + COALESCE((SELECT SUM(m.budget_effect_cents) "
            + "FROM allocation_movement m WHERE m.allocation_id = f.allocation_id), 0) AS budget_cents, "
            + "COALESCE((SELECT e.paid_cents - e.reversed_cents FROM allocation_execution e "
            + "WHERE e.allocation_id = f.allocation_id), 0) AS executed_cents";

    private static final String FACT_COLUMNS = "f.allocation_id, f.to_org, f.to_org_name, f.to_org_region, "
            + "f.program_code, f.program_name, f.fiscal_year, f.issued_on";

    private final JdbcTemplate jdbc;

    AllocationFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AllocationFact> find(UUID allocationId) {
        return jdbc.query("SELECT " + FACT_COLUMNS + " FROM allocation_fact f WHERE f.allocation_id = ?",
                (rs, n) -> fact(rs), allocationId).stream().findFirst();
    }

    /** The facts of those ids this service knows (allocations to orgs only). */
    public Map<UUID, AllocationFact> findAll(Collection<UUID> allocationIds) {
        Map<UUID, AllocationFact> found = new HashMap<>();
        if (allocationIds.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT " + FACT_COLUMNS
                    + " FROM allocation_fact f WHERE f.allocation_id = ANY(?)");
            ps.setArray(1, uuids(con, allocationIds));
            return ps;
        }, rs -> {
            AllocationFact f = fact(rs);
            found.put(f.allocationId(), f);
        });
        return found;
    }

    /**
     * Locks the allocations' rows until the transaction ends, in id order so two writers locking overlapping sets
     * never deadlock. Every payment and reversal takes this lock before it reads the balance, so two of them can never
     * both spend the same money.
     *
     * <p>The balance is deliberately read by a separate statement ({@link #balances}) after this one returns: a
     * statement that locked and summed at once would compute its sums from the snapshot taken before it waited for
     * the lock, i.e. without the payments of the transaction it waited for (PostgreSQL re-evaluates a row after a
     * lock wait only when that row itself changed, and these rows never change). Under READ COMMITTED the next
     * statement gets a fresh snapshot that includes them.
     *
     * @return the ids that exist (and are now locked)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> lock(Collection<UUID> allocationIds) {
        if (allocationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT allocation_id FROM allocation_fact WHERE allocation_id = ANY(?) "
                    + "ORDER BY allocation_id FOR UPDATE");
            ps.setArray(1, uuids(con, allocationIds));
            return ps;
        }, (rs, n) -> rs.getObject(1, UUID.class));
    }

    /** Balances now (call after {@link #lock} to rely on them for a write). */
    public Map<UUID, Balance> balances(Collection<UUID> allocationIds) {
        Map<UUID, Balance> balances = new HashMap<>();
        if (allocationIds.isEmpty()) {
            return balances;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT f.allocation_id, " + BALANCE_COLUMNS
                    + " FROM allocation_fact f WHERE f.allocation_id = ANY(?)");
            ps.setArray(1, uuids(con, allocationIds));
            return ps;
        }, rs -> {
            UUID id = rs.getObject("allocation_id", UUID.class);
            balances.put(id, Balance.of(id, rs.getLong("budget_cents"), rs.getLong("executed_cents")));
        });
        return balances;
    }

    public Optional<Balance> balance(UUID allocationId) {
        return Optional.ofNullable(balances(List.of(allocationId)).get(allocationId));
    }

    private static AllocationFact fact(java.sql.ResultSet rs) throws SQLException {
        java.sql.Date issued = rs.getDate("issued_on");
        return new AllocationFact(rs.getObject("allocation_id", UUID.class), rs.getString("to_org"),
                rs.getString("to_org_name"), rs.getString("to_org_region"), rs.getString("program_code"),
                rs.getString("program_name"), rs.getInt("fiscal_year"), issued == null ? null : issued.toLocalDate());
    }

    private static Array uuids(Connection con, Collection<UUID> ids) throws SQLException {
        return con.createArrayOf("uuid", ids.toArray());
    }
}
