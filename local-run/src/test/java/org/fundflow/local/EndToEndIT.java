package org.fundflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fundflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as a user runs it: five services on real PostgreSQL and Kafka, events carried by the Debezium
 * relay, every call through the gateway. One system for the class: starting it is the expensive part.
 */
class EndToEndIT {
    static LocalSystem system;
    /** Each write is made by its rightful user (dev tokens from the local gateway); reads by a national supervisor. */
    static DevTokens tokens;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        tokens = new DevTokens(system.gateway(), "e2e");
    }

    static HttpResponse<String> call(String method, String path, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(system.gateway().resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode write(String token, String method, String path, Object body) throws Exception {
        HttpResponse<String> r = call(method, path, body, Map.of("Idempotency-Key", UUID.randomUUID().toString(),
                "Authorization", "Bearer " + token));
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return json.readTree(r.body());
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, null, Map.of("Authorization",
                "Bearer " + tokens.supervisor("000000")));
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static JsonNode row(JsonNode execution, String allocationId) {
        return StreamSupport.stream(execution.path("rows").spliterator(), false)
                .filter(r -> r.path("allocationId").asString().equals(allocationId)).findFirst().orElse(null);
    }

    static Map<String, Object> allocation(String program, String from, String toKey, String to, String amount,
            String parent, String issuedOn) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("programCode", program, "fiscalYear", 2024,
                "fromRegion", from, toKey, to, "amount", amount, "docNo", "E2E〔2024〕1号", "issuedOn", issuedOn,
                "functionCode", "2101301"));
        if (parent == null) {
            body.put("sourceLevel", "CENTRAL");
        } else {
            body.put("parentAllocationId", parent);
        }
        return body;
    }

    @Test
    void aCentralToCountyChainShowsExactFiguresInEvaluationAndReporting() throws Exception {
        String program = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
        write(tokens.financeBureau("000000"), "POST", "/api/programs", Map.of("code", program, "name", "端到端测试 医疗救助", "fiscalYear", 2024,
                "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        write(tokens.financeBureau("140702"), "PUT", "/api/orgs/E2E-YC-YBJ", Map.of("name", "榆次区医疗保障局",
                "regionCode", "140702"));
        String central = write(tokens.financeBureau("000000"), "POST", "/api/allocations",
                allocation(program, "000000", "toRegion", "140000",
                "1000000.00", null, "2024-03-01")).path("allocationId").asString();
        String province = write(tokens.financeBureau("140000"), "POST", "/api/allocations",
                allocation(program, "140000", "toRegion", "140700",
                "600000.00", central, "2024-03-10")).path("allocationId").asString();
        String city = write(tokens.financeBureau("140700"), "POST", "/api/allocations",
                allocation(program, "140700", "toRegion", "140702",
                "250000.50", province, "2024-03-20")).path("allocationId").asString();
        String county = write(tokens.financeBureau("140702"), "POST", "/api/allocations",
                allocation(program, "140702", "toOrg", "E2E-YC-YBJ",
                "100000.25", city, "2024-03-25")).path("allocationId").asString();
        long written = System.nanoTime();

        String query = "/api/execution?programCode=" + program + "&fiscalYear=2024&asOf=2024-06-30";
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> get(query).path("rows").size() == 4);
        long visibleMillis = (System.nanoTime() - written) / 1_000_000;
        System.out.println("[e2e] allocation chain visible in evaluation " + visibleMillis + " ms after the last 201");

        JsonNode execution = get(query);
        assertThat(row(execution, central).path("budget").asString()).isEqualTo("1000000.00");
        assertThat(row(execution, central).path("distributed").asString()).isEqualTo("600000.00");
        assertThat(row(execution, central).path("distributionRate").asString()).isEqualTo("0.6000");
        assertThat(row(execution, central).path("executed").asString()).isEqualTo("0.00");
        assertThat(row(execution, province).path("distributed").asString()).isEqualTo("250000.50");
        assertThat(row(execution, province).path("undistributed").asString()).isEqualTo("349999.50");
        assertThat(row(execution, city).path("distributed").asString()).isEqualTo("100000.25");
        assertThat(row(execution, city).path("distributionRate").asString()).isEqualTo("0.4000");
        assertThat(row(execution, county).path("budget").asString()).isEqualTo("100000.25");
        assertThat(row(execution, county).path("toOrg").asString()).isEqualTo("E2E-YC-YBJ");

        String ledger = "/api/reports/fund-flow?programCode=" + program + "&fiscalYear=2024";
        await().atMost(Duration.ofSeconds(20)).until(() -> depth(get(ledger).path("roots")) == 4);
        JsonNode flow = get(ledger);
        assertThat(flow.path("totals").path("budget").asString()).isEqualTo("1000000.00");
        JsonNode root = flow.path("roots").get(0);
        assertThat(root.path("allocationId").asString()).isEqualTo(central);
        JsonNode leaf = root.path("children").get(0).path("children").get(0).path("children").get(0);
        assertThat(leaf.path("allocationId").asString()).isEqualTo(county);
        assertThat(leaf.path("budget").asString()).isEqualTo("100000.25");
        assertThat(root.path("children").get(0).path("undistributed").asString()).isEqualTo("349999.50");

        HttpResponse<String> csv = call("GET", ledger + "&format=csv", null, Map.of()); // public: no token
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(5); // header + 4 allocations

        JsonNode orgBalance = get("/api/org-allocations/" + county);
        assertThat(orgBalance.path("budget").asString()).isEqualTo("100000.25");
        assertThat(orgBalance.path("available").asString()).isEqualTo("100000.25");
    }

    static int depth(JsonNode nodes) {
        int max = 0;
        for (JsonNode n : nodes) {
            max = Math.max(max, 1 + depth(n.path("children")));
        }
        return max;
    }

    @Test
    void theCorrelationIdOfTheRequestTravelsWithTheEvent() throws Exception {
        String program = "E2E-C-" + UUID.randomUUID().toString().substring(0, 8);
        write(tokens.financeBureau("000000"), "POST", "/api/programs", Map.of("code", program, "name", "关联号测试", "fiscalYear", 2024,
                "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        String correlationId = "e2e-" + UUID.randomUUID();
        HttpResponse<String> created = call("POST", "/api/allocations", allocation(program, "000000", "toRegion",
                "430000", "5000.00", null, "2024-02-01"), Map.of("Idempotency-Key", UUID.randomUUID().toString(),
                        "X-Correlation-Id", correlationId, "Authorization", "Bearer " + tokens.financeBureau("000000")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Correlation-Id")).contains(correlationId);
        String id = json.readTree(created.body()).path("allocationId").asString();

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("fundflow.allocation"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return !mine.isEmpty();
            });
        }
        ConsumerRecord<String, String> event = mine.get(0);
        assertThat(new String(event.headers().lastHeader("correlationId").value(), StandardCharsets.UTF_8))
                .isEqualTo(correlationId);
        assertThat(new String(event.headers().lastHeader("eventType").value(), StandardCharsets.UTF_8))
                .isEqualTo("AllocationIssued");
        JsonNode envelope = json.readTree(event.value());
        // the audit trail: who (the token's subject, role and scope), from where (the address the gateway saw)
        assertThat(envelope.path("recordedBy").asString()).isEqualTo("e2e-finance-000000");
        assertThat(envelope.path("actor").path("subject").asString()).isEqualTo("e2e-finance-000000");
        assertThat(envelope.path("actor").path("role").asString()).isEqualTo("FINANCE_BUREAU");
        assertThat(envelope.path("actor").path("region").asString()).isEqualTo("000000");
        assertThat(envelope.path("actor").path("clientAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void metricsOfThePipelineAreExposedForPrometheus() throws Exception {
        aCentralToCountyChainShowsExactFiguresInEvaluationAndReporting();
        String budget = scrape("budget");
        assertThat(budget).contains("fundflow_outbox_appended_total{", "fundflow_relay_published_total{",
                "fundflow_relay_lag_seconds", "fundflow_relay_active 1.0");
        String evaluation = scrape("evaluation");
        assertThat(evaluation).contains("fundflow_events_consumed_total{", "outcome=\"applied\"",
                "kafka_consumer_fetch_manager_records_lag_max");
        for (String service : List.of("budget", "disbursement", "evaluation", "reporting", "gateway")) {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(system.uri(service)
                    .resolve("/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(service + " readiness").isEqualTo(200);
        }
    }

    static String scrape(String service) throws Exception {
        return http.send(HttpRequest.newBuilder(system.uri(service).resolve("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aRejectedWriteThroughTheGatewayIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> r = call("POST", "/api/allocations", Map.of("programCode", "X", "fiscalYear", 2024,
                "fromRegion", "000000", "toRegion", "140000", "amount", "12.345", "docNo", "d",
                "issuedOn", "2024-01-01", "functionCode", "2101301"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString(),
                        "Authorization", "Bearer " + tokens.financeBureau("000000")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(json.readTree(r.body()).path("field").asString()).isEqualTo("amount");
    }

    @Test
    void theDemoDataLoadsThroughTheGatewayAndMatchesTheFixtures() throws Exception {
        DemoData.Loaded loaded = new DemoData(system.gateway()).load();
        assertThat(loaded.orgs()).isEqualTo(3);
        assertThat(loaded.programs()).isEqualTo(10);
        // loading again is a no-op: every write replays its Idempotency-Key
        assertThat(new DemoData(system.gateway()).load().allocationIds()).isEqualTo(loaded.allocationIds());

        // 晋中 2020 大病医疗互助: 市财政 → 市总工会 140万 (fixture FF006)
        String daBing = loaded.allocationIds().get("2020/JZ-DBYLHZ/0");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                row(get("/api/execution?programCode=JZ-DBYLHZ&fiscalYear=2020"), daBing) != null);
        JsonNode daBingRow = row(get("/api/execution?programCode=JZ-DBYLHZ&fiscalYear=2020"), daBing);
        assertThat(daBingRow.path("budget").asString()).isEqualTo("1400000.00");
        assertThat(daBingRow.path("toOrg").asString()).isEqualTo("140700-208");
        // 晋中 2020 城乡医疗救助 325万 (FF002)
        String chengXiang = loaded.allocationIds().get("2020/JZ-CXYLJZ/0");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                row(get("/api/execution?programCode=JZ-CXYLJZ&fiscalYear=2020"), chengXiang) != null);
        assertThat(row(get("/api/execution?programCode=JZ-CXYLJZ&fiscalYear=2020"), chengXiang)
                .path("budget").asString()).isEqualTo("3250000.00");

        // 离石 2022: the eight projects' budgets, each received by 离石区医疗保障局, sum to 1,289.8万
        List<String> lishi = List.of("LS-ZY-YLJZ-69", "LS-ZY-YLJZ-420", "LS-ZY-NLTS", "LS-SJ-YLJZ", "LS-PJ-YLJZ",
                "LS-QJ-PTYLJZ", "LS-ZY-CPGYJ-33", "LS-ZY-CPGYJ-4");
        await().atMost(Duration.ofSeconds(30)).until(() -> lishi.stream().allMatch(p -> {
            try {
                return depth(get("/api/reports/fund-flow?programCode=" + p + "&fiscalYear=2022").path("roots")) > 0
                        && orgBudget(p).signum() > 0;
            } catch (Exception e) {
                return false;
            }
        }));
        BigDecimal total = BigDecimal.ZERO;
        for (String p : lishi) {
            total = total.add(orgBudget(p));
            JsonNode ledger = get("/api/reports/fund-flow?programCode=" + p + "&fiscalYear=2022");
            assertThat(ledger.path("totals").path("budget").asString()).as(p)
                    .isEqualTo(orgBudget(p).setScale(2).toPlainString());
        }
        assertThat(total).isEqualByComparingTo("12898000.00");
        assertThat(orgBudget("LS-PJ-YLJZ")).isEqualByComparingTo("6710000.00");
        assertThat(orgBudget("LS-ZY-YLJZ-420")).isEqualByComparingTo("4200000.00");
    }

    /** The budget of the allocation that reached 离石区医疗保障局 for a program. */
    static BigDecimal orgBudget(String program) throws Exception {
        JsonNode rows = get("/api/execution?programCode=" + program + "&fiscalYear=2022").path("rows");
        return StreamSupport.stream(rows.spliterator(), false)
                .filter(r -> "141102-YBJ".equals(r.path("toOrg").asString(null)))
                .map(r -> new BigDecimal(r.path("budget").asString())).findFirst().orElse(BigDecimal.ZERO);
    }
}
