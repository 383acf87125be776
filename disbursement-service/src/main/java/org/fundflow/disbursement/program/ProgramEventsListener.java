package org.fundflow.disbursement.program;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Learns programs (for their fund type). Programs are few, so one record per transaction is plenty. */
@Component
class ProgramEventsListener {
    static final String CONSUMER = "disbursement.program";
    private static final Logger log = LoggerFactory.getLogger(ProgramEventsListener.class);

    private final IdempotentConsumer consumer;
    private final ProgramFacts programs;

    ProgramEventsListener(IdempotentConsumer consumer, ProgramFacts programs) {
        this.consumer = consumer;
        this.programs = programs;
    }

    @KafkaListener(topics = Topics.PROGRAM, groupId = "disbursement-service")
    void on(ConsumerRecord<String, String> record) {
        consumer.consume(CONSUMER, record, event -> {
            if (Events.PROGRAM_REGISTERED.equals(event.type())) {
                programs.record(event.eventId(), event.payloadAs(Events.ProgramRegistered.class));
            } else {
                log.debug("ignoring {} {}: not an event this consumer uses", event.type(), event.eventId());
            }
        });
    }
}
