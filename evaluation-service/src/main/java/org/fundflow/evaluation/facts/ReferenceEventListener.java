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

/** Program and org names, so the progress rows show current names (an org may be renamed after it was funded). */
@Component
class ReferenceEventListener {
    static final String PROGRAM_CONSUMER = "evaluation.program";
    static final String ORG_CONSUMER = "evaluation.org";
    private static final Logger log = LoggerFactory.getLogger(ReferenceEventListener.class);

    private final IdempotentConsumer consumer;
    private final FactStore facts;

    ReferenceEventListener(IdempotentConsumer consumer, FactStore facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @KafkaListener(topics = Topics.PROGRAM, groupId = "evaluation-service")
    void onProgram(ConsumerRecord<String, String> record) {
        consumer.consume(PROGRAM_CONSUMER, record, this::applyProgram);
    }

    @KafkaListener(topics = Topics.ORG, groupId = "evaluation-service")
    void onOrg(ConsumerRecord<String, String> record) {
        consumer.consume(ORG_CONSUMER, record, this::applyOrg);
    }

    private void applyProgram(IncomingEvent event) {
        if (Events.PROGRAM_REGISTERED.equals(event.type())) {
            facts.program(event, Payloads.read(event, Events.ProgramRegistered.class));
        } else {
            log.debug("ignoring {} event {} (not used by evaluation)", event.type(), event.eventId());
        }
    }

    private void applyOrg(IncomingEvent event) {
        if (Events.ORG_REGISTERED.equals(event.type()) || Events.ORG_UPDATED.equals(event.type())) {
            facts.org(event, Payloads.read(event, Events.OrgRegistered.class));
        } else {
            log.debug("ignoring {} event {} (not used by evaluation)", event.type(), event.eventId());
        }
    }
}
