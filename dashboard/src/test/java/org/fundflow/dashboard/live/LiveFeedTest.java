package org.fundflow.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.dashboard.DashboardTest;
import org.fundflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Events on the real topics reach a browser connected to /api/live/execution as small, coalesced nudges. */
class LiveFeedTest extends DashboardTest {
    static final JsonMapper json = JsonMapper.builder().build();
    static KafkaProducer<String, String> producer;

    @Autowired
    LiveFeedReadiness readiness;
    @Autowired
    LiveFeed feed;

    @BeforeEach
    void listening() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer());
        }
        // a fresh group starts at the end: only what is produced after the assignment is seen
        await().atMost(Duration.ofSeconds(30)).until(readiness::listening);
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
        }
    }

    static void send(String topic, String type, String aggregateId, Map<String, Object> payload) {
        Map<String, Object> envelope = Map.of("eventId", UUID.randomUUID().toString(), "type", type,
                "schemaVersion", 1, "aggregateType", topic.substring(Topics.PREFIX.length()), "aggregateId",
                aggregateId, "occurredAt", "2026-11-22T08:00:00Z", "recordedBy", "test", "correlationId", "c-1",
                "payload", payload);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, aggregateId,
                json.writeValueAsString(envelope));
        record.headers().add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    static Map<String, Object> payment(String allocationId, String programCode, int fiscalYear) {
        return Map.of("paymentId", UUID.randomUUID().toString(), "allocationId", allocationId, "payerOrg",
                "140700-208", "payerOrgRegion", "140700", "programCode", programCode, "fiscalYear", fiscalYear,
                "fundType", "GENERAL_BUDGET", "amount", "150000.00", "paidOn", "2020-10-20", "functionCode",
                "2101399");
    }

    /** The next change event whose data satisfies the filter (earlier ones, e.g. from other tests, are skipped). */
    static JsonNode nextChange(SseClient client, java.util.function.Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event e = client.next(Duration.ofMillis(500));
            if (e != null && e.name().equals(LiveFeed.CHANGE)) {
                JsonNode data = json.readTree(e.data());
                if (wanted.test(data)) {
                    return data;
                }
            }
        }
        throw new AssertionError("no matching change event within 10 s");
    }

    /** Waits until no change has arrived for a second. */
    static void quiet(SseClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.next(Duration.ofSeconds(1)) != null) {
            assertThat(System.nanoTime()).as("a quiet second").isLessThan(deadline);
        }
    }

    static SseClient open(java.net.URI uri) throws Exception {
        SseClient client = new SseClient(uri);
        assertThat(client.status).isEqualTo(200);
        assertThat(client.headers.get("content-type")).startsWith("text/event-stream");
        SseClient.Event hello = client.next(Duration.ofSeconds(5));
        assertThat(hello).isNotNull();
        assertThat(hello.name()).isEqualTo(LiveFeed.HELLO);
        assertThat(json.readTree(hello.data()).path("coalesceMillis").asInt()).isEqualTo(200);
        return client;
    }

    @Test
    void aRecordedPaymentReachesAConnectedBrowserAsOneSmallNudge() throws Exception {
        String allocationId = UUID.randomUUID().toString();
        try (SseClient client = open(uri("/api/live/execution"))) {
            send(Topics.PAYMENT, Events.PAYMENT_RECORDED, UUID.randomUUID().toString(),
                    payment(allocationId, "JZ-DBYLHZ", 2020));
            producer.flush();

            JsonNode change = nextChange(client, d -> allocationId.equals(d.path("allocationId").asString()));
            assertThat(change.path("type").asString()).isEqualTo("PaymentRecorded");
            assertThat(change.path("programCode").asString()).isEqualTo("JZ-DBYLHZ");
            assertThat(change.path("fiscalYear").asInt()).isEqualTo(2020);
            assertThat(change.path("count").asInt()).isEqualTo(1);
            assertThat(change.propertyNames()).containsExactlyInAnyOrder("type", "programCode", "fiscalYear",
                    "allocationId", "count");
        }
    }

    @Test
    void allocationEventsNudgeToo() throws Exception {
        String allocationId = UUID.randomUUID().toString();
        try (SseClient client = open(uri("/api/live/execution"))) {
            send(Topics.ALLOCATION, Events.ALLOCATION_ADJUSTED, allocationId, Map.of("allocationId", allocationId,
                    "delta", "-50000.00", "docNo", "晋财社〔2024〕9号", "effectiveOn", "2024-05-01", "reason", "调减"));
            producer.flush();

            JsonNode change = nextChange(client, d -> allocationId.equals(d.path("allocationId").asString()));
            assertThat(change.path("type").asString()).isEqualTo("AllocationAdjusted");
            // an adjustment names no program or year: the browser refreshes whatever it shows
            assertThat(change.path("programCode").isNull()).isTrue();
            assertThat(change.path("fiscalYear").isNull()).isTrue();
        }
    }

    @Test
    void aBurstIsCoalescedToAtMostFiveMessagesASecondAndLosesNoChange() throws Exception {
        String program = "BURST-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient client = open(uri("/api/live/execution"))) {
            // changes are merged globally: let events of earlier tests pass first, so the burst is alone
            quiet(client);
            for (int i = 0; i < 300; i++) {
                send(Topics.PAYMENT, Events.PAYMENT_RECORDED, UUID.randomUUID().toString(),
                        payment(UUID.randomUUID().toString(), program, 2022));
            }
            producer.flush();

            List<Long> arrivals = new ArrayList<>();
            int seen = 0;
            while (seen < 300) {
                JsonNode change = nextChange(client, d -> true);
                arrivals.add(System.nanoTime());
                assertThat(change.path("programCode").asString()).isEqualTo(program);
                seen += change.path("count").asInt();
                assertThat(change.path("type").asString()).isEqualTo("PaymentRecorded");
                assertThat(change.path("fiscalYear").asInt()).isEqualTo(2022);
                if (change.path("count").asInt() > 1) {
                    assertThat(change.path("allocationId").isNull()).as("several allocations: not one named")
                            .isTrue();
                }
            }
            assertThat(seen).isEqualTo(300);
            assertThat(arrivals.size()).as("messages for 300 changes").isLessThan(300);
            // at most 5 in any second (one more allowed for network jitter bunching two arrivals)
            for (int i = 0; i < arrivals.size(); i++) {
                long start = arrivals.get(i);
                long within = arrivals.stream().filter(t -> t >= start && t < start + 1_000_000_000L).count();
                assertThat(within).as("messages within 1 s of message %d", i).isLessThanOrEqualTo(6);
            }
        }
    }

    @Test
    void unreadableRecordsAreSkippedAndTheFeedGoesOn() throws Exception {
        String allocationId = UUID.randomUUID().toString();
        try (SseClient client = open(uri("/api/live/execution"))) {
            producer.send(new ProducerRecord<>(Topics.PAYMENT, "x", "not json {"));
            producer.send(new ProducerRecord<>(Topics.PAYMENT, "y", null));
            send(Topics.PAYMENT, Events.PAYMENT_RECORDED, UUID.randomUUID().toString(),
                    payment(allocationId, "JZ-CXYLJZ", 2020));
            producer.flush();

            JsonNode change = nextChange(client, d -> allocationId.equals(d.path("allocationId").asString()));
            assertThat(change.path("programCode").asString()).isEqualTo("JZ-CXYLJZ");
        }
    }

    @Test
    void aBrowserThatLeavesIsForgotten() throws Exception {
        // the clients of the other tests have closed their connections too: they go the same way
        awaitClients(0);
        SseClient client = open(uri("/api/live/execution"));
        assertThat(feed.clients()).isEqualTo(1);
        client.close();
        awaitClients(0);
    }

    /** Writing to a closed connection fails (a write or two after the close) and drops its emitter. */
    void awaitClients(int expected) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
            send(Topics.PAYMENT, Events.PAYMENT_RECORDED, UUID.randomUUID().toString(),
                    payment(UUID.randomUUID().toString(), "JZ-DBYLHZ", 2020));
            producer.flush();
            return feed.clients() == expected;
        });
    }
}
