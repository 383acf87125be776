package org.fundflow.disbursement.payment;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fundflow.contracts.Actor;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.outbox.OutboxWriter;
import org.fundflow.platform.web.CorrelationId;
import org.fundflow.platform.web.RecordedBy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes payment events to the outbox in the caller's transaction. A single event goes through the platform's
 * {@link OutboxWriter}; an import batch's events go in one multi-row INSERT, since a thousand single-row inserts per
 * batch would cost more than the payments themselves. The rows are exactly what {@link OutboxWriter#append} writes
 * (same envelope, columns, schema version and meter), so the relay and every consumer see no difference.
 *
 * <p>Who made the change ({@code recordedBy} and the {@link Actor}) is passed in: an import batch runs on a
 * background thread with no request, and its events carry the uploader, not the system.
 */
@Component
class PaymentEventLog {
    private final OutboxWriter outbox;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    PaymentEventLog(OutboxWriter outbox, JdbcTemplate jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param actor who made the change; when it is the current request's own actor, a single event goes through
     *              the {@link OutboxWriter} (which takes it from the request), otherwise every row is written here
     *              with this actor
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void recorded(List<Events.PaymentRecorded> events, String recordedBy, Actor actor) {
        if (events.size() == 1 && Objects.equals(actor, RecordedBy.actor())) {
            Events.PaymentRecorded e = events.get(0);
            outbox.append(Topics.PAYMENT_AGGREGATE, e.paymentId().toString(), Events.PAYMENT_RECORDED, recordedBy, e);
        } else if (!events.isEmpty()) {
            appendAll(Events.PAYMENT_RECORDED, events.stream().map(e -> e.paymentId().toString()).toList(), events,
                    recordedBy, actor);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void reversed(Events.PaymentReversed e, String recordedBy) {
        outbox.append(Topics.PAYMENT_AGGREGATE, e.paymentId().toString(), Events.PAYMENT_REVERSED, recordedBy, e);
    }

    private <T> void appendAll(String type, List<String> aggregateIds, List<T> payloads, String recordedBy,
            Actor actor) {
        int n = payloads.size();
        Instant occurredAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String correlationId = CorrelationId.currentOrNew();
        String[] ids = new String[n];
        String[] documents = new String[n];
        for (int i = 0; i < n; i++) {
            EventEnvelope<T> envelope = new EventEnvelope<>(UUID.randomUUID(), type, OutboxWriter.SCHEMA_VERSION,
                    Topics.PAYMENT_AGGREGATE, aggregateIds.get(i), occurredAt, recordedBy, correlationId,
                    actor, payloads.get(i));
            ids[i] = envelope.eventId().toString();
            documents[i] = json.writeValueAsString(envelope);
        }
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, "
                    + "correlation_id, created_at) SELECT u.id, ?, u.aggregateid, ?, u.payload::jsonb, ?, ? "
                    + "FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, aggregateid, payload)");
            ps.setString(1, Topics.PAYMENT_AGGREGATE);
            ps.setString(2, type);
            ps.setString(3, correlationId);
            ps.setTimestamp(4, Timestamp.from(occurredAt));
            ps.setArray(5, con.createArrayOf("text", ids));
            ps.setArray(6, con.createArrayOf("text", aggregateIds.toArray(String[]::new)));
            ps.setArray(7, con.createArrayOf("text", documents));
            return ps;
        });
        meters.counter("fundflow.outbox.appended", "type", type).increment(n);
    }
}
