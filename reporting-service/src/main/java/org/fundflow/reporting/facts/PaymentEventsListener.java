package org.fundflow.reporting.facts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.fundflow.platform.consumer.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores payments and reversals as facts, a whole poll per transaction and per statement (the pipeline must keep up
 * with ten thousand payments a second). Nothing assumes an order: a payment may precede its allocation and a
 * reversal its payment; the reports derive figures from whatever facts exist.
 *
 * <p>Every record of a poll is read and checked <em>before</em> anything is written. When record {@code i} cannot be
 * used, the records before it are applied in their own transaction and only then is the failure reported for index
 * {@code i}: the error handler commits the offsets before a failed index, so those records must really be stored,
 * and the unusable one alone is retried and then dead-lettered instead of the whole poll.
 */
@Component
class PaymentEventsListener {
    static final String CONSUMER = "reporting.payment";
    /** The listener container's id, e.g. to pause consumption in a throughput test. */
    static final String LISTENER_ID = "reporting-payment";
    private static final Logger log = LoggerFactory.getLogger(PaymentEventsListener.class);

    private final IdempotentConsumer consumer;
    private final PaymentFacts facts;
    private final JsonMapper json;

    PaymentEventsListener(IdempotentConsumer consumer, PaymentFacts facts, JsonMapper json) {
        this.consumer = consumer;
        this.facts = facts;
        // The contract only ever adds fields: a field this build does not know must not dead-letter the event.
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.PAYMENT, groupId = "reporting-service", batch = "true",
            concurrency = "${fundflow.reporting.payment-consumers:1}", properties = "max.poll.records=2000")
    void on(List<ConsumerRecord<String, String>> records) {
        Map<UUID, Object> payloads = new HashMap<>(records.size() * 2);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            try {
                read(record, payloads);
            } catch (RuntimeException e) {
                if (i > 0) {
                    consumer.consumeBatch(CONSUMER, records.subList(0, i), events -> apply(events, payloads));
                }
                throw new BatchListenerFailedException("unusable event on " + record.topic() + "-"
                        + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e, i);
            }
        }
        consumer.consumeBatch(CONSUMER, records, events -> apply(events, payloads));
    }

    private void read(ConsumerRecord<String, String> record, Map<UUID, Object> payloads) {
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
            require(p.paymentId() != null && p.amount() != null && p.paidOn() != null,
                    "PaymentRecorded needs paymentId, amount and paidOn");
            payloads.put(eventId, p);
        } else if (Events.PAYMENT_REVERSED.equals(type)) {
            Events.PaymentReversed r = json.treeToValue(payload, Events.PaymentReversed.class);
            require(r.reversalId() != null && r.paymentId() != null && r.amount() != null
                    && r.reversedOn() != null, "PaymentReversed needs reversalId, paymentId, amount and reversedOn");
            payloads.put(eventId, r);
        }
    }

    private void apply(List<IncomingEvent> events, Map<UUID, Object> payloads) {
        List<PaymentFacts.Recorded> payments = new ArrayList<>(events.size());
        List<PaymentFacts.Reversed> reversals = new ArrayList<>();
        for (IncomingEvent event : events) {
            Object payload = payloads.get(event.eventId());
            if (payload instanceof Events.PaymentRecorded p) {
                payments.add(new PaymentFacts.Recorded(event.eventId(), event.occurredAt(), p));
            } else if (payload instanceof Events.PaymentReversed r) {
                reversals.add(new PaymentFacts.Reversed(event.eventId(), event.occurredAt(), r));
            } else {
                log.debug("ignoring {} {}: not an event this consumer uses", event.type(), event.eventId());
            }
        }
        int stored = facts.insertPayments(payments);
        if (stored < payments.size()) {
            // A payment is recorded once; another PaymentRecorded for the same payment id would be a producer bug.
            log.warn("{} of {} PaymentRecorded events named an already recorded payment; the first one stays",
                    payments.size() - stored, payments.size());
        }
        facts.insertReversals(reversals);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
