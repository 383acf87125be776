package org.fundflow.reporting.facts;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.fundflow.platform.consumer.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores payments and reversals as facts, a whole poll per transaction and per statement (the pipeline must keep up
 * with ten thousand payments a second). Nothing assumes an order: a payment may precede its allocation and a
 * reversal its payment; the reports derive figures from whatever facts exist.
 *
 * <p>Every record of a poll is checked <em>before</em> anything is written (the platform's checked
 * {@link IdempotentConsumer#consumeBatch}): an unusable one alone is retried and then dead-lettered, after the records
 * before it are stored.
 */
@Component
class PaymentEventsListener {
    static final String CONSUMER = "reporting.payment";
    /** The listener container's id, e.g. to pause consumption in a throughput test. */
    static final String LISTENER_ID = "reporting-payment";
    private static final Logger log = LoggerFactory.getLogger(PaymentEventsListener.class);

    private final IdempotentConsumer consumer;
    private final PaymentFacts facts;

    PaymentEventsListener(IdempotentConsumer consumer, PaymentFacts facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.PAYMENT, groupId = "reporting-service", batch = "true",
            concurrency = "${fundflow.reporting.payment-consumers:1}", properties = "max.poll.records=2000")
    void on(List<ConsumerRecord<String, String>> records) {
        consumer.consumeBatch(CONSUMER, records, PaymentEventsListener::read, this::apply);
    }

    /** The checked payload of a payment or reversal; null for another type on the topic. */
    static Object read(IncomingEvent event) {
        if (Events.PAYMENT_RECORDED.equals(event.type())) {
            Events.PaymentRecorded p = event.payloadAs(Events.PaymentRecorded.class);
            require(p.paymentId() != null && p.amount() != null && p.paidOn() != null,
                    "PaymentRecorded needs paymentId, amount and paidOn");
            return p;
        }
        if (Events.PAYMENT_REVERSED.equals(event.type())) {
            Events.PaymentReversed r = event.payloadAs(Events.PaymentReversed.class);
            require(r.reversalId() != null && r.paymentId() != null && r.amount() != null
                    && r.reversedOn() != null, "PaymentReversed needs reversalId, paymentId, amount and reversedOn");
            return r;
        }
        log.debug("ignoring {} {}: not an event this consumer uses", event.type(), event.eventId());
        return null;
    }

    private void apply(List<IdempotentConsumer.Read<Object>> reads) {
        List<PaymentFacts.Recorded> payments = new ArrayList<>(reads.size());
        List<PaymentFacts.Reversed> reversals = new ArrayList<>();
        for (IdempotentConsumer.Read<Object> read : reads) {
            IncomingEvent event = read.event();
            if (read.value() instanceof Events.PaymentRecorded p) {
                payments.add(new PaymentFacts.Recorded(event.eventId(), event.occurredAt(), p));
            } else if (read.value() instanceof Events.PaymentReversed r) {
                reversals.add(new PaymentFacts.Reversed(event.eventId(), event.occurredAt(), r));
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
}
