package org.fundflow.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.platform.web.CorrelationId;
import org.slf4j.MDC;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies an event's effect at most once per consumer: the event id is inserted into {@code processed_event} first,
 * in the same transaction as the effect. A duplicate key means "already done", and a failed effect rolls the
 * marker back with it so a retry runs afresh.
 */
public class IdempotentConsumer {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final MeterRegistry meters;

    public IdempotentConsumer(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        // Events may gain fields (contracts only ever add them): a consumer built before a field existed must
        // read the new events, not dead-letter them. Requests stay strict; events are tolerant.
        this.json = json.rebuild().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.meters = meters;
    }

    /** @return true if the effect ran, false if this consumer had already processed the event */
    public boolean consume(String consumer, ConsumerRecord<String, String> record, Consumer<IncomingEvent> effect) {
        IncomingEvent event = parse(record);
        String previous = MDC.get(CorrelationId.MDC_KEY);
        if (event.correlationId() != null) {
            MDC.put(CorrelationId.MDC_KEY, event.correlationId());
        }
        try {
            Boolean applied = tx.execute(status -> {
                int inserted = jdbc.update("INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) "
                        + "ON CONFLICT DO NOTHING", consumer, event.eventId());
                if (inserted == 0) {
                    return false;
                }
                effect.accept(event);
                return true;
            });
            meters.counter("fundflow.events.consumed", "consumer", consumer, "type", event.type(),
                    "outcome", Boolean.TRUE.equals(applied) ? "applied" : "duplicate").increment();
            return Boolean.TRUE.equals(applied);
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationId.MDC_KEY);
            } else {
                MDC.put(CorrelationId.MDC_KEY, previous);
            }
        }
    }

    /**
     * Applies a whole poll in one transaction, for throughput (one commit instead of hundreds). Event ids are
     * inserted first in one statement; {@code effect} receives only the events this consumer had not processed
     * yet, in record order, and must apply them set-wise. A record that cannot be parsed is reported by its index
     * ({@link BatchListenerFailedException}), so the error handler retries around it and dead-letters just that
     * one.
     *
     * @return how many events were applied (the rest were duplicates)
     */
    public int consumeBatch(String consumer, List<ConsumerRecord<String, String>> records,
            Consumer<List<IncomingEvent>> effect) {
        List<IncomingEvent> events = new ArrayList<>(records.size());
        Set<UUID> seen = new HashSet<>();
        RuntimeException unreadable = null;
        int badIndex = -1;
        for (int i = 0; i < records.size(); i++) {
            IncomingEvent event;
            try {
                event = parse(records.get(i));
            } catch (RuntimeException e) {
                unreadable = e;
                badIndex = i;
                break;
            }
            if (seen.add(event.eventId())) {
                events.add(event);
            }
        }
        // Everything before an unreadable record is applied first: the error handler commits the offsets before
        // the index it is given, so those records would otherwise be skipped without ever being applied.
        int applied = applyBatch(consumer, events, effect);
        if (unreadable != null) {
            throw new BatchListenerFailedException("unreadable event", unreadable, badIndex);
        }
        return applied;
    }

    private int applyBatch(String consumer, List<IncomingEvent> events, Consumer<List<IncomingEvent>> effect) {
        if (events.isEmpty()) {
            return 0;
        }
        List<IncomingEvent> fresh = tx.execute(status -> {
            UUID[] ids = events.stream().map(IncomingEvent::eventId).toArray(UUID[]::new);
            Set<UUID> inserted = new HashSet<>(jdbc.query(con -> {
                var ps = con.prepareStatement("INSERT INTO processed_event (consumer, event_id) "
                        + "SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id");
                ps.setString(1, consumer);
                ps.setArray(2, con.createArrayOf("uuid", ids));
                return ps;
            }, (rs, n) -> rs.getObject(1, UUID.class)));
            List<IncomingEvent> applicable = events.stream().filter(e -> inserted.contains(e.eventId())).toList();
            if (!applicable.isEmpty()) {
                effect.accept(applicable);
            }
            return applicable;
        });
        int applied = fresh == null ? 0 : fresh.size();
        meters.counter("fundflow.events.consumed", "consumer", consumer, "type", "batch", "outcome", "applied")
                .increment(applied);
        meters.counter("fundflow.events.consumed", "consumer", consumer, "type", "batch", "outcome", "duplicate")
                .increment(events.size() - applied);
        return applied;
    }

    IncomingEvent parse(ConsumerRecord<String, String> record) {
        JsonNode envelope = json.readTree(record.value());
        String id = header(record, EventHeaders.EVENT_ID);
        if (id == null) {
            id = envelope.path("eventId").asString(null);
        }
        if (id == null) {
            throw new IllegalArgumentException("event without id on " + record.topic() + "@" + record.offset());
        }
        String type = header(record, EventHeaders.EVENT_TYPE);
        if (type == null) {
            type = envelope.path("type").asString();
        }
        String occurred = envelope.path("occurredAt").asString(null);
        return new IncomingEvent(UUID.fromString(id), type, envelope.path("aggregateId").asString(null),
                occurred == null ? null : Instant.parse(occurred), envelope.path("recordedBy").asString(null),
                envelope.path("correlationId").asString(null), envelope.path("payload"), json);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
