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
import java.util.function.Function;
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
        return consumeBatch(consumer, records, event -> event,
                reads -> effect.accept(reads.stream().map(Read::event).toList()));
    }

    /** An event and what the consumer read from it. */
    public record Read<T>(IncomingEvent event, T value) {
    }

    /**
     * {@link #consumeBatch(String, List, Consumer)} with a check of every record <em>before</em> anything is
     * written: {@code read} turns an event into what the effect needs, returns null for an event this consumer does
     * not use (it is still marked processed), and throws for one it cannot use. Such a record is handled like an
     * unparseable one: the records before it are applied in their own transaction, then its index is reported, so
     * the error handler commits exactly what was applied and retries, then dead-letters, just that record.
     */
    public <T> int consumeBatch(String consumer, List<ConsumerRecord<String, String>> records,
            Function<IncomingEvent, T> read, Consumer<List<Read<T>>> effect) {
        List<Read<T>> reads = new ArrayList<>(records.size());
        Set<UUID> seen = new HashSet<>();
        RuntimeException unusable = null;
        int badIndex = -1;
        for (int i = 0; i < records.size(); i++) {
            Read<T> r;
            try {
                IncomingEvent event = parse(records.get(i));
                r = new Read<>(event, read.apply(event));
            } catch (RuntimeException e) {
                unusable = e;
                badIndex = i;
                break;
            }
            if (seen.add(r.event().eventId())) {
                reads.add(r);
            }
        }
        // Everything before an unusable record is applied first: the error handler commits the offsets before
        // the index it is given, so those records would otherwise be skipped without ever being applied.
        int applied = applyBatch(consumer, reads, effect);
        if (unusable != null) {
            ConsumerRecord<String, String> bad = records.get(badIndex);
            throw new BatchListenerFailedException("unusable event on " + bad.topic() + "-" + bad.partition() + "@"
                    + bad.offset() + ": " + unusable.getMessage(), unusable, badIndex);
        }
        return applied;
    }

    private <T> int applyBatch(String consumer, List<Read<T>> reads, Consumer<List<Read<T>>> effect) {
        if (reads.isEmpty()) {
            return 0;
        }
        List<Read<T>> fresh = tx.execute(status -> {
            UUID[] ids = reads.stream().map(r -> r.event().eventId()).toArray(UUID[]::new);
            Set<UUID> inserted = new HashSet<>(jdbc.query(con -> {
                var ps = con.prepareStatement("INSERT INTO processed_event (consumer, event_id) "
                        + "SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id");
                ps.setString(1, consumer);
                ps.setArray(2, con.createArrayOf("uuid", ids));
                return ps;
            }, (rs, n) -> rs.getObject(1, UUID.class)));
            List<Read<T>> applicable = reads.stream().filter(r -> inserted.contains(r.event().eventId())).toList();
            List<Read<T>> used = applicable.stream().filter(r -> r.value() != null).toList();
            if (!used.isEmpty()) {
                effect.accept(used);
            }
            return applicable;
        });
        int applied = fresh == null ? 0 : fresh.size();
        meters.counter("fundflow.events.consumed", "consumer", consumer, "type", "batch", "outcome", "applied")
                .increment(applied);
        meters.counter("fundflow.events.consumed", "consumer", consumer, "type", "batch", "outcome", "duplicate")
                .increment(reads.size() - applied);
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
