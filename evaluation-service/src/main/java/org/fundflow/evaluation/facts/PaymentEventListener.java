package org.fundflow.evaluation.facts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Records payments and reversals as facts, a whole poll at a time: the poll's event ids and facts are inserted
 * set-wise in one transaction ({@link IdempotentConsumer#consumeBatch}), so the consumer keeps up with bulk
 * imports (tens of thousands of payments a second) and a redelivered poll changes nothing.
 *
 * <p>No order is assumed: a payment may arrive before its allocation, a reversal before its payment; each is
 * stored on its own and the figures are derived at query time.
 */
@Component
class PaymentEventListener {
    /** Also the listener container id, so operations (and tests) can stop and start it. */
    static final String CONSUMER = "evaluation.payment";
    private static final Logger log = LoggerFactory.getLogger(PaymentEventListener.class);
    private static final JsonMapper ENVELOPE = JsonMapper.builder().build();

    private final IdempotentConsumer consumer;
    private final PaymentFactStore facts;

    PaymentEventListener(IdempotentConsumer consumer, PaymentFactStore facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    /**
     * On a bad record at index {@code i}, the error handler commits the offsets before {@code i} as done and
     * retries from {@code i} (then dead-letters it). The poll's transaction has rolled back by then, so the
     * records before {@code i} are applied again first (in their own transaction) before the failure is
     * reported: otherwise their offsets would be committed with nothing applied, and those payments lost.
     */
    @KafkaListener(id = CONSUMER, topics = Topics.PAYMENT, groupId = "evaluation-service", batch = "true",
            properties = "max.poll.records=2000")
    void on(List<ConsumerRecord<String, String>> records) {
        int end = records.size();
        BatchListenerFailedException failure = null;
        while (end > 0) {
            List<ConsumerRecord<String, String>> part = records.subList(0, end);
            try {
                consumer.consumeBatch(CONSUMER, part, events -> apply(part, events));
                break;
            } catch (BatchListenerFailedException e) {
                if (e.getIndex() < 0 || e.getIndex() >= end) {
                    throw e;
                }
                failure = e;
                end = e.getIndex();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void apply(List<ConsumerRecord<String, String>> records, List<IncomingEvent> events) {
        List<PaymentFactStore.Payment> payments = new ArrayList<>(events.size());
        List<PaymentFactStore.Reversal> reversals = new ArrayList<>();
        for (IncomingEvent event : events) {
            try {
                switch (event.type()) {
                    case Events.PAYMENT_RECORDED -> payments.add(
                            new PaymentFactStore.Payment(event, event.payloadAs(Events.PaymentRecorded.class)));
                    case Events.PAYMENT_REVERSED -> reversals.add(
                            new PaymentFactStore.Reversal(event, event.payloadAs(Events.PaymentReversed.class)));
                    default -> log.debug("ignoring {} event {} (not used by evaluation)", event.type(),
                            event.eventId());
                }
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("invalid " + event.type() + " event " + event.eventId(), e,
                        indexOf(records, event.eventId()));
            }
        }
        facts.payments(payments);
        facts.reversals(reversals);
    }

    /** Only on the error path: which record carried the event (id header first, as the platform reads it). */
    private static int indexOf(List<ConsumerRecord<String, String>> records, UUID eventId) {
        for (int i = 0; i < records.size(); i++) {
            if (eventId.toString().equals(eventId(records.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        Header h = record.headers().lastHeader(EventHeaders.EVENT_ID);
        if (h != null) {
            return new String(h.value(), StandardCharsets.UTF_8);
        }
        try {
            return ENVELOPE.readTree(record.value()).path("eventId").asString(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
