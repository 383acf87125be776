package org.fundflow.reporting.finalaccounts;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The aggregates behind one org's final accounts, summed by PostgreSQL in 分. Payments are found through the
 * (fiscal_year, payer_org_region) index with the org's region(s), which the org facts and the org's allocations
 * give; only an org known from nothing but its payments costs a scan of the year.
 */
@Repository
class FinalAccountsQueries {
    private final JdbcTemplate jdbc;

    FinalAccountsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the allocations say about the org: its name and region as issued, most recent first. */
    record OrgSeen(String name, String region) {
    }

    OrgSeen orgFromAllocations(String orgCode) {
        List<OrgSeen> seen = jdbc.query("SELECT to_org_name, to_org_region FROM allocation_fact WHERE to_org = ? "
                        + "ORDER BY issued_on DESC NULLS LAST, recorded_at DESC LIMIT 1",
                (rs, n) -> new OrgSeen(rs.getString(1), rs.getString(2)), orgCode);
        return seen.isEmpty() ? null : seen.get(0);
    }

    /** Every region the org's allocations name (an org may have moved). */
    Set<String> allocationRegions(String orgCode) {
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT to_org_region FROM allocation_fact "
                + "WHERE to_org = ? AND to_org_region IS NOT NULL", String.class, orgCode));
    }

    /**
     * The org's allocations of {@code fiscalYear} and of earlier years (for 结转 into this one), with their
     * movements. The fund type is the program's (registration), else what the program's payments carry, else
     * {@link FundType#of(String) 一般公共预算}.
     */
    List<Figures.Allocation> allocations(String orgCode, int fiscalYear) {
        record Fact(UUID id, int year, String program, String fundType, String function, String economic,
                Date issuedOn, long amount) {
        }
        List<Fact> facts = jdbc.query("SELECT f.allocation_id, f.fiscal_year, f.program_code, pf.fund_type, "
                        + "f.function_code, f.economic_code, f.issued_on, f.amount_cents FROM allocation_fact f "
                        + "LEFT JOIN program_fact pf ON pf.fiscal_year = f.fiscal_year "
                        + "AND pf.program_code = f.program_code "
                        + "WHERE f.to_org = ? AND f.fiscal_year <= ? ORDER BY f.issued_on, f.allocation_id",
                (rs, n) -> new Fact(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getDate(7), rs.getLong(8)),
                orgCode, fiscalYear);
        if (facts.isEmpty()) {
            return List.of();
        }
        Map<UUID, long[]> moves = new HashMap<>(); // adjustments, recovered
        Map<UUID, Map<Integer, Long>> carried = new HashMap<>();
        jdbc.query("SELECT m.allocation_id, m.kind, m.to_fiscal_year, SUM(m.budget_effect_cents) "
                        + "FROM allocation_movement m JOIN allocation_fact f ON f.allocation_id = m.allocation_id "
                        + "WHERE f.to_org = ? AND f.fiscal_year <= ? "
                        + "GROUP BY m.allocation_id, m.kind, m.to_fiscal_year",
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    String kind = rs.getString(2);
                    long effect = rs.getLong(4);
                    switch (kind) {
                        case "ADJUSTMENT" -> moves.computeIfAbsent(id, k -> new long[2])[0] += effect;
                        case "RECOVERY" -> moves.computeIfAbsent(id, k -> new long[2])[1] -= effect;
                        case "CARRY_OVER" -> carried.computeIfAbsent(id, k -> new HashMap<>())
                                .merge(rs.getObject(3) == null ? 0 : rs.getInt(3), -effect, Long::sum);
                        default -> {
                        }
                    }
                }, orgCode, fiscalYear);
        Set<String> unknownFund = new LinkedHashSet<>();
        facts.stream().filter(f -> f.fundType() == null).forEach(f -> unknownFund.add(f.year() + "/" + f.program()));
        Map<String, String> paymentFunds = paymentFundTypes(unknownFund);
        List<Figures.Allocation> result = new ArrayList<>(facts.size());
        for (Fact f : facts) {
            String fund = f.fundType() != null ? f.fundType() : paymentFunds.get(f.year() + "/" + f.program());
            long[] m = moves.getOrDefault(f.id(), new long[2]);
            result.add(new Figures.Allocation(f.id(), f.year(), f.program(), FundType.of(fund), f.function(),
                    f.economic(), f.issuedOn() == null ? null : f.issuedOn().toLocalDate(), f.amount(), m[0], m[1],
                    carried.getOrDefault(f.id(), Map.of())));
        }
        return result;
    }

    private Map<String, String> paymentFundTypes(Set<String> yearPrograms) {
        Map<String, String> result = new HashMap<>();
        for (String yp : yearPrograms) {
            int slash = yp.indexOf('/');
            List<String> found = jdbc.queryForList("SELECT fund_type FROM payment_fact WHERE fiscal_year = ? "
                    + "AND program_code = ? AND fund_type IS NOT NULL LIMIT 1", String.class,
                    Integer.parseInt(yp.substring(0, slash)), yp.substring(slash + 1));
            if (!found.isEmpty()) {
                result.put(yp, found.get(0));
            }
        }
        return result;
    }

    /**
     * The org's payments of the year net of their reversals, grouped by every dimension the tables use. The fund
     * type is the payment's own, else its program's registration.
     *
     * @param regions the org's regions, to use the payment index; empty when unknown
     */
    List<Figures.Payment> payments(String orgCode, int fiscalYear, Set<String> regions) {
        List<Object> args = new ArrayList<>();
        args.add(fiscalYear);
        args.add(orgCode);
        String regionFilter = "";
        if (!regions.isEmpty()) {
            // a payment without a region (none known when it was recorded) must not drop out
            regionFilter = " AND (payer_org_region = ANY(?) OR payer_org_region IS NULL)";
            args.add(regions.toArray(new String[0]));
        }
        args.add(fiscalYear);
        String sql = "WITH p AS (SELECT payment_id, program_code, fund_type, function_code, economic_code, "
                + "expenditure_kind, procurement_category, amount_cents FROM payment_fact "
                + "WHERE fiscal_year = ? AND payer_org = ?" + regionFilter + "), "
                + "r AS (SELECT r.payment_id, SUM(r.amount_cents) AS reversed FROM payment_reversal_fact r "
                + "JOIN p ON p.payment_id = r.payment_id GROUP BY r.payment_id) "
                + "SELECT COALESCE(p.fund_type, pf.fund_type) AS fund_type, p.function_code, p.economic_code, "
                + "p.expenditure_kind, p.procurement_category, SUM(p.amount_cents) AS paid, "
                + "COALESCE(SUM(r.reversed), 0) AS reversed "
                + "FROM p LEFT JOIN r ON r.payment_id = p.payment_id "
                + "LEFT JOIN program_fact pf ON pf.fiscal_year = ? AND pf.program_code = p.program_code "
                + "GROUP BY 1, 2, 3, 4, 5";
        return jdbc.query(sql, (rs, n) -> new Figures.Payment(FundType.of(rs.getString("fund_type")),
                rs.getString("function_code"), rs.getString("economic_code"),
                kind(rs.getString("expenditure_kind")), procurement(rs.getString("procurement_category")),
                rs.getLong("paid"), rs.getLong("reversed")), args.toArray());
    }

    private static Events.ExpenditureKind kind(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Events.ExpenditureKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Events.ProcurementCategory procurement(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Events.ProcurementCategory.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
