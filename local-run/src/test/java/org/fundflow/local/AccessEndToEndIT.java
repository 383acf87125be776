package org.fundflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.testsupport.KafkaTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, through the whole running system: the gateway authenticates, each service checks the scope, and
 * a refused write leaves the databases and the topics as they were. "Nothing published" is proven without waiting
 * on a clock: after the refused write, the rightful user writes a marker; once the marker is on the topic, anything
 * the refused write had published would be there before it.
 */
class AccessEndToEndIT {
    static DevTokens tokens;

    @BeforeAll
    static void start() {
        EndToEndIT.start();
        tokens = EndToEndIT.tokens;
    }

    static HttpResponse<String> post(String token, String path, Object body) throws Exception {
        return EndToEndIT.call("POST", path, body, token == null
                ? Map.of("Idempotency-Key", UUID.randomUUID().toString())
                : Map.of("Idempotency-Key", UUID.randomUUID().toString(), "Authorization", "Bearer " + token));
    }

    static String program(String prefix) throws Exception {
        String program = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        EndToEndIT.write(tokens.financeBureau("000000"), "POST", "/api/programs", Map.of("code", program,
                "name", "权限测试", "fiscalYear", 2024, "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        return program;
    }

    static Map<String, Object> allocation(String program, String from, String to, String amount, String docNo) {
        return Map.of("programCode", program, "fiscalYear", 2024, "sourceLevel", "PROVINCIAL", "fromRegion", from,
                "toRegion", to, "amount", amount, "docNo", docNo, "issuedOn", "2024-02-01",
                "functionCode", "2101301");
    }

    @Test
    void aCountyClerkCannotIssueAProvincialAllocationAndNothingIsWrittenOrPublished() throws Exception {
        String program = program("ACL-A");
        KafkaTopic topic = KafkaTopic.fromNow("fundflow.allocation");

        HttpResponse<String> refused = post(tokens.financeBureau("141102"), "/api/allocations",
                allocation(program, "140000", "141100", "999999.99", "越权〔2024〕1号"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(EndToEndIT.json.readTree(refused.body()).path("field").asString()).isEqualTo("fromRegion");
        // anonymous: stopped at the gateway
        assertThat(post(null, "/api/allocations", allocation(program, "140000", "141100", "1.00", "匿名"))
                .statusCode()).isEqualTo(401);

        String marker = EndToEndIT.write(tokens.financeBureau("140000"), "POST", "/api/allocations",
                allocation(program, "140000", "141100", "100.00", "晋财〔2024〕1号")).path("allocationId").asString();
        List<ConsumerRecord<String, String>> events = topic.awaitKey(marker, 1);
        assertThat(topic.all()).as("only the marker was published")
                .allSatisfy(r -> assertThat(r.value()).doesNotContain("越权").doesNotContain("匿名"));
        assertThat(EndToEndIT.json.readTree(events.get(0).value()).path("actor").path("subject").asString())
                .isEqualTo("e2e-finance-140000");

        String ledger = "/api/reports/fund-flow?programCode=" + program + "&fiscalYear=2024";
        await().atMost(Duration.ofSeconds(30)).until(() -> EndToEndIT.get(ledger).path("roots").size() == 1);
        assertThat(EndToEndIT.get(ledger).path("totals").path("budget").asString()).isEqualTo("100.00");
    }

    @Test
    void anAgencyPaysOnlyFromItsOwnOrgsAllocations() throws Exception {
        String program = program("ACL-P");
        EndToEndIT.write(tokens.financeBureau("140702"), "PUT", "/api/orgs/ACL-YC-YBJ",
                Map.of("name", "榆次区医疗保障局(权限)", "regionCode", "140702"));
        String allocation = EndToEndIT.write(tokens.financeBureau("140702"), "POST", "/api/allocations",
                Map.of("programCode", program, "fiscalYear", 2024, "sourceLevel", "COUNTY", "fromRegion", "140702",
                        "toOrg", "ACL-YC-YBJ", "amount", "1000.00", "docNo", "榆财〔2024〕9号",
                        "issuedOn", "2024-02-01", "functionCode", "2101301")).path("allocationId").asString();
        KafkaTopic payments = KafkaTopic.fromNow("fundflow.payment");
        Map<String, Object> payment = new java.util.HashMap<>(Map.of("allocationId", allocation, "payerOrg",
                "ACL-YC-YBJ", "amount", "400.00", "paidOn", "2024-03-01", "functionCode", "2101301",
                "economicCode", "30307", "expenditureKind", "PROJECT", "voucherNo", "ACL-OTHER-" + program));

        for (String wrong : List.of(tokens.agency("140700-208"), tokens.financeBureau("140702"),
                tokens.supervisor("000000"))) {
            HttpResponse<String> r = post(wrong, "/api/payments", payment);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        }
        payment.put("voucherNo", "ACL-OWN-" + program);
        JsonNode paid = EndToEndIT.write(tokens.agency("ACL-YC-YBJ"), "POST", "/api/payments", payment);
        assertThat(paid.path("balance").path("available").asString()).isEqualTo("600.00");
        String paymentId = paid.path("paymentId").asString();
        payments.awaitKey(paymentId, 1);
        assertThat(payments.all()).hasSize(1).allSatisfy(r -> assertThat(r.value()).doesNotContain("ACL-OTHER-"));
    }

    @Test
    void theAuditTrailSaysWhoDidWhatWhenAndFromWhereToSupervisorsOnly() throws Exception {
        String program = program("ACL-AUD");
        String correlationId = "audit-" + UUID.randomUUID();
        HttpResponse<String> created = EndToEndIT.call("POST", "/api/allocations",
                allocation(program, "140000", "140700", "321.09", "晋财〔2024〕21号"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString(), "X-Correlation-Id", correlationId,
                        "Authorization", "Bearer " + tokens.financeBureau("140000")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = EndToEndIT.json.readTree(created.body()).path("allocationId").asString();
        String query = "/api/audit?aggregateId=" + id;

        String shanxiAudit = tokens.supervisor("140000");
        await().atMost(Duration.ofSeconds(30)).until(() -> audit(shanxiAudit, query).path("entries").size() == 1);
        JsonNode entry = audit(shanxiAudit, query).path("entries").get(0);
        assertThat(entry.path("eventType").asString()).isEqualTo("AllocationIssued");
        assertThat(entry.path("correlationId").asString()).isEqualTo(correlationId);
        assertThat(entry.path("actor").path("subject").asString()).isEqualTo("e2e-finance-140000");
        assertThat(entry.path("actor").path("role").asString()).isEqualTo("FINANCE_BUREAU");
        assertThat(entry.path("actor").path("region").asString()).isEqualTo("140000");
        assertThat(entry.path("actor").path("clientAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(entry.path("occurredAt").asString()).isNotBlank();

        assertThat(audit(tokens.supervisor("110000"), query).path("entries").size())
                .as("北京's supervisor does not see 山西's trail").isZero();
        for (String notASupervisor : List.of(tokens.financeBureau("140000"), tokens.agency("140700-208"))) {
            assertThat(EndToEndIT.call("GET", query, null, Map.of("Authorization", "Bearer " + notASupervisor))
                    .statusCode()).isEqualTo(403);
        }
        assertThat(EndToEndIT.call("GET", query, null, Map.of()).statusCode()).isEqualTo(401);
    }

    static JsonNode audit(String token, String query) throws Exception {
        HttpResponse<String> r = EndToEndIT.call("GET", query, null, Map.of("Authorization", "Bearer " + token));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EndToEndIT.json.readTree(r.body());
    }

    /** An Idempotency-Key belongs to its user: another user's identical key neither replays nor blocks. */
    @Test
    void idempotencyKeysArePerUser() throws Exception {
        String program = program("ACL-K");
        String key = "shared-key-" + UUID.randomUUID();
        String mine = tokens.token("e2e-clerk-a", "FINANCE_BUREAU", "140000", null);
        String theirs = tokens.token("e2e-clerk-b", "FINANCE_BUREAU", "140000", null);
        Map<String, Object> body = allocation(program, "140000", "140700", "10.00", "晋财〔2024〕7号");
        HttpResponse<String> first = EndToEndIT.call("POST", "/api/allocations", body,
                Map.of("Idempotency-Key", key, "Authorization", "Bearer " + mine));
        HttpResponse<String> again = EndToEndIT.call("POST", "/api/allocations", body,
                Map.of("Idempotency-Key", key, "Authorization", "Bearer " + mine));
        HttpResponse<String> other = EndToEndIT.call("POST", "/api/allocations", body,
                Map.of("Idempotency-Key", key, "Authorization", "Bearer " + theirs));
        assertThat(List.of(first.statusCode(), again.statusCode(), other.statusCode())).containsExactly(201, 201, 201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
        String id = EndToEndIT.json.readTree(first.body()).path("allocationId").asString();
        assertThat(EndToEndIT.json.readTree(again.body()).path("allocationId").asString()).isEqualTo(id);
        assertThat(EndToEndIT.json.readTree(other.body()).path("allocationId").asString()).isNotEqualTo(id);
    }

    @Test
    void servicesRefuseRequestsThatBypassTheGatewayWithoutAToken() throws Exception {
        for (String service : List.of("budget", "disbursement", "evaluation", "reporting")) {
            HttpResponse<String> r = EndToEndIT.http.send(HttpRequest.newBuilder(EndToEndIT.system.uri(service)
                    .resolve("/api/allocations")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(service).isEqualTo(401);
        }
    }

    @Test
    void theLocalDevTokenEndpointChecksTheClaimsItSigns() throws Exception {
        HttpResponse<String> r = EndToEndIT.http.send(HttpRequest.newBuilder(EndToEndIT.system.gateway()
                .resolve("/dev/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"x\",\"role\":\"ADMIN\",\"region\":\"000000\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("ADMIN");
    }

    @Test
    void anOversizedBodyIsRefusedAtTheGateway() throws Exception {
        HttpResponse<String> r = post(tokens.financeBureau("140000"), "/api/allocations",
                Map.of("note", "x".repeat(2 * 1024 * 1024)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
    }
}
