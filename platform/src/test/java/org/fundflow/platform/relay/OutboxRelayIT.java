package org.fundflow.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.fundflow.platform.outbox.OutboxWriter;
import org.fundflow.embedded.Infrastructure;
import org.fundflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay against a real PostgreSQL (logical decoding), the real Debezium engine and a real Kafka broker:
 * events are published once each, survive the relay being down, and only one replica streams at a time.
 */
class OutboxRelayIT {
    static String url;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static final JsonMapper json = JsonMapper.builder().findAndAddModules().build();
    static OutboxWriter writer;
    final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeAll
    static void database() {
        url = TestInfrastructure.database("platform_relay_test");
        DriverManagerDataSource ds = new DriverManagerDataSource(url, Infrastructure.USER, Infrastructure.PASSWORD);
        Flyway.configure().dataSource(ds).locations("classpath:db/platform").load().migrate();
        jdbc = new JdbcTemplate(ds);
        jdbc.execute("CREATE TABLE IF NOT EXISTS effect (event_id uuid PRIMARY KEY, applied_count int NOT NULL)");
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        writer = new OutboxWriter(jdbc, json, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
    }

    OutboxRelay relay(String name) {
        OutboxRelay relay = new OutboxRelay(new RelayProperties(true, name, Duration.ofMillis(300),
                Duration.ofSeconds(10)), url, Infrastructure.USER, Infrastructure.PASSWORD,
                TestInfrastructure.kafkaBootstrap(), json, new SimpleMeterRegistry());
        relays.add(relay);
        return relay;
    }

    List<UUID> write(String aggregateType, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tx.executeWithoutResult(s -> ids.add(writer.append(aggregateType, "agg-" + ids.size(), "ThingHappened",
                    "test", Map.of("n", ids.size())).eventId()));
        }
        return ids;
    }

