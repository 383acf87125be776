package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

/** A malformed record never blocks its partition, and is never lost: it goes to the dead-letter topic. */
class PoisonMessageTest extends EvaluationServiceTest {

    @Test
    void invalidJsonGoesToTheDeadLetterTopicAndLaterEventsStillApply() {
        String program = uniqueProgram("poison");
        UUID allocation = UUID.randomUUID();
        String poison = "{\"eventId\": \"" + UUID.randomUUID() + "\", this is not JSON " + program;
        // Same key as the valid event after it: same partition, so the poison is really in its way.
        TestEvents.sendRaw(Topics.ALLOCATION, allocation.toString(), poison);
        issue(toRegion(allocation, null, program, 2023, Level.CENTRAL, "000000", "140000", "777777.77",
                LocalDate.of(2023, 2, 1)));

        eventually().untilAsserted(() -> assertThat(row(execution("programCode", program, "asOf", "2023-12-31"),
                allocation)).hasValueSatisfying(r -> assertThat(r.path("budget").asString()).isEqualTo("777777.77")));

        List<ConsumerRecord<String, String>> dead = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = deadLetterConsumer()) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.ALLOCATION)));
            eventually().until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (poison.equals(r.value())) {
                        dead.add(r);
                    }
                });
                return !dead.isEmpty();
            });
        }
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo(allocation.toString());
        assertThat(dead.get(0).headers().lastHeader("kafka_dlt-original-topic")).isNotNull();
    }

    private static KafkaConsumer<String, String> deadLetterConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
