package org.fundflow.dashboard.live;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payments and allocations change the figures the dashboard shows. No database and no deduplication: a duplicate
 * only makes a browser refresh once more.
 */
@Component
class ChangeListener {
    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

    private final LiveFeed feed;
    private final JsonMapper json;

    ChangeListener(LiveFeed feed, JsonMapper json) {
        this.feed = feed;
        this.json = json;
    }

    @KafkaListener(topics = {Topics.PAYMENT, Topics.ALLOCATION})
    void on(ConsumerRecord<String, String> record) {
        Nudge nudge = Nudges.from(record, json);
        if (nudge == null) {
            log.debug("skipped an unreadable record at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        feed.publish(nudge);
    }
}
