package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import org.fundflow.contracts.Money;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Budget and execution of the allocations made to one org, as of a date, with the same rules as the rows of
 * {@code /api/execution}: budget = amount + movements effective by the date, executed = payments made by the date −
 * reversals made by the date of payments already known. Self-evaluations take their LIVE figures from here.
 */
@Repository
public class OrgExecution {
    private final NamedParameterJdbcTemplate jdbc;

    OrgExecution(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param allocations how many allocations to the org were counted (0: the org has none for that selection)
     */
    public record Figures(int allocations, Money budget, Money executed) {
    }

    /**
     * @param programCode one program, or null for every allocation of the org in the fiscal year
     */
    public Figures of(String orgCode, int fiscalYear, String programCode, LocalDate asOf) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", orgCode).addValue("year", fiscalYear)
                .addValue("asOf", java.sql.Date.valueOf(asOf));
        String program = "";
        if (programCode != null) {
            program = " AND f.program_code = :program";
            params.addValue("program", programCode);
        }
        String sql = """
                SELECT count(*) AS allocations,
                       COALESCE(SUM(f.amount_cents
                         + COALESCE((SELECT SUM(m.budget_effect_cents) FROM allocation_movement m
                                      WHERE m.allocation_id = f.allocation_id AND m.effective_on <= :asOf), 0)), 0)::bigint
                           AS budget_cents,
                       COALESCE(SUM(
                           COALESCE((SELECT SUM(pf.amount_cents) FROM payment_fact pf
                                      WHERE pf.allocation_id = f.allocation_id AND pf.paid_on <= :asOf), 0)
                         - COALESCE((SELECT SUM(r.amount_cents) FROM payment_reversal_fact r
                                      WHERE r.allocation_id = f.allocation_id AND r.reversed_on <= :asOf
                                        AND EXISTS (SELECT 1 FROM payment_fact rp WHERE rp.payment_id = r.payment_id
                                                       AND rp.paid_on <= :asOf)), 0)), 0)::bigint
                           AS executed_cents
                  FROM allocation_fact f
                 WHERE f.to_org = :org AND f.fiscal_year = :year AND f.issued_on <= :asOf %s
                """.formatted(program);
        return jdbc.queryForObject(sql, params, (rs, i) -> new Figures(rs.getInt("allocations"),
                Money.ofCents(rs.getLong("budget_cents")), Money.ofCents(rs.getLong("executed_cents"))));
    }
}
