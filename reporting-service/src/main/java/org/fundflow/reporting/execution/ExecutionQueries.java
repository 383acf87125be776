package org.fundflow.reporting.execution;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fundflow.contracts.Level;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The aggregates behind the execution tables, summed by PostgreSQL in 分 (never a row per payment into Java): the
 * payment tables grow by ten thousand rows a second. Region subtrees are code prefixes (LIKE 'xx%'), matched by
 * the text_pattern_ops index.
 */
@Repository
class ExecutionQueries {
    /** The columns spending can be grouped by; fixed strings, never request input. */
    enum By {
        PROGRAM("program_code"), PAYER_REGION("payer_org_region"), FUNCTION_CODE("function_code");

        final String column;

        By(String column) {
            this.column = column;
        }
    }

    private final JdbcTemplate jdbc;

    ExecutionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Payments (paidOn ≤ asOf) and their reversals (reversedOn ≤ asOf) of the scope, by one column. A reversal is
     * classified through its payment, so it counts once its payment has arrived.
     */
    Map<String, Spending> spending(Scope scope, By by) {
        List<Object> paymentArgs = new ArrayList<>();
        String filter = paymentFilter(scope, paymentArgs);
        List<Object> args = new ArrayList<>(paymentArgs);
        args.addAll(paymentArgs);
        args.add(Date.valueOf(scope.asOf()));
        String sql = "SELECT k, SUM(paid) AS paid, SUM(reversed) AS reversed FROM ("
                + "SELECT p." + by.column + " AS k, p.amount_cents AS paid, 0 AS reversed FROM payment_fact p WHERE "
                + filter
                + " UNION ALL SELECT p." + by.column + ", 0, r.amount_cents FROM payment_reversal_fact r "
                + "JOIN payment_fact p ON p.payment_id = r.payment_id WHERE " + filter + " AND r.reversed_on <= ?"
                + ") x GROUP BY k";
        Map<String, Spending> result = new HashMap<>();
        jdbc.query(sql, rs -> {
            result.put(rs.getString("k"), new Spending(rs.getLong("paid"), rs.getLong("reversed")));
        }, args.toArray());
        return result;
    }

