package org.fundflow.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fundflow.reporting.AllocationEvents.pay;
import static org.fundflow.reporting.AllocationEvents.recorded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.reporting.ReportingServiceTestBase;
import org.fundflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The payment consumer itself: its throughput on a backlog, and what it does with an event it cannot use. Uses
 * fiscal year 2019 (no other test of the module does).
 */
class PaymentConsumptionTest extends ReportingServiceTestBase {
    private static final Logger log = LoggerFactory.getLogger(PaymentConsumptionTest.class);
    private static final int BACKLOG = 60_000;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private JdbcTemplate jdbc;

    /**
     * A backlog that built up while the consumer was stopped is stored exactly, a poll at a time (one statement
     * per poll and table). The rate it achieved is logged for information only: speed targets are judged by the
     * benchmark in bench/, on a quiet machine against a baseline of the same run, never by a timed test.
     */
    @Test
    void a_backlog_built_while_stopped_is_stored_exactly_in_batches() {
        backlogRate(1);
    }

    private double backlogRate(int run) {
        String program = uniqueProgram("TP2019-RUN" + run);
        List<EventEnvelope<Events.PaymentRecorded>> backlog = payments(program, BACKLOG);
        MessageListenerContainer container = listeners.getListenerContainer(PaymentEventsListener.LISTENER_ID);
        assertThat(container).isNotNull();
        container.stop();
        try {
            events().publishAll(backlog);
        } finally {
            container.start();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> stored(program) == BACKLOG);
        // Timed by the database, so polling from here does not compete with the consumer for the CPU: each poll's
        // rows carry their transaction's start (recorded_at = now()). From the first poll's start to the last
        // poll's start, every row but the first poll's was stored.
        var span = jdbc.queryForMap("SELECT min(recorded_at) AS first, max(recorded_at) AS last, "
                + "count(*) FILTER (WHERE recorded_at = (SELECT min(recorded_at) FROM payment_fact "
                + "WHERE fiscal_year = 2019 AND program_code = ?)) AS in_first, sum(amount_cents) AS cents "
                + "FROM payment_fact WHERE fiscal_year = 2019 AND program_code = ?", program, program);
        assertThat(((Number) span.get("cents")).longValue()).isEqualTo(1234L * BACKLOG);
        double seconds = Duration.between(((java.sql.Timestamp) span.get("first")).toInstant(),
                ((java.sql.Timestamp) span.get("last")).toInstant()).toNanos() / 1e9;
        long inFirst = ((Number) span.get("in_first")).longValue();
        double rate = (BACKLOG - inFirst) / seconds;
        log.info("run {}: backlog of {} payments: {} in the first poll, the other {} in {} ms: {} payments/s", run,
                BACKLOG, inFirst, BACKLOG - inFirst, Math.round(seconds * 1000), Math.round(rate));
        return rate;
    }

    /**
     * An event that cannot be stored (here a PaymentRecorded without an amount) goes to fundflow.payment.DLT after
     * its retries, alone: the payments before and after it on the same partition are stored exactly once.
     */
    @Test
    void an_unusable_payment_is_dead_lettered_alone() throws Exception {
        String program = uniqueProgram("DLT2019");
        String key = UUID.randomUUID().toString();
        Events.PaymentRecorded before = pay(UUID.randomUUID(), program, 2019, "DLT-ORG", "142400")
                .amount("100.00", "2019-05-01").build();
        Events.PaymentRecorded after = pay(UUID.randomUUID(), program, 2019, "DLT-ORG", "142400")
                .amount("200.00", "2019-05-02").build();
        UUID badEventId = UUID.randomUUID();
        String bad = "{\"eventId\":\"" + badEventId + "\",\"type\":\"PaymentRecorded\",\"schemaVersion\":1,"
                + "\"aggregateType\":\"payment\",\"aggregateId\":\"" + key + "\",\"occurredAt\":\"2019-05-01T00:00:00Z\","
                + "\"payload\":{\"paymentId\":\"" + UUID.randomUUID() + "\",\"programCode\":\"" + program
                + "\",\"fiscalYear\":2019,\"paidOn\":\"2019-05-01\"}}";

        try (KafkaConsumer<String, String> dlt = dltConsumer();
                KafkaProducer<String, String> producer = producer()) {
            // One key: one partition, in this order.
            producer.send(record(key, recorded(before))).get();
            ProducerRecord<String, String> poison = new ProducerRecord<>(Topics.PAYMENT, key, bad);
            poison.headers().add(EventHeaders.EVENT_ID, badEventId.toString().getBytes(StandardCharsets.UTF_8));
            poison.headers().add(EventHeaders.EVENT_TYPE, Events.PAYMENT_RECORDED.getBytes(StandardCharsets.UTF_8));
            producer.send(poison).get();
            producer.send(record(key, recorded(after))).get();

            await().atMost(Duration.ofSeconds(60)).until(() -> stored(program) == 2);
            Long cents = jdbc.queryForObject("SELECT SUM(amount_cents) FROM payment_fact WHERE fiscal_year = 2019 "
                    + "AND program_code = ?", Long.class, program);
            assertThat(cents).isEqualTo(30000L);

            List<String> deadLettered = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : dlt.poll(Duration.ofMillis(200))) {
                    deadLettered.add(r.value());
                }
                assertThat(deadLettered).anySatisfy(v -> assertThat(v).contains(badEventId.toString()));
            });
            assertThat(deadLettered).noneSatisfy(v -> assertThat(v).contains(before.paymentId().toString()));
            assertThat(deadLettered).noneSatisfy(v -> assertThat(v).contains(after.paymentId().toString()));
        }
    }

    private long stored(String program) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM payment_fact WHERE fiscal_year = 2019 AND program_code = ?",
                Long.class, program);
        return n == null ? 0 : n;
    }

    private static List<EventEnvelope<Events.PaymentRecorded>> payments(String program, int n) {
        UUID allocation = UUID.randomUUID();
        List<EventEnvelope<Events.PaymentRecorded>> envelopes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            envelopes.add(recorded(pay(allocation, program, 2019, "TP-ORG-" + (i % 50), "142400")
                    .amount("12.34", "2019-06-01").build()));
        }
        return envelopes;
    }

    private static ProducerRecord<String, String> record(String key, EventEnvelope<?> envelope) {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.PAYMENT, key, JSON.writeValueAsString(envelope));
        r.headers().add(EventHeaders.EVENT_ID, envelope.eventId().toString().getBytes(StandardCharsets.UTF_8));
        r.headers().add(EventHeaders.EVENT_TYPE, envelope.type().getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> dltConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(Topics.deadLetter(Topics.PAYMENT)));
        return consumer;
    }
}
