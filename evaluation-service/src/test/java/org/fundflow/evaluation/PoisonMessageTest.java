package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.payment;
import static org.fundflow.evaluation.TestEvents.toOrg;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** A malformed record never blocks its partition, and is never lost: it goes to the dead-letter topic. */
class PoisonMessageTest extends EvaluationServiceTest {

    @Autowired
    private KafkaListenerEndpointRegistry registry;

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

    /**
     * One poll of payments with an unreadable record and an invalid payment in the middle: both are dead-lettered,
     * every valid payment around them counts once (including those before the bad records, whose offsets the
     * error handler commits as done).
     */
    @Test
    void badPaymentsInABatchAreDeadLetteredAndTheRestOfThePollCounts() {
        String program = uniqueProgram("poison-payments");
        UUID allocation = UUID.randomUUID();
        issue(toOrg(allocation, null, program, 2023, Level.COUNTY, "140702", "140702-P", "榆次区医疗保障局", "140702",
                "1000000.00", LocalDate.of(2023, 1, 5)));
        String poison = "{\"eventId\": \"" + UUID.randomUUID() + "\", not JSON at all " + program;
        // Keyed by the allocation so they share a partition and keep this order within the poll.
        List<EventEnvelope<?>> first = payments(allocation, program, 40, "100.01");
        List<EventEnvelope<?>> second = payments(allocation, program, 40, "200.02");
        List<EventEnvelope<?>> third = payments(allocation, program, 40, "300.03");
        var negative = TestEvents.envelope(Topics.PAYMENT_AGGREGATE, allocation.toString(), Events.PAYMENT_RECORDED,
                payment(allocation, "140702-P", "140702", program, 2023, "-5.00", LocalDate.of(2023, 3, 1), "负数"));
        MessageListenerContainer container = registry.getListenerContainer("evaluation.payment");
        try {
            container.stop();
            TestEvents.sendAll(first);
            TestEvents.sendRaw(Topics.PAYMENT, allocation.toString(), poison);
            TestEvents.sendAll(second);
            TestEvents.send(negative);
            TestEvents.sendAll(third);
        } finally {
            container.start();
        }
        List<UUID> valid = new ArrayList<>();
        for (List<EventEnvelope<?>> part : List.of(first, second, third)) {
            part.forEach(e -> valid.add(e.eventId()));
        }
        eventually().until(() -> processedCount("evaluation.payment", valid) == valid.size());
        eventually().untilAsserted(() -> assertThat(row(execution("programCode", program, "asOf", "2023-12-31"),
                allocation).orElseThrow().path("executed").asString()).isEqualTo("24002.40")); // 40 × 600.06
        assertThat(processed("evaluation.payment", negative.eventId())).isFalse();

        List<String> dead = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = deadLetterConsumer()) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.PAYMENT)));
            eventually().until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> dead.add(r.value()));
                return dead.contains(poison) && dead.stream().anyMatch(v -> v.contains(negative.eventId().toString()));
            });
        }
        assertThat(dead.stream().filter(poison::equals)).hasSize(1);
        Integer facts = jdbc.queryForObject("SELECT count(*) FROM payment_fact WHERE allocation_id = ?",
                Integer.class, allocation);
        assertThat(facts).isEqualTo(120);
    }

    private static List<EventEnvelope<?>> payments(UUID allocation, String program, int n, String amount) {
        List<EventEnvelope<?>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(TestEvents.envelope(Topics.PAYMENT_AGGREGATE, allocation.toString(), Events.PAYMENT_RECORDED,
                    payment(allocation, "140702-P", "140702", program, 2023, amount, LocalDate.of(2023, 3, 1),
                            "受益人" + i)));
        }
        return list;
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
