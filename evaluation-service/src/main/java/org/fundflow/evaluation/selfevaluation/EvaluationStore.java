package org.fundflow.evaluation.selfevaluation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.EvaluationLevel;
import org.fundflow.contracts.Events.FiguresFrom;
import org.fundflow.contracts.Money;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code self_evaluation} table: one immutable row per submission. "Current" is derived, never stored: the row of
 * a subject (org, year, level, program) with no later row.
 */
@Repository
class EvaluationStore {
    /** Namespace of the per-subject advisory locks (the two-int form, apart from the relay's single-bigint lock). */
    private static final int LOCK_SPACE = 0x5E1F;
    private static final String CURRENT = """
            NOT EXISTS (SELECT 1 FROM self_evaluation n
                         WHERE n.org_code = e.org_code AND n.fiscal_year = e.fiscal_year AND n.level = e.level
                           AND n.program_code IS NOT DISTINCT FROM e.program_code AND n.seq > e.seq)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    EvaluationStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What goes in a row. */
    record Row(UUID evaluationId, EvaluationCommand command, String template, String templateDefinition,
            LocalDate asOf, Money budget, Money executed, BigDecimal executionRate, BigDecimal executionScore,
            BigDecimal total, String grade, int discrepancyCount, UUID supersedes,
            Events.SelfEvaluationSubmitted submission, EvaluationView result, Instant submittedAt,
            String recordedBy) {
    }

    /** A project evaluation that is current, as submitted (to rebuild its form for a department's checks). */
    record CurrentProject(UUID evaluationId, String programCode, Events.SelfEvaluationSubmitted submission) {
    }

    /** The list entry of an evaluation. */
    record Summary(UUID evaluationId, EvaluationLevel level, String programCode, int fiscalYear, String orgCode,
            String template, FiguresFrom figuresFrom, LocalDate asOf, Money budget, Money executed,
            String executionRate, String executionScore, String total, String grade, int discrepancies,
            boolean current, UUID supersedes, Instant submittedAt) {
    }

    /**
     * Serialises the submissions of one subject until the transaction ends, so "supersedes" and the order of the
     * subject's events are those of the commits.
     */
    void lockSubject(EvaluationCommand c) {
        jdbc.getJdbcTemplate().queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", LOCK_SPACE,
                c.level() + "/" + c.subject());
    }

    Optional<UUID> current(EvaluationCommand c) {
        List<UUID> ids = jdbc.query("""
                SELECT evaluation_id FROM self_evaluation
                 WHERE org_code = :org AND fiscal_year = :year AND level = :level
                   AND program_code IS NOT DISTINCT FROM CAST(:program AS varchar)
                 ORDER BY seq DESC LIMIT 1
                """, new MapSqlParameterSource("org", c.orgCode()).addValue("year", c.fiscalYear())
                .addValue("level", c.level().name()).addValue("program", c.programCode()),
                (rs, i) -> rs.getObject(1, UUID.class));
        return ids.stream().findFirst();
    }

    void insert(Row r) {
        EvaluationCommand c = r.command();
        jdbc.update("""
                INSERT INTO self_evaluation (evaluation_id, level, program_code, fiscal_year, org_code, template,
                    template_definition, figures_from, as_of, budget_cents, executed_cents, execution_rate,
                    execution_score, total, grade, discrepancy_count, supersedes, submission, result, submitted_at,
                    recorded_by)
                VALUES (:id, :level, :program, :year, :org, :template, CAST(:definition AS jsonb), :figuresFrom,
                    :asOf, :budget, :executed, :rate, :score, :total, :grade, :discrepancies, :supersedes,
                    CAST(:submission AS jsonb), CAST(:result AS jsonb), :submittedAt, :recordedBy)
                """, new MapSqlParameterSource("id", r.evaluationId())
                .addValue("level", c.level().name())
                .addValue("program", c.programCode())
                .addValue("year", c.fiscalYear())
                .addValue("org", c.orgCode())
                .addValue("template", r.template())
                .addValue("definition", r.templateDefinition())
                .addValue("figuresFrom", c.figuresFrom().name())
                .addValue("asOf", r.asOf() == null ? null : java.sql.Date.valueOf(r.asOf()))
                .addValue("budget", r.budget().cents())
                .addValue("executed", r.executed().cents())
                .addValue("rate", r.executionRate())
                .addValue("score", r.executionScore())
                .addValue("total", r.total())
                .addValue("grade", r.grade())
                .addValue("discrepancies", r.discrepancyCount())
                .addValue("supersedes", r.supersedes())
                .addValue("submission", json.writeValueAsString(r.submission()))
                .addValue("result", json.writeValueAsString(r.result()))
                .addValue("submittedAt", Timestamp.from(r.submittedAt()))
                .addValue("recordedBy", r.recordedBy()));
    }

    /**
     * The org's current project evaluations of the year scored with this template (same name, and for an inline
     * template the same definition), in program order.
     */
    List<CurrentProject> currentProjects(String org, int year, String template, String definition) {
        return jdbc.query("""
                SELECT e.evaluation_id, e.program_code, e.submission::text AS submission
                  FROM self_evaluation e
                 WHERE e.org_code = :org AND e.fiscal_year = :year AND e.level = 'PROJECT'
                   AND e.template = :template
                   AND e.template_definition IS NOT DISTINCT FROM CAST(:definition AS jsonb)
                   AND %s
                 ORDER BY e.program_code
                """.formatted(CURRENT), new MapSqlParameterSource("org", org).addValue("year", year)
                .addValue("template", template).addValue("definition", definition),
                (rs, i) -> new CurrentProject(rs.getObject("evaluation_id", UUID.class), rs.getString("program_code"),
                        json.readValue(rs.getString("submission"), Events.SelfEvaluationSubmitted.class)));
    }

    /** Current project evaluations of the org and year scored with another template (not counted: named). */
    List<String> currentProjectsWithOtherTemplates(String org, int year, String template, String definition) {
        return jdbc.query("""
                SELECT e.program_code || ' (' || e.template || ')' FROM self_evaluation e
                 WHERE e.org_code = :org AND e.fiscal_year = :year AND e.level = 'PROJECT'
                   AND NOT (e.template = :template
                            AND e.template_definition IS NOT DISTINCT FROM CAST(:definition AS jsonb))
                   AND %s
                 ORDER BY e.program_code
                """.formatted(CURRENT), new MapSqlParameterSource("org", org).addValue("year", year)
                .addValue("template", template).addValue("definition", definition), (rs, i) -> rs.getString(1));
    }

    /** A stored evaluation: the POST's response with whether it is still current, and whose it is. */
    record Found(String orgCode, JsonNode body) {
    }

    /** The stored response of the evaluation, with whether it is still the current one of its subject. */
    Optional<Found> find(UUID id) {
        List<Found> found = jdbc.query("SELECT e.org_code, e.result::text AS result, " + CURRENT + " AS current "
                + "FROM self_evaluation e WHERE e.evaluation_id = :id", new MapSqlParameterSource("id", id),
                (rs, i) -> {
                    ObjectNode node = (ObjectNode) json.readTree(rs.getString("result"));
                    node.put("current", rs.getBoolean("current"));
                    return new Found(rs.getString("org_code"), node);
                });
        return found.stream().findFirst();
    }

    /** Newest first, only those {@code visible} to the caller. */
    List<Summary> list(EvaluationScope.Visible visible, String org, Integer year, String program,
            EvaluationLevel level, boolean currentOnly, int limit) {
        StringBuilder where = new StringBuilder("TRUE");
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
        switch (visible.kind()) {
            case ALL -> { }
            case ORG -> {
                where.append(" AND e.org_code = :visibleOrg");
                params.addValue("visibleOrg", visible.org());
            }
            case ANY_KNOWN_REGION -> where.append(" AND ").append(OrgRegions.of("e.org_code")).append(" IS NOT NULL");
            case REGIONS -> {
                if (visible.regions().isEmpty()) {
                    where.append(" AND FALSE");
                } else {
                    where.append(" AND ").append(OrgRegions.of("e.org_code")).append(" IN (:visibleRegions)");
                    params.addValue("visibleRegions", visible.regions());
                }
            }
        }
        if (org != null) {
            where.append(" AND e.org_code = :org");
            params.addValue("org", org);
        }
        if (year != null) {
            where.append(" AND e.fiscal_year = :year");
            params.addValue("year", year);
        }
        if (program != null) {
            where.append(" AND e.program_code = :program");
            params.addValue("program", program);
        }
        if (level != null) {
            where.append(" AND e.level = :level");
            params.addValue("level", level.name());
        }
        String sql = """
                SELECT * FROM (
                    SELECT e.evaluation_id, e.level, e.program_code, e.fiscal_year, e.org_code, e.template,
                           e.figures_from, e.as_of, e.budget_cents, e.executed_cents, e.execution_rate,
                           e.execution_score, e.total, e.grade, e.discrepancy_count, e.supersedes, e.submitted_at,
                           e.seq, %s AS current
                      FROM self_evaluation e
                     WHERE %s
                ) s %s
                 ORDER BY s.seq DESC
                 LIMIT :limit
                """.formatted(CURRENT, where, currentOnly ? "WHERE s.current" : "");
        return jdbc.query(sql, params, EvaluationStore::summary);
    }

    private static Summary summary(ResultSet rs, int i) throws SQLException {
        BigDecimal total = rs.getBigDecimal("total");
        return new Summary(rs.getObject("evaluation_id", UUID.class), EvaluationLevel.valueOf(rs.getString("level")),
                rs.getString("program_code"), rs.getInt("fiscal_year"), rs.getString("org_code"),
                rs.getString("template"), FiguresFrom.valueOf(rs.getString("figures_from")),
                rs.getObject("as_of", LocalDate.class), Money.ofCents(rs.getLong("budget_cents")),
                Money.ofCents(rs.getLong("executed_cents")),
                rs.getBigDecimal("execution_rate").setScale(4).toPlainString(),
                rs.getBigDecimal("execution_score").setScale(2).toPlainString(),
                total == null ? null : total.setScale(2).toPlainString(), rs.getString("grade"),
                rs.getInt("discrepancy_count"), rs.getBoolean("current"), rs.getObject("supersedes", UUID.class),
                rs.getTimestamp("submitted_at").toInstant());
    }
}