    static KafkaConsumer<String, String> consumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        c.subscribe(List.of(topic));
        return c;
    }

    static List<ConsumerRecord<String, String>> drain(KafkaConsumer<String, String> c, int atLeast) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            c.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.size() >= atLeast;
        });
        // anything extra (a duplicate) would arrive right behind
        for (int i = 0; i < 5; i++) {
            c.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen;
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void publishesCommittedRowsWithHeadersAndKeyAndNothingOfARolledBackOne() {
        OutboxRelay relay = relay("pubtest");
        relay.start();
        try {
            tx.executeWithoutResult(s -> {
                writer.append("pubtest", "rolled-back", "ThingHappened", "test", Map.of("n", -1));
                s.setRollbackOnly();
            });
        } catch (RuntimeException ignored) {
            // rollback only
        }
        List<UUID> ids = write("pubtest", 3);
        try (KafkaConsumer<String, String> c = consumer("fundflow.pubtest")) {
            List<ConsumerRecord<String, String>> records = drain(c, 3);
            assertThat(records).hasSize(3);
            assertThat(records).extracting(r -> UUID.fromString(header(r, EventHeaders.EVENT_ID)))
                    .containsExactlyInAnyOrderElementsOf(ids);
            ConsumerRecord<String, String> first = records.stream()
                    .filter(r -> header(r, EventHeaders.EVENT_ID).equals(ids.get(0).toString())).findFirst().get();
            assertThat(first.key()).isEqualTo("agg-0");
            assertThat(header(first, EventHeaders.EVENT_TYPE)).isEqualTo("ThingHappened");
            assertThat(header(first, EventHeaders.CORRELATION_ID)).isNotBlank();
            var envelope = json.readTree(first.value());
            assertThat(envelope.path("eventId").asString()).isEqualTo(ids.get(0).toString());
            assertThat(envelope.path("payload").path("n").asInt()).isZero();
            assertThat(envelope.path("schemaVersion").asInt()).isEqualTo(1);
        }
    }

    @Test
    void rowsWrittenWhileTheRelayIsDownArriveAfterRestartAndAreAppliedExactlyOnce() {
        OutboxRelay first = relay("restarttest");
        first.start();
        List<UUID> before = write("restarttest", 5);
        try (KafkaConsumer<String, String> c = consumer("fundflow.restarttest")) {
            drain(c, 5);
        }
        first.stop();
        List<UUID> whileDown = write("restarttest", 20);
        OutboxRelay second = relay("restarttest");
        second.start();

        IdempotentConsumer consumer = new IdempotentConsumer(jdbc, tx, json, new SimpleMeterRegistry());
        Set<UUID> expected = new HashSet<>(before);
        expected.addAll(whileDown);
        try (KafkaConsumer<String, String> c = consumer("fundflow.restarttest")) {
            List<ConsumerRecord<String, String>> records = drain(c, 25);
            // deliver everything twice: redelivery must change nothing
            for (int round = 0; round < 2; round++) {
                for (ConsumerRecord<String, String> r : records) {
                    consumer.consume("relay-it", r, e -> jdbc.update("INSERT INTO effect (event_id, applied_count) "
                            + "VALUES (?, 1) ON CONFLICT (event_id) DO UPDATE SET applied_count = "
                            + "effect.applied_count + 1", e.eventId()));
                }
            }
            Set<UUID> seen = new HashSet<>();
            records.forEach(r -> seen.add(UUID.fromString(header(r, EventHeaders.EVENT_ID))));
            assertThat(seen).isEqualTo(expected);
        }
        for (UUID id : expected) {
            assertThat(jdbc.queryForObject("SELECT applied_count FROM effect WHERE event_id = ?", Integer.class, id))
                    .as("event %s applied once", id).isEqualTo(1);
        }
    }

    @Test
    void aBatchIsAppliedOnceEvenWhenRedeliveredWholeOrInPart() {
        OutboxRelay relay = relay("batchtest");
        relay.start();
        List<UUID> ids = write("batchtest", 30);
        IdempotentConsumer consumer = new IdempotentConsumer(jdbc, tx, json, new SimpleMeterRegistry());
        try (KafkaConsumer<String, String> c = consumer("fundflow.batchtest")) {
            List<ConsumerRecord<String, String>> records = drain(c, 30);
            java.util.function.Consumer<List<org.fundflow.platform.consumer.IncomingEvent>> effect = events ->
                    events.forEach(e -> jdbc.update("INSERT INTO effect (event_id, applied_count) VALUES (?, 1) "
                            + "ON CONFLICT (event_id) DO UPDATE SET applied_count = effect.applied_count + 1",
                            e.eventId()));
            assertThat(consumer.consumeBatch("batch-it", records.subList(0, 10), effect)).isEqualTo(10);
            // the whole poll again (a rebalance after a partial commit): only the 20 new ones apply
            assertThat(consumer.consumeBatch("batch-it", records, effect)).isEqualTo(20);
            assertThat(consumer.consumeBatch("batch-it", records, effect)).isZero();

            // an unreadable record in the middle: what comes before it is applied before the index is reported
            List<UUID> more = write("batchtest", 4);
            List<ConsumerRecord<String, String>> next = drain(c, 4);
            List<ConsumerRecord<String, String>> poisoned = new ArrayList<>(next.subList(0, 2));
            poisoned.add(new ConsumerRecord<>("fundflow.batchtest", 0, 0, "x", "not json"));
            poisoned.addAll(next.subList(2, 4));
            assertThatThrownBy(() -> consumer.consumeBatch("batch-it", poisoned, effect))
                    .isInstanceOfSatisfying(org.springframework.kafka.listener.BatchListenerFailedException.class,
                            e -> assertThat(e.getIndex()).isEqualTo(2));
            for (ConsumerRecord<String, String> r : next.subList(0, 2)) {
                assertThat(jdbc.queryForObject("SELECT applied_count FROM effect WHERE event_id = ?",
                        Integer.class, UUID.fromString(header(r, EventHeaders.EVENT_ID)))).isEqualTo(1);
            }
            assertThat(consumer.consumeBatch("batch-it", next.subList(2, 4), effect)).isEqualTo(2);
            ids.addAll(more);
        }
        for (UUID id : ids) {
            assertThat(jdbc.queryForObject("SELECT applied_count FROM effect WHERE event_id = ?", Integer.class, id))
                    .isEqualTo(1);
        }
    }

    @Test
    void onlyOneReplicaStreamsAndTheOtherTakesOverWhenItStops() {
        OutboxRelay a = relay("locktest");
        OutboxRelay b = relay("locktest");
        a.start();
        await().atMost(Duration.ofSeconds(30)).until(a::isStreaming);
        b.start();
        List<UUID> first = write("locktest", 3);
        try (KafkaConsumer<String, String> c = consumer("fundflow.locktest")) {
            assertThat(drain(c, 3)).hasSize(3);
            assertThat(b.isStreaming()).isFalse();
            a.stop();
            await().atMost(Duration.ofSeconds(60)).until(b::isStreaming);
            List<UUID> second = write("locktest", 4);
            List<ConsumerRecord<String, String>> more = drain(c, 4);
            assertThat(more).extracting(r -> UUID.fromString(header(r, EventHeaders.EVENT_ID)))
                    .containsExactlyInAnyOrderElementsOf(second).doesNotContainAnyElementsOf(first);
        }
    }
}
