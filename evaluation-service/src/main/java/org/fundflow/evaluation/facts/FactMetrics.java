package org.fundflow.evaluation.facts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many facts this service holds, next to the platform's consumed-events counter and consumer lag: a count that
 * stops growing while events are consumed points at events being ignored or dead-lettered.
 */
@Component
class FactMetrics {

    FactMetrics(MeterRegistry meters, JdbcTemplate jdbc) {
        Gauge.builder("fundflow.evaluation.facts", jdbc, j -> count(j, "allocation_fact"))
                .tag("kind", "allocation").description("allocations known to evaluation").register(meters);
        Gauge.builder("fundflow.evaluation.facts", jdbc, j -> count(j, "allocation_movement"))
                .tag("kind", "movement").description("adjustments, recoveries and carry-overs known to evaluation")
                .register(meters);
        // Payments run into the millions: count(*) on every scrape would cost seconds, so these two are the
        // planner's row estimate (refreshed by autovacuum's analyze), good enough to see growth or a standstill.
        Gauge.builder("fundflow.evaluation.facts", jdbc, j -> estimate(j, "payment_fact"))
                .tag("kind", "payment").description("payments known to evaluation (estimate)").register(meters);
        Gauge.builder("fundflow.evaluation.facts", jdbc, j -> estimate(j, "payment_reversal_fact"))
                .tag("kind", "reversal").description("payment reversals known to evaluation (estimate)")
                .register(meters);
    }

    private static double estimate(JdbcTemplate jdbc, String table) {
        try {
            Double n = jdbc.queryForObject(
                    "SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = ?::regclass", Double.class, table);
            return n == null ? Double.NaN : n;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double count(JdbcTemplate jdbc, String table) {
        try {
            Long n = jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
            return n == null ? Double.NaN : n;
        } catch (RuntimeException e) {
            return Double.NaN; // a scrape must not fail because the database is briefly away
        }
    }
}
