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

/** Org registrations and renames, for the names and regions the public tables (部门决算公开) print. */
@Component
class OrgEventsListener {
    static final String CONSUMER = "reporting.org";
    private static final Logger log = LoggerFactory.getLogger(OrgEventsListener.class);

    private final IdempotentConsumer consumer;
    private final OrgFacts orgs;

    OrgEventsListener(IdempotentConsumer consumer, OrgFacts orgs) {
        this.consumer = consumer;
        this.orgs = orgs;
    }

    @KafkaListener(topics = Topics.ORG, groupId = "reporting-service")
    void on(ConsumerRecord<String, String> record) {
        consumer.consume(CONSUMER, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        if (Events.ORG_REGISTERED.equals(event.type()) || Events.ORG_UPDATED.equals(event.type())) {
            orgs.record(event.eventId(), event.occurredAt(), event.payloadAs(Events.OrgRegistered.class));
        } else {
            log.debug("ignoring {} {}: not an event this consumer uses", event.type(), event.eventId());
        }
    }
}
