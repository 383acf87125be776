package org.fundflow.evaluation.facts;

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
 * Records allocation events as facts. Nothing here assumes an order: an adjustment, recovery or child allocation
 * may arrive before the allocation it names, so each event is stored on its own and the figures are derived later.
 */
@Component
class AllocationEventListener {
    static final String CONSUMER = "evaluation.allocation";
    private static final Logger log = LoggerFactory.getLogger(AllocationEventListener.class);

    private final IdempotentConsumer consumer;
    private final FactStore facts;

    AllocationEventListener(IdempotentConsumer consumer, FactStore facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @KafkaListener(topics = Topics.ALLOCATION, groupId = "evaluation-service")
    void on(ConsumerRecord<String, String> record) {
        consumer.consume(CONSUMER, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        switch (event.type()) {
            case Events.ALLOCATION_ISSUED ->
                    facts.issued(event, Payloads.read(event, Events.AllocationIssued.class));
            case Events.ALLOCATION_ADJUSTED ->
                    facts.adjusted(event, Payloads.read(event, Events.AllocationAdjusted.class));
            case Events.ALLOCATION_RECOVERED ->
                    facts.recovered(event, Payloads.read(event, Events.AllocationRecovered.class));
            case Events.ALLOCATION_CARRIED_OVER ->
                    facts.carriedOver(event, Payloads.read(event, Events.AllocationCarriedOver.class));
            default -> log.debug("ignoring {} event {} (not used by evaluation)", event.type(), event.eventId());
        }
    }
}
