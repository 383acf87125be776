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
