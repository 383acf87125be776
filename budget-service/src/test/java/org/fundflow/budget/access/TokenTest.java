package org.fundflow.budget.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.KafkaTopic;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * budget-service is the first service users write to, so it carries the token edge cases: on a write
 * (POST /api/allocations) and on a read that is not public (GET /api/allocations/{id}), every token that is missing,
 * malformed, expired, forged or of no fundflow user is 401 problem+json with {@code WWW-Authenticate: Bearer}, and
 * writes nothing. A good token's subject, role and scope are what every event records as its actor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenTest extends BudgetServiceIntegrationTest {
    private static final String CITY = "140700";

    private String program;
    private String org;
    private String allocation;

    @BeforeAll
    void fixture() {
        program = newProgram("城乡医疗救助", 2024);
        org = newOrg("晋中市医疗保障局", CITY);
        allocation = issue(toOrg("1000.00")).path("allocationId").asString();
    }

    /** A refused Authorization header and a fragment of the reason the service gives. */
    private record Bad(String name, String authorization, String reason) {
    }

    Stream<Arguments> refusedTokens() {
        List<Bad> bad = List.of(
                new Bad("no Authorization header", null, "sign in"),
                new Bad("Bearer garbage", "Bearer garbage", "Malformed token"),
                new Bad("Bearer and nothing", "Bearer ", "malformed"),
                new Bad("Basic credentials instead of a token", "Basic ZmluYW5jZTpzZWNyZXQ=", "sign in"),
                new Bad("expired", bearer(TestTokens.expired("FINANCE_BUREAU", CITY, null)), "expired"),
                new Bad("signed by a key the service does not know",
                        bearer(TestTokens.wronglySigned("FINANCE_BUREAU", CITY, null)), "Invalid signature"),
                new Bad("unsigned (alg=none)", bearer(TestTokens.unsigned("FINANCE_BUREAU", CITY, null)),
                        "algorithm of none"),
                new Bad("HS256 with the public key as secret",
                        bearer(TestTokens.hmacWithPublicKey("FINANCE_BUREAU", CITY, null)), "rejected"),
                new Bad("a well-signed token without exp", bearer(signedWithTestKey(
                        Map.of("sub", "finance-" + CITY, "role", "FINANCE_BUREAU", "region", CITY), false)),
                        "exp claim"),
                new Bad("role ADMIN", bearer(TestTokens.withClaims(
                        Map.of("sub", "admin", "role", "ADMIN", "region", CITY))), "role 'ADMIN'"),
                new Bad("FINANCE_BUREAU without region", bearer(TestTokens.withClaims(
                        Map.of("sub", "finance-nowhere", "role", "FINANCE_BUREAU"))), "6-digit region"),
                new Bad("FINANCE_BUREAU with a 4-digit region", bearer(TestTokens.withClaims(
                        Map.of("sub", "finance-1407", "role", "FINANCE_BUREAU", "region", "1407"))),
                        "6-digit region"),
                new Bad("AGENCY without org", bearer(TestTokens.withClaims(
                        Map.of("sub", "agency-nobody", "role", "AGENCY"))), "org claim"),
                new Bad("no subject", bearer(TestTokens.withClaims(Map.of("role", "FINANCE_BUREAU", "region", CITY))),
                        "subject"));
        List<Arguments> cases = new ArrayList<>();
        for (Bad b : bad) {
            cases.add(Arguments.of("POST /api/allocations", b.name(), b.authorization(), b.reason()));
            cases.add(Arguments.of("GET /api/allocations/{id}", b.name(), b.authorization(), b.reason()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1} → 401")
    @MethodSource("refusedTokens")
    void everyBadTokenIs401AndWritesNothing(String call, String name, String authorization, String reason) {
        Map<String, Long> before = writtenRows();
        Response r = call.startsWith("POST") ? withAuthorization(authorization).post("/api/allocations", toOrg("1.00"))
                : withAuthorization(authorization).get("/api/allocations/" + allocation);

        assertThat(r.status()).as("%s: %s", name, r.raw().body()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(r.body().path("status").asInt()).isEqualTo(401);
        assertThat(r.body().path("title").asString()).isEqualTo("Unauthorized");
        assertThat(r.detail()).as("refused for the right reason").contains(reason);
        assertThat(r.body().path("allocationId").isMissingNode()).isTrue();
        assertThat(writtenRows()).isEqualTo(before);
    }

    private static String bearer(String token) {
        return TestTokens.bearer(token);
    }

    @Test
    void theSameTokenMadeWithExpiryIsAccepted() {
        // the control of the no-exp case: the hand-made token is refused for lacking exp, not for its signature
        String token = signedWithTestKey(Map.of("sub", "finance-" + CITY, "role", "FINANCE_BUREAU", "region", CITY),
                true);
        assertThat(as(token).post("/api/allocations", toOrg("1.00")).status()).isEqualTo(201);
        assertThat(as(token).get("/api/allocations/" + allocation).status()).isEqualTo(200);
    }

    @Test
    void aBadTokenIsRefusedEvenOnAPublicRead() {
        assertThat(anonymous().get("/api/regions/" + CITY).status()).isEqualTo(200);
        Response expired = as(TestTokens.expired("SUPERVISOR", "000000", null)).get("/api/regions/" + CITY);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(expired.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void everyEventRecordsItsActorAndRecordedByIsTheTokensSubject() {
        KafkaTopic topic = KafkaTopic.fromBeginning(Topics.ALLOCATION);
        // the header that once named the recorder is ignored: only the token says who it is
        Response issued = as(TestTokens.financeBureau(CITY)).post("/api/allocations", UUID.randomUUID().toString(),
                toOrg("250.50"), "X-Fundflow-Subject", "someone-else");
        assertThat(issued.status()).isEqualTo(201);
        String id = issued.text("allocationId");
        assertThat(issued.text("recordedBy")).isEqualTo("finance-" + CITY);
        assertThat(jdbc.queryForObject("SELECT recorded_by FROM allocation WHERE allocation_id = ?", String.class,
                UUID.fromString(id))).isEqualTo("finance-" + CITY);
        Response adjusted = as(TestTokens.financeBureau(CITY)).post("/api/allocations/" + id + "/adjustments",
                UUID.randomUUID().toString(), Map.of("delta", "-0.50", "docNo", "市财社〔2024〕3号", "effectiveOn",
                        "2024-03-01", "reason", "调减"),
                "X-Fundflow-Client-Address", "203.0.113.7");
        assertThat(adjusted.status()).isEqualTo(201);
        assertThat(adjusted.body().path("movement").path("recordedBy").asString()).isEqualTo("finance-" + CITY);

        // the outbox row as written
        JsonNode outboxIssued = json.readTree(jdbc.queryForObject("SELECT payload::text FROM outbox "
                + "WHERE aggregateid = ? AND type = 'AllocationIssued'", String.class, id));
        assertActor(outboxIssued, "AllocationIssued");
        // and the records on the topic, as every consumer reads them
        List<ConsumerRecord<String, String>> records = topic.awaitKey(id, 2);
        assertThat(records).hasSize(2);
        JsonNode issuedEvent = json.readTree(records.get(0).value());
        assertActor(issuedEvent, "AllocationIssued");
        assertThat(issuedEvent.path("actor").path("clientAddress").asString()).isNotBlank();
        assertThat(issuedEvent.path("payload").path("amount").asString()).isEqualTo("250.50");
        JsonNode adjustedEvent = json.readTree(records.get(1).value());
        assertActor(adjustedEvent, "AllocationAdjusted");
        // an address relayed by the gateway is the one recorded
        assertThat(adjustedEvent.path("actor").path("clientAddress").asString()).isEqualTo("203.0.113.7");
        assertThat(adjustedEvent.path("payload").path("delta").asString()).isEqualTo("-0.50");
    }

    private static void assertActor(JsonNode envelope, String type) {
        assertThat(envelope.path("type").asString()).isEqualTo(type);
        assertThat(envelope.path("recordedBy").asString()).isEqualTo("finance-" + CITY);
        JsonNode actor = envelope.path("actor");
        assertThat(actor.path("subject").asString()).isEqualTo("finance-" + CITY);
        assertThat(actor.path("role").asString()).isEqualTo("FINANCE_BUREAU");
        assertThat(actor.path("region").asString()).isEqualTo(CITY);
        assertThat(actor.path("org").asString(null)).isNull(); // null, or left out by the relay
        assertThat(actor.path("clientAddress").asString(null)).isNotBlank();
    }

    private Map<String, Object> toOrg(String amount) {
        Map<String, Object> body = allocation(program, 2024, CITY, null, null, amount, "2024-02-01");
        body.put("toOrg", org);
        return body;
    }

    /** A token signed with the key the service trusts, with or without {@code exp}. */
    private static String signedWithTestKey(Map<String, Object> claims, boolean withExpiry) {
        return withExpiry ? TestTokens.withClaims(claims) : TestTokens.withoutExpiry(claims);
    }
}
