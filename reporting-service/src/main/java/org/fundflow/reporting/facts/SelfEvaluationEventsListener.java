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

/**
 * Self-evaluations (绩效自评) submitted and scored by evaluation-service, for the published 项目支出绩效自评表. Low
 * volume (a few per org and year), so one record per transaction.
 */
@Component
class SelfEvaluationEventsListener {
    static final String CONSUMER = "reporting.evaluation";
    private static final Logger log = LoggerFactory.getLogger(SelfEvaluationEventsListener.class);

    private final IdempotentConsumer consumer;
    private final SelfEvaluationFacts facts;

    SelfEvaluationEventsListener(IdempotentConsumer consumer, SelfEvaluationFacts facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @KafkaListener(topics = Topics.EVALUATION, groupId = "reporting-service")
    void on(ConsumerRecord<String, String> record) {
        consumer.consume(CONSUMER, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        if (Events.SELF_EVALUATION_SUBMITTED.equals(event.type())) {
            facts.recordSubmitted(event.eventId(), event.occurredAt(),
                    event.payloadAs(Events.SelfEvaluationSubmitted.class), event.payload().toString());
        } else if (Events.SELF_EVALUATION_SCORED.equals(event.type())) {
            facts.recordScored(event.eventId(), event.occurredAt(),
                    event.payloadAs(Events.SelfEvaluationScored.class), event.payload().toString());
        } else {
            log.debug("ignoring {} {}: not an event this consumer uses", event.type(), event.eventId());
        }
    }
}
