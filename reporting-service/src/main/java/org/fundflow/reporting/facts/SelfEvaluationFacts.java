package org.fundflow.reporting.facts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The self_evaluation_fact table: one row per evaluation, filled by its SelfEvaluationSubmitted and
 * SelfEvaluationScored events in whichever order they arrive. "Current" (the latest evaluation of its subject:
 * level, fiscal year, org, program) is derived when read.
 */
@Repository
public class SelfEvaluationFacts {
    // A subject's evaluations ordered newest first; the id breaks a tie so "current" is always exactly one.
    private static final String CURRENT = "(row_number() OVER (PARTITION BY level, fiscal_year, org_code, program_code"
            + " ORDER BY occurred_at DESC, evaluation_id DESC) = 1) AS current";
    private static final String COLUMNS = "evaluation_id, level, program_code, fiscal_year, org_code, template, "
            + "supersedes, occurred_at, budget_cents, executed_cents, submitted, scored, grade, total, execution_rate, "
            + "discrepancy_count, " + CURRENT;

    private final JdbcTemplate jdbc;

    SelfEvaluationFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The submission's identity fields win over a score that arrived first (they are the same when both exist). */
    void recordSubmitted(UUID eventId, Instant occurredAt, Events.SelfEvaluationSubmitted s, String payload) {
        jdbc.update("INSERT INTO self_evaluation_fact (evaluation_id, level, program_code, fiscal_year, org_code, "
                        + "template, supersedes, submitted_at, budget_cents, executed_cents, submitted, "
                        + "submitted_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (evaluation_id) DO UPDATE SET level = EXCLUDED.level, "
                        + "program_code = EXCLUDED.program_code, fiscal_year = EXCLUDED.fiscal_year, "
                        + "org_code = EXCLUDED.org_code, template = EXCLUDED.template, "
                        + "supersedes = EXCLUDED.supersedes, submitted_at = EXCLUDED.submitted_at, "
                        + "budget_cents = coalesce(self_evaluation_fact.budget_cents, EXCLUDED.budget_cents), "
                        + "executed_cents = coalesce(self_evaluation_fact.executed_cents, EXCLUDED.executed_cents), "
                        + "submitted = EXCLUDED.submitted, submitted_event_id = EXCLUDED.submitted_event_id",
                s.evaluationId(), level(s.level()), s.programCode(), s.fiscalYear(), s.orgCode(), s.template(),
                s.supersedes(), Timestamp.from(occurredAt), cents(s.budget()), cents(s.executed()), payload, eventId);
    }

    /** The score's budget and execution are the ones it was computed on, so they win over the submission's. */
    void recordScored(UUID eventId, Instant occurredAt, Events.SelfEvaluationScored s, String payload) {
        int discrepancies = s.discrepancies() == null ? 0 : s.discrepancies().size();
        jdbc.update("INSERT INTO self_evaluation_fact (evaluation_id, level, program_code, fiscal_year, org_code, "
                        + "template, scored_at, budget_cents, executed_cents, scored, grade, total, execution_rate, "
                        + "discrepancy_count, scored_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?::numeric, ?::numeric, ?, ?) "
                        + "ON CONFLICT (evaluation_id) DO UPDATE SET scored_at = EXCLUDED.scored_at, "
                        + "budget_cents = coalesce(EXCLUDED.budget_cents, self_evaluation_fact.budget_cents), "
                        + "executed_cents = coalesce(EXCLUDED.executed_cents, self_evaluation_fact.executed_cents), "
                        + "scored = EXCLUDED.scored, grade = EXCLUDED.grade, total = EXCLUDED.total, "
                        + "execution_rate = EXCLUDED.execution_rate, discrepancy_count = EXCLUDED.discrepancy_count, "
                        + "scored_event_id = EXCLUDED.scored_event_id",
                s.evaluationId(), level(s.level()), s.programCode(), s.fiscalYear(), s.orgCode(), s.template(),
                Timestamp.from(occurredAt), cents(s.budget()), cents(s.executed()), payload, s.grade(),
                s.total(), s.executionRate(), discrepancies, eventId);
    }

    /** One evaluation as stored; {@code submitted} / {@code scored} are the payload JSONs, null until they arrive. */
    public record Evaluation(UUID evaluationId, String level, String programCode, int fiscalYear, String orgCode,
            String template, UUID supersedes, Instant occurredAt, Money budget, Money executed, String submitted,
            String scored, String grade, BigDecimal total, BigDecimal executionRate, Integer discrepancyCount,
            boolean current) {
    }

    public Optional<Evaluation> find(UUID evaluationId) {
        // current is computed over the evaluation's subject, so select the subject first
        List<Evaluation> found = jdbc.query("SELECT * FROM (SELECT " + COLUMNS + " FROM self_evaluation_fact f "
                        + "WHERE (level, fiscal_year, org_code, coalesce(program_code, '')) IN (SELECT level, "
                        + "fiscal_year, org_code, coalesce(program_code, '') FROM self_evaluation_fact "
                        + "WHERE evaluation_id = ?)) s WHERE evaluation_id = ?",
                SelfEvaluationFacts::map, evaluationId, evaluationId);
        return found.stream().findFirst();
    }

    /** The evaluations of a year (or every year) and org (or every org), ordered by org, level, program, newest first. */
    public List<Evaluation> list(Integer fiscalYear, String orgCode, String level, boolean currentOnly) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (fiscalYear != null) {
            where.append(" AND fiscal_year = ?");
            args.add(fiscalYear);
        }
        if (orgCode != null) {
            where.append(" AND org_code = ?");
            args.add(orgCode);
        }
        if (level != null) {
            where.append(" AND level = ?");
            args.add(level);
        }
        String sql = "SELECT * FROM (SELECT " + COLUMNS + " FROM self_evaluation_fact" + where + ") s"
                + (currentOnly ? " WHERE current" : "")
                + " ORDER BY fiscal_year, org_code, level, program_code NULLS FIRST, occurred_at DESC, evaluation_id";
        return jdbc.query(sql, SelfEvaluationFacts::map, args.toArray());
    }

    private static Evaluation map(ResultSet rs, int row) throws SQLException {
        Timestamp at = rs.getTimestamp("occurred_at");
        long budget = rs.getLong("budget_cents");
        Money b = rs.wasNull() ? null : Money.ofCents(budget);
        long executed = rs.getLong("executed_cents");
        Money e = rs.wasNull() ? null : Money.ofCents(executed);
        int count = rs.getInt("discrepancy_count");
        Integer discrepancies = rs.wasNull() ? null : count;
        return new Evaluation(rs.getObject("evaluation_id", UUID.class), rs.getString("level"),
                rs.getString("program_code"), rs.getInt("fiscal_year"), rs.getString("org_code"),
                rs.getString("template"), rs.getObject("supersedes", UUID.class),
                at == null ? null : at.toInstant(), b, e, rs.getString("submitted"), rs.getString("scored"),
                rs.getString("grade"), rs.getBigDecimal("total"), rs.getBigDecimal("execution_rate"), discrepancies,
                rs.getBoolean("current"));
    }

    private static String level(Events.EvaluationLevel level) {
        return level == null ? Events.EvaluationLevel.PROJECT.name() : level.name();
    }

    private static Long cents(Money money) {
        return money == null ? null : money.cents();
    }
}
