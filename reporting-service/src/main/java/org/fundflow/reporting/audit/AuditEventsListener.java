package org.fundflow.reporting.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.fundflow.platform.consumer.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event on every fundflow topic into the audit trail, in its own consumer group (the facts' consumers and
 * this one never hold each other up), a whole poll per transaction and per statement: the payment topic alone
 * carries ten thousand events a second.
 *
 * <p>Nothing is dead-lettered for its content: an event the trail cannot read is still recorded, as an
 * {@code unreadable} entry under its id (the fact consumers dead-letter it for repair). Only a failing database
 * makes the poll retry.
 */
@Component
class AuditEventsListener {
    static final String CONSUMER = "reporting.audit";
    static final String GROUP = "reporting-audit";
    /** The listener container's id, e.g. to pause it in a test. */
    static final String LISTENER_ID = "reporting-audit";
    private static final Logger log = LoggerFactory.getLogger(AuditEventsListener.class);

    private final IdempotentConsumer consumer;
    private final AuditEntries entries;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    AuditEventsListener(IdempotentConsumer consumer, AuditEntries entries, TransactionTemplate tx, JsonMapper json) {
        this.consumer = consumer;
        this.entries = entries;
        this.tx = tx;
        // the contract only ever adds fields: the trail reads envelopes as tolerantly as every other consumer
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP, batch = "true", properties = "max.poll.records=2000",
            topics = {Topics.ALLOCATION, Topics.PROGRAM, Topics.ORG, Topics.PAYMENT, Topics.EVALUATION})
    void on(List<ConsumerRecord<String, String>> records) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>(records.size());
        Map<UUID, AuditEntry> read = new HashMap<>(records.size() * 2);
        List<AuditEntry> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            AuditEntry entry = AuditEntry.read(record, json);
            if (entry.readable()) {
                readable.add(record);
                read.putIfAbsent(entry.eventId(), entry);
            } else {
                unreadable.add(entry);
            }
        }
        consumer.consumeBatch(CONSUMER, readable, events -> entries.append(entriesOf(events, read)));
        if (!unreadable.isEmpty()) {
            // not through processed_event (the platform cannot parse them); the entry's primary key deduplicates
            tx.executeWithoutResult(status -> entries.append(unreadable));
            log.warn("{} unreadable event(s) recorded in the audit trail, e.g. {}", unreadable.size(),
                    unreadable.get(0).summary());
        }
    }

    private static List<AuditEntry> entriesOf(List<IncomingEvent> events, Map<UUID, AuditEntry> read) {
        List<AuditEntry> out = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            AuditEntry entry = read.get(event.eventId());
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }
}
