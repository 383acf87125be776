package org.fundflow.budget.execution;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.fundflow.platform.consumer.IncomingEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each allocation's executed amount from disbursement-service's payments and reversals, so that a recovery,
 * carry-over or cut never takes back money an org has already paid out. A whole poll is applied in one transaction
 * (the platform's checked {@link IdempotentConsumer#consumeBatch}: every record is checked before anything is
 * written, event ids first, then one upsert of the poll's net change per allocation). A payment of an allocation this
 * service does not have is counted all the same (it may arrive first).
 */
@Component
class PaymentEventsListener {
    static final String CONSUMER = "budget.payment";
    /** The listener container's id, e.g. for operations to stop and start it. */
    static final String LISTENER_ID = "budget-payment";

    private final IdempotentConsumer consumer;
    private final Executions executions;

    PaymentEventsListener(IdempotentConsumer consumer, Executions executions) {
        this.consumer = consumer;
        this.executions = executions;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.PAYMENT, groupId = "budget-service", batch = "true",
            properties = "max.poll.records=2000")
    void on(List<ConsumerRecord<String, String>> records) {
        consumer.consumeBatch(CONSUMER, records, PaymentEventsListener::change, reads -> {
            SortedMap<UUID, Long> net = new TreeMap<>();
            reads.forEach(r -> net.merge(r.value().allocationId(), r.value().cents(), Math::addExact));
            executions.add(net);
        });
    }

    /** What one event does to one allocation's executed amount. */
    record Change(UUID allocationId, long cents) {
    }

    /** The change an event makes; null for another type on the topic (not this consumer's business). */
    static Change change(IncomingEvent event) {
        if (Events.PAYMENT_RECORDED.equals(event.type())) {
            Events.PaymentRecorded p = event.payloadAs(Events.PaymentRecorded.class);
            requirePositive(p.allocationId(), p.amount(), "PaymentRecorded");
            return new Change(p.allocationId(), p.amount().cents());
        }
        if (Events.PAYMENT_REVERSED.equals(event.type())) {
            Events.PaymentReversed r = event.payloadAs(Events.PaymentReversed.class);
            requirePositive(r.allocationId(), r.amount(), "PaymentReversed");
            return new Change(r.allocationId(), -r.amount().cents());
        }
        return null;
    }

    private static void requirePositive(UUID allocationId, Money amount, String type) {
        if (allocationId == null || amount == null || !amount.isPositive()) {
            throw new IllegalArgumentException(type + " needs an allocationId and a positive amount");
        }
    }
}