    /** Budgets of the allocations to orgs (the bodies that spend) in the scope, by the org's region. */
    Map<String, Long> orgBudgetsByRegion(Scope scope) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("f.fiscal_year = ? AND f.to_org IS NOT NULL "
                + "AND (f.issued_on IS NULL OR f.issued_on <= ?)");
        args.add(scope.fiscalYear());
        args.add(Date.valueOf(scope.asOf()));
        if (scope.programCode() != null) {
            where.append(" AND f.program_code = ?");
            args.add(scope.programCode());
        }
        if (scope.regionPrefix() != null) {
            where.append(" AND f.to_org_region LIKE ?");
            args.add(scope.regionPrefix() + "%");
        }
        args.add(Date.valueOf(scope.asOf()));
        String sql = "WITH alloc AS (SELECT f.allocation_id, f.to_org_region, f.amount_cents FROM allocation_fact f "
                + "WHERE " + where + "), "
                + MOVES
                + "SELECT a.to_org_region AS region, SUM(a.amount_cents + COALESCE(mv.effect, 0)) AS budget "
                + "FROM alloc a LEFT JOIN moves mv ON mv.allocation_id = a.allocation_id GROUP BY a.to_org_region";
        Map<String, Long> result = new HashMap<>();
        jdbc.query(sql, rs -> {
            result.put(rs.getString("region"), rs.getLong("budget"));
        }, args.toArray());
        return result;
    }

    /** An allocation through which money enters the scope, with its budget as of the scope's date. */
    record Entry(String programCode, String programName, Level sourceLevel, Date issuedOn, long budgetCents) {
    }

    /**
     * The allocations through which money enters the scope, so each 元 is counted once: recipient in the region
     * subtree, and no parent of the same program and year whose recipient is in the subtree too (a parent not
     * arrived yet counts as outside, as in the ledger). For the whole country these are the roots of the ledgers.
     */
    List<Entry> entries(Scope scope) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("f.fiscal_year = ? AND (f.issued_on IS NULL OR f.issued_on <= ?)");
        args.add(scope.fiscalYear());
        args.add(Date.valueOf(scope.asOf()));
        if (scope.programCode() != null) {
            where.append(" AND f.program_code = ?");
            args.add(scope.programCode());
        }
        String parentOutside = "p.allocation_id IS NULL OR p.program_code <> a.program_code OR p.fiscal_year <> ?";
        if (scope.regionPrefix() != null) {
            where.append(" AND COALESCE(f.to_org_region, f.to_region) LIKE ?");
            args.add(scope.regionPrefix() + "%");
        }
        args.add(scope.fiscalYear());
        if (scope.regionPrefix() != null) {
            parentOutside += " OR COALESCE(p.to_org_region, p.to_region) IS NULL"
                    + " OR COALESCE(p.to_org_region, p.to_region) NOT LIKE ?";
            args.add(scope.regionPrefix() + "%");
        }
        args.add(Date.valueOf(scope.asOf()));
        String sql = "WITH scoped AS (SELECT f.allocation_id, f.program_code, f.program_name, f.source_level, "
                + "f.parent_allocation_id, f.issued_on, f.amount_cents FROM allocation_fact f WHERE " + where + "), "
                + "alloc AS (SELECT a.* FROM scoped a LEFT JOIN allocation_fact p "
                + "ON p.allocation_id = a.parent_allocation_id WHERE " + parentOutside + "), "
                + MOVES
                + "SELECT a.program_code, a.program_name, a.source_level, a.issued_on, "
                + "a.amount_cents + COALESCE(mv.effect, 0) AS budget FROM alloc a "
                + "LEFT JOIN moves mv ON mv.allocation_id = a.allocation_id ORDER BY a.issued_on, a.allocation_id";
        return jdbc.query(sql, (rs, n) -> new Entry(rs.getString("program_code"), rs.getString("program_name"),
                rs.getString("source_level") == null ? null : Level.valueOf(rs.getString("source_level")),
                rs.getDate("issued_on"), rs.getLong("budget")), args.toArray());
    }

    /** The fund type the payments of each program carry, for programs whose registration has not arrived. */
    Map<String, String> paymentFundTypes(int fiscalYear, Collection<String> programCodes) {
        Map<String, String> result = new HashMap<>();
        if (programCodes.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT program_code, MIN(fund_type) FROM payment_fact WHERE fiscal_year = ? "
                        + "AND program_code = ANY(?) GROUP BY program_code",
                rs -> {
                    result.put(rs.getString(1), rs.getString(2));
                }, fiscalYear, programCodes.toArray(new String[0]));
        return result;
    }

    /** Region names as the allocations carry them (the most recent naming wins). */
    Map<String, String> regionNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        String[] array = codes.toArray(new String[0]);
        jdbc.query("SELECT DISTINCT ON (code) code, name FROM ("
                        + "SELECT to_region AS code, to_region_name AS name, issued_on FROM allocation_fact "
                        + "WHERE to_region = ANY(?) AND to_region_name IS NOT NULL "
                        + "UNION ALL SELECT from_region, from_region_name, issued_on FROM allocation_fact "
                        + "WHERE from_region = ANY(?) AND from_region_name IS NOT NULL"
                        + ") x ORDER BY code, issued_on DESC NULLS LAST",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                }, array, array);
        return names;
    }

    /** Net movements (adjustments, recoveries, carry-overs) dated up to the scope's date, of the rows in alloc. */
    private static final String MOVES = "moves AS (SELECT m.allocation_id, SUM(m.budget_effect_cents) AS effect "
            + "FROM allocation_movement m WHERE m.allocation_id IN (SELECT allocation_id FROM alloc) "
            + "AND (m.effective_on IS NULL OR m.effective_on <= ?) GROUP BY m.allocation_id) ";

    private static String paymentFilter(Scope scope, List<Object> args) {
        StringBuilder where = new StringBuilder("p.fiscal_year = ? AND p.paid_on <= ?");
        args.add(scope.fiscalYear());
        args.add(Date.valueOf(scope.asOf()));
        if (scope.programCode() != null) {
            where.append(" AND p.program_code = ?");
            args.add(scope.programCode());
        }
        if (scope.regionPrefix() != null) {
            where.append(" AND p.payer_org_region LIKE ?");
            args.add(scope.regionPrefix() + "%");
        }
        return where.toString();
    }
}
