package org.fundflow.evaluation.facts;

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

    private final IdempotentConsumer consumer;
    private final PaymentFactStore facts;

    PaymentEventListener(IdempotentConsumer consumer, PaymentFactStore facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    /**
     * Every record is checked before anything is written (the platform's checked
     * {@link IdempotentConsumer#consumeBatch}): an unusable one alone is retried and then dead-lettered, after the
     * records before it are applied.
     */
    @KafkaListener(id = CONSUMER, topics = Topics.PAYMENT, groupId = "evaluation-service", batch = "true",
            properties = "max.poll.records=2000")
    void on(List<ConsumerRecord<String, String>> records) {
        consumer.consumeBatch(CONSUMER, records, PaymentEventListener::read, this::apply);
    }

    /** The checked fact of a payment or reversal (its constructor refuses an unusable one); null for other types. */
    static Object read(IncomingEvent event) {
        return switch (event.type()) {
            case Events.PAYMENT_RECORDED ->
                    new PaymentFactStore.Payment(event, event.payloadAs(Events.PaymentRecorded.class));
            case Events.PAYMENT_REVERSED ->
                    new PaymentFactStore.Reversal(event, event.payloadAs(Events.PaymentReversed.class));
            default -> {
                log.debug("ignoring {} event {} (not used by evaluation)", event.type(), event.eventId());
                yield null;
            }
        };
    }

    private void apply(List<IdempotentConsumer.Read<Object>> reads) {
        List<PaymentFactStore.Payment> payments = new ArrayList<>(reads.size());
        List<PaymentFactStore.Reversal> reversals = new ArrayList<>();
        for (IdempotentConsumer.Read<Object> read : reads) {
            if (read.value() instanceof PaymentFactStore.Payment p) {
                payments.add(p);
            } else if (read.value() instanceof PaymentFactStore.Reversal r) {
                reversals.add(r);
            }
        }
        facts.payments(payments);
        facts.reversals(reversals);
    }
}
