package org.fundflow.disbursement;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.testsupport.TestInfrastructure;
import org.fundflow.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of this module's integration tests: real PostgreSQL, the real Kafka broker and the real
 * Debezium outbox relay (it runs because {@code fundflow.relay.name} is set). Events are produced to the real topics
 * exactly as budget-service's relay emits them, and results are read through HTTP. budget-service itself is stood in
 * for by {@link FakeBudgetService}, a real HTTP server.
 *
 * <p>Every call carries a bearer token ({@link TestTokens}) of the user who may rightfully make it, as a real client
 * would: a write the agency of the org it concerns (the allocation's or payment's org), a read a national
 * supervisor. The {@code …As} helpers name the caller instead (null: no token).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=disbursement-service")
public abstract class DisbursementServiceTestBase {
    protected static final Duration EVENTUALLY = Duration.ofSeconds(60);
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Value("${local.server.port}")
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "disbursement_test");
        registry.add("fundflow.budget-uri", () -> FakeBudgetService.shared().uri());
    }

    protected static AllocationEvents events() {
        return AllocationEvents.shared();
    }

    protected static FakeBudgetService budgetService() {
        return FakeBudgetService.shared();
    }

    /** An org that holds nothing: the agency that makes writes whose rightful org cannot be told (a malformed body). */
    protected static final String SOME_ORG = "ORG-SOMEONE";
    private static final Pattern ORG_CLAIM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The reader of the default helpers: sees everything, writes nothing. */
    protected static String reader() {
        return TestTokens.nationalSupervisor();
    }

    /**
     * The agency that may make this write: for a payment the agency of the org its allocation was made to (as known
     * here, or as budget-service would show it), for a reversal the agency of the payment's payer org.
     */
    protected String rightfulWriter(String path, Object body) {
        if (path.startsWith("/api/payments/") && path.endsWith("/reversals")) {
            String id = path.substring("/api/payments/".length(), path.length() - "/reversals".length());
            return TestTokens.agency(uuid(id).flatMap(this::payerOrgOf).orElse(SOME_ORG));
        }
        if (path.equals("/api/payments")) {
            return TestTokens.agency(payerOf(body).orElse(SOME_ORG));
        }
        return TestTokens.agency(SOME_ORG);
    }

    private Optional<String> payerOf(Object body) {
        JsonNode tree;
        try {
            tree = body instanceof String s ? JSON.readTree(s) : JSON.valueToTree(body);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (tree == null || !tree.isObject()) {
            return Optional.empty();
        }
        Optional<UUID> allocation = uuid(tree.path("allocationId").asString(null));
        Optional<String> toOrg = allocation.flatMap(id -> jdbc.queryForList(
                "SELECT to_org FROM allocation_fact WHERE allocation_id = ?", String.class, id).stream().findFirst())
                .or(() -> allocation.flatMap(id -> budgetService().toOrgOf(id)));
        if (toOrg.isPresent()) {
            return toOrg;
        }
        String payer = tree.path("payerOrg").asString(null);
        return payer != null && ORG_CLAIM.matcher(payer).matches() ? Optional.of(payer) : Optional.empty();
    }

    private Optional<String> payerOrgOf(UUID paymentId) {
        return jdbc.queryForList("SELECT payer_org FROM payment WHERE payment_id = ?", String.class, paymentId)
                .stream().findFirst();
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A program code no other test uses: the tests share one database and one topic. */
    protected static String uniqueProgram(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A GET of raw bytes, as the national supervisor unless the headers carry an Authorization. */
    protected HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (!hasAuthorization(headers)) {
            request.header("Authorization", TestTokens.bearer(reader()));
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    }

    protected static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    // --- JSON calls ---

    /** A response with its body parsed (null when empty or not JSON). */
    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String field() {
            return body == null ? null : body.path("field").asString(null);
        }

        public String detail() {
            return body == null ? null : body.path("detail").asString(null);
        }

        public String text(String name) {
            return body.path(name).asString(null);
        }
    }

    /** GETs as the national supervisor. */
    protected Response call(String path) {
        return callAs(reader(), path);
    }

    /** GETs with this token (null: anonymous). */
    protected Response callAs(String token, String path) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/json"), token));
    }

    protected Response post(String path, Object body) {
        return post(path, UUID.randomUUID().toString(), body);
    }

    /**
     * POSTs JSON (a String body is sent as is) with the Idempotency-Key (none if null) and extra header pairs, as
     * the {@linkplain #rightfulWriter rightful agency} unless the headers carry an Authorization.
     */
    protected Response post(String path, String idempotencyKey, Object body, String... headers) {
        return postAs(hasAuthorization(headers) ? null : rightfulWriter(path, body), path, idempotencyKey, body,
                headers);
    }

    /** POSTs JSON with this token (null: anonymous). */
    protected Response postAs(String token, String path, String idempotencyKey, Object body, String... headers) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(authorized(request, token));
    }

    /**
     * Uploads a file from disk as multipart/form-data part {@code file}, streamed (never read into memory), as the
     * agency of {@link #SOME_ORG}: for uploads refused whoever makes them.
     */
    protected Response upload(String fileName, String contentType, Path file, String idempotencyKey) {
        return uploadAs(TestTokens.agency(SOME_ORG), fileName, contentType, file, idempotencyKey, "file");
    }

    protected Response upload(String fileName, String contentType, Path file, String idempotencyKey,
            String partName) {
        return uploadAs(TestTokens.agency(SOME_ORG), fileName, contentType, file, idempotencyKey, partName);
    }

    /** Uploads with this token (null: anonymous). */
    protected Response uploadAs(String token, String fileName, String contentType, Path file, String idempotencyKey,
            String partName) {
        String boundary = "fundflow-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/payment-imports")).POST(body)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(authorized(request, token));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", TestTokens.bearer(token));
    }

    private static boolean hasAuthorization(String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                return true;
            }
        }
        return false;
    }

    /** Sends a request built by the test itself (it sets its own headers, Authorization included). */
    protected Response send(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request.timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = null;
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!response.body().isEmpty() && type.contains("json")) {
            body = JSON.readTree(response.body());
        }
        return new Response(response.statusCode(), body, response);
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    // --- fixtures ---

    /** A valid payment body; callers change fields with {@link Map#put}/{@link Map#remove}. */
    protected static Map<String, Object> payment(Object allocationId, String payerOrg, String amount, String paidOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocationId", allocationId.toString());
        body.put("payerOrg", payerOrg);
        body.put("amount", amount);
        body.put("paidOn", paidOn);
        body.put("functionCode", "2101301");
        body.put("economicCode", "30307");
        body.put("expenditureKind", "PROJECT");
        return body;
    }

    /** Records a payment that must be accepted, and returns its response body. */
    protected JsonNode pay(Map<String, Object> body) {
        Response r = post("/api/payments", body);
        assertThat(r.status()).as("pay %s: %s", body, r.body()).isEqualTo(201);
        return r.body();
    }

    /**
     * Issues an allocation of {@code amount} to a fresh org (in 晋中, 140700) through the real topic and waits until
     * this service has consumed it.
     */
    protected Events.AllocationIssued orgAllocation(String amount, String issuedOn) {
        Events.AllocationIssued a = AllocationEvents.issue(uniqueProgram("P"), "城乡医疗救助",
                        Integer.parseInt(issuedOn.substring(0, 4))).source(Level.CITY).from("140700", "晋中市")
                .toOrg(uniqueProgram("ORG"), "晋中市医疗保障局", "140700").amount(amount)
                .doc("市财社〔" + issuedOn.substring(0, 4) + "〕test号", issuedOn).build();
        events().issued(a);
        awaitOrgAllocation(a.allocationId(), n -> assertThat(n.get("amount").asString()).isNotNull());
        return a;
    }

    protected JsonNode awaitOrgAllocation(UUID id, Consumer<JsonNode> condition) {
        List<JsonNode> last = new ArrayList<>(1);
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response response = call("/api/org-allocations/" + id);
            assertThat(response.status()).isEqualTo(200);
            condition.accept(response.body());
            last.clear();
            last.add(response.body());
        });
        return last.get(0);
    }

    protected JsonNode balance(UUID allocationId) {
        Response r = call("/api/org-allocations/" + allocationId);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        return r.body();
    }

    /**
     * Waits until the relay has published every outbox row of the aggregate type: the topic then holds exactly one
     * record per row (one relay, a fresh broker per test JVM), so offsets read afterwards move only with new writes.
     */
    protected void awaitRelayCaughtUp(KafkaTopic topic, String aggregateType) {
        await().atMost(KafkaTopic.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> topic.size() == jdbc.queryForObject(
                        "SELECT count(*) FROM outbox WHERE aggregatetype = ?", Long.class, aggregateType));
    }

    /**
     * allocation_execution caches Σ payments and Σ reversals per allocation (kept by triggers): it must equal the
     * sums over the rows, for every allocation, always.
     */
    protected void assertExecutionTotalsMatchTheRows() {
        assertThat(jdbc.queryForList("SELECT coalesce(s.allocation_id, e.allocation_id)::text AS allocation, s.paid, "
                + "e.paid_cents, s.reversed, e.reversed_cents FROM (SELECT allocation_id, sum(paid) AS paid, "
                + "sum(reversed) AS reversed FROM (SELECT allocation_id, amount_cents AS paid, 0 AS reversed "
                + "FROM payment UNION ALL SELECT allocation_id, 0, amount_cents FROM payment_reversal) x "
                + "GROUP BY allocation_id) s FULL JOIN allocation_execution e ON e.allocation_id = s.allocation_id "
                + "WHERE s.paid IS DISTINCT FROM e.paid_cents OR s.reversed IS DISTINCT FROM e.reversed_cents"))
                .as("allocations whose cached totals differ from their payments and reversals").isEmpty();
        assertThat(count("allocation_execution")).isPositive();
    }

    protected long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    /** Row counts of the tables a write touches, to show that a rejected request wrote nothing. */
    protected Map<String, Long> writtenRows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"payment", "payment_reversal", "outbox", "allocation_fact",
                "idempotency_key", "payment_import_job", "payment_import_error"}) {
            counts.put(table, count(table));
        }
        return counts;
    }
}
