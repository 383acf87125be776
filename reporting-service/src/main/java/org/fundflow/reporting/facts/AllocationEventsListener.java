package org.fundflow.reporting.facts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.fundflow.platform.consumer.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;

/**
 * Stores every allocation event as a fact. Nothing here assumes an order: an adjustment may arrive before its
 * allocation and a child before its parent; the ledger is derived from whatever facts exist when it is asked for.
 */
@Component
class AllocationEventsListener {
    static final String CONSUMER = "reporting.allocation";
    private static final Logger log = LoggerFactory.getLogger(AllocationEventsListener.class);

    private final IdempotentConsumer consumer;
    private final AllocationFacts facts;

    AllocationEventsListener(IdempotentConsumer consumer, AllocationFacts facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @KafkaListener(topics = Topics.ALLOCATION, groupId = "reporting-service")
    void on(ConsumerRecord<String, String> record) {
        consumer.consume(CONSUMER, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        switch (event.type()) {
            case Events.ALLOCATION_ISSUED -> facts.recordIssued(event.eventId(), event.occurredAt(),
                    payload(event, Events.AllocationIssued.class));
            case Events.ALLOCATION_ADJUSTED -> {
                Events.AllocationAdjusted e = payload(event, Events.AllocationAdjusted.class);
                facts.recordMovement(event.eventId(), event.occurredAt(), e.allocationId(), MovementKind.ADJUSTMENT,
                        e.delta().cents(), e.effectiveOn(), e.docNo(), e.reason(), null);
            }
            case Events.ALLOCATION_RECOVERED -> {
                Events.AllocationRecovered e = payload(event, Events.AllocationRecovered.class);
                facts.recordMovement(event.eventId(), event.occurredAt(), e.allocationId(), MovementKind.RECOVERY,
                        -e.amount().cents(), e.recoveredOn(), null, e.reason(), null);
            }
            case Events.ALLOCATION_CARRIED_OVER -> {
                Events.AllocationCarriedOver e = payload(event, Events.AllocationCarriedOver.class);
                facts.recordMovement(event.eventId(), event.occurredAt(), e.allocationId(), MovementKind.CARRY_OVER,
                        -e.amount().cents(), e.carriedOn(), null, null, e.toFiscalYear());
            }
            default -> log.debug("ignoring {} {}: not an event this consumer uses", event.type(), event.eventId());
        }
    }

    /**
     * Reads a payload as a tolerant reader: the contract only ever adds fields, so a field this build does not know
     * yet must not send the event to the dead-letter topic (the service's own JSON mapper rejects unknown fields,
     * which is right for API requests, not for events).
     */
    private static <T> T payload(IncomingEvent event, Class<T> type) {
        return event.json().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(event.payload());
    }
}
