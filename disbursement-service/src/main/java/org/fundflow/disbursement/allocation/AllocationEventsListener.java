package org.fundflow.disbursement.allocation;

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
 * Learns the allocations made to orgs and every movement. Nothing here assumes an order: a movement may arrive
 * before its allocation (it is stored anyway and counts once the allocation is known).
 */
@Component
class AllocationEventsListener {
    static final String CONSUMER = "disbursement.allocation";
    private static final Logger log = LoggerFactory.getLogger(AllocationEventsListener.class);

    private final IdempotentConsumer consumer;
    private final OrgAllocations allocations;

    AllocationEventsListener(IdempotentConsumer consumer, OrgAllocations allocations) {
        this.consumer = consumer;
        this.allocations = allocations;
    }

    @KafkaListener(topics = Topics.ALLOCATION, groupId = "disbursement-service")
    void on(ConsumerRecord<String, String> record) {
        consumer.consume(CONSUMER, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        switch (event.type()) {
            case Events.ALLOCATION_ISSUED -> {
                Events.AllocationIssued e = payload(event, Events.AllocationIssued.class);
                if (e.toOrg() != null) {
                    allocations.recordIssued(event.eventId(), event.occurredAt(), e);
                } else {
                    // Money held by a region is passed down, never paid from directly: no balance to keep.
                    log.debug("allocation {} goes to region {}: not an org allocation", e.allocationId(),
                            e.toRegion());
                }
            }
            case Events.ALLOCATION_ADJUSTED -> {
                Events.AllocationAdjusted e = payload(event, Events.AllocationAdjusted.class);
                allocations.recordMovement(event.eventId(), event.occurredAt(), e.allocationId(),
                        MovementKind.ADJUSTMENT, e.delta().cents(), e.effectiveOn(), e.docNo(), e.reason(), null);
            }
            case Events.ALLOCATION_RECOVERED -> {
                Events.AllocationRecovered e = payload(event, Events.AllocationRecovered.class);
                allocations.recordMovement(event.eventId(), event.occurredAt(), e.allocationId(),
                        MovementKind.RECOVERY, -e.amount().cents(), e.recoveredOn(), null, e.reason(), null);
            }
            case Events.ALLOCATION_CARRIED_OVER -> {
                Events.AllocationCarriedOver e = payload(event, Events.AllocationCarriedOver.class);
                allocations.recordMovement(event.eventId(), event.occurredAt(), e.allocationId(),
                        MovementKind.CARRY_OVER, -e.amount().cents(), e.carriedOn(), null, null, e.toFiscalYear());
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
