package org.fundflow.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.platform.web.CorrelationId;
import org.fundflow.platform.web.RecordedBy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends an event to the outbox in the caller's transaction, so the event exists exactly when the state change
 * does. The relay (Debezium reading the WAL) publishes it; nothing here talks to Kafka.
 */
public class OutboxWriter {
    /** Payload shape version; bump only with a new event type name for breaking changes. */
    public static final int SCHEMA_VERSION = 1;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    public OutboxWriter(JdbcTemplate jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> append(String aggregateType, String aggregateId, String type, String recordedBy,
            T payload) {
        EventEnvelope<T> envelope = new EventEnvelope<>(UUID.randomUUID(), type, SCHEMA_VERSION, aggregateType,
                aggregateId, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), recordedBy,
                CorrelationId.currentOrNew(), RecordedBy.actor(), payload);
        jdbc.update("INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, correlation_id, created_at) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)",
                envelope.eventId(), aggregateType, aggregateId, type, json.writeValueAsString(envelope),
                envelope.correlationId(), Timestamp.from(envelope.occurredAt()));
        meters.counter("fundflow.outbox.appended", "type", type).increment();
        return envelope;
    }
}
