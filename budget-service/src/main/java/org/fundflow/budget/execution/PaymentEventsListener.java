package org.fundflow.budget.execution;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.fundflow.platform.consumer.IncomingEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each allocation's executed amount from disbursement-service's payments and reversals, so that a recovery,
 * carry-over or cut never takes back money an org has already paid out. A whole poll is applied in one transaction
 * ({@link IdempotentConsumer#consumeBatch}): event ids first, then one upsert of the poll's net change per
 * allocation. A payment of an allocation this service does not have is counted all the same (it may arrive first).
 *
 * <p>Every record of a poll is checked before anything is written. When record {@code i} is unusable, the records
 * before it are applied in their own transaction and only then is the failure reported for index {@code i}: the
 * error handler commits the offsets before a failed index, so those records must really be counted, and the
 * unusable one alone is retried and then dead-lettered.
 */
@Component
class PaymentEventsListener {
    static final String CONSUMER = "budget.payment";
    /** The listener container's id, e.g. for operations to stop and start it. */
    static final String LISTENER_ID = "budget-payment";

    private final IdempotentConsumer consumer;
    private final Executions executions;
    private final JsonMapper json;

    PaymentEventsListener(IdempotentConsumer consumer, Executions executions, JsonMapper json) {
        this.consumer = consumer;
        this.executions = executions;
        // The contract only ever adds fields: a field this build does not know must not dead-letter the event.
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.PAYMENT, groupId = "budget-service", batch = "true",
            properties = "max.poll.records=2000")
    void on(List<ConsumerRecord<String, String>> records) {
        Map<UUID, Change> changes = new HashMap<>(records.size() * 2);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            try {
                read(record, changes);
            } catch (RuntimeException e) {
                if (i > 0) {
                    consumer.consumeBatch(CONSUMER, records.subList(0, i), events -> apply(events, changes));
                }
                throw new BatchListenerFailedException("unusable event on " + record.topic() + "-"
                        + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e, i);
            }
        }
        consumer.consumeBatch(CONSUMER, records, events -> apply(events, changes));
    }

    /** What one event does to one allocation's executed amount. */
    private record Change(UUID allocationId, long cents) {
    }

    private void read(ConsumerRecord<String, String> record, Map<UUID, Change> changes) {
        JsonNode envelope = json.readTree(record.value());
        String id = header(record, EventHeaders.EVENT_ID);
        if (id == null) {
            id = envelope.path("eventId").asString(null);
        }
        if (id == null) {
            throw new IllegalArgumentException("event without id");
        }
        UUID eventId = UUID.fromString(id);
        String type = header(record, EventHeaders.EVENT_TYPE);
        if (type == null) {
            type = envelope.path("type").asString(null);
        }
        JsonNode payload = envelope.path("payload");
        if (Events.PAYMENT_RECORDED.equals(type)) {
            Events.PaymentRecorded p = json.treeToValue(payload, Events.PaymentRecorded.class);
            requirePositive(p.allocationId(), p.amount(), "PaymentRecorded");
            changes.put(eventId, new Change(p.allocationId(), p.amount().cents()));
        } else if (Events.PAYMENT_REVERSED.equals(type)) {
            Events.PaymentReversed r = json.treeToValue(payload, Events.PaymentReversed.class);
            requirePositive(r.allocationId(), r.amount(), "PaymentReversed");
            changes.put(eventId, new Change(r.allocationId(), -r.amount().cents()));
        }
        // any other type on the topic is not this consumer's business: it is marked processed and changes nothing
    }

    private void apply(List<IncomingEvent> events, Map<UUID, Change> changes) {
        SortedMap<UUID, Long> net = new TreeMap<>();
        for (IncomingEvent event : events) {
            Change c = changes.get(event.eventId());
            if (c != null) {
                net.merge(c.allocationId(), c.cents(), Math::addExact);
            }
        }
        executions.add(net);
    }

    private static void requirePositive(UUID allocationId, Money amount, String type) {
        if (allocationId == null || amount == null || !amount.isPositive()) {
            throw new IllegalArgumentException(type + " needs an allocationId and a positive amount");
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
