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

/** Program registrations, for the names and fund types the execution tables print. */
@Component
class ProgramEventsListener {
    static final String CONSUMER = "reporting.program";
    private static final Logger log = LoggerFactory.getLogger(ProgramEventsListener.class);

    private final IdempotentConsumer consumer;
    private final ProgramFacts programs;

    ProgramEventsListener(IdempotentConsumer consumer, ProgramFacts programs) {
        this.consumer = consumer;
        this.programs = programs;
    }

    @KafkaListener(topics = Topics.PROGRAM, groupId = "reporting-service")
    void on(ConsumerRecord<String, String> record) {
        consumer.consume(CONSUMER, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        if (Events.PROGRAM_REGISTERED.equals(event.type())) {
            programs.recordRegistered(event.eventId(), event.payloadAs(Events.ProgramRegistered.class));
        } else {
            log.debug("ignoring {} {}: not an event this consumer uses", event.type(), event.eventId());
        }
    }
}
