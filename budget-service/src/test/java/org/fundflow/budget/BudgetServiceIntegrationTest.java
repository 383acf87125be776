package org.fundflow.budget;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.PublicReads;
import org.fundflow.testsupport.TestInfrastructure;
import org.fundflow.testsupport.TestTokens;
import org.springframework.util.AntPathMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of budget-service's integration tests: real PostgreSQL, real Kafka and the real Debezium
 * outbox relay (it runs because {@code fundflow.relay.name} is set). Tests share the database, so each one makes its
 * own programs and orgs with fresh codes and never assumes an empty table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=budget-service")
public abstract class BudgetServiceIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final Pattern MOVEMENT = Pattern.compile(
            "/api/allocations/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/[a-z-]+");

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry r) {
        TestInfrastructure.register(r, "budget_test");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected JsonMapper json;

    /** A response with its body parsed (null when empty). */
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

    // --- HTTP as the rightful user: every call carries the token of whoever may make it (see rightfulToken) ---

    /** GET as the rightful reader: anonymous for public reads, a national supervisor otherwise. */
    protected Response get(String path) {
        return as(rightfulToken("GET", path, null)).get(path);
    }

    protected Response post(String path, Object body) {
        return post(path, UUID.randomUUID().toString(), body);
    }

    /** POST as the rightful writer (the finance bureau the path and body call for). */
    protected Response post(String path, String idempotencyKey, Object body, String... headers) {
        return as(rightfulToken("POST", path, body)).post(path, idempotencyKey, body, headers);
    }

    protected Response put(String path, Object body) {
        return put(path, UUID.randomUUID().toString(), body);
    }

    protected Response put(String path, String idempotencyKey, Object body) {
        return as(rightfulToken("PUT", path, body)).put(path, idempotencyKey, body);
    }

    /** Calls made with this token ({@code null}: without any Authorization header). */
    protected Client as(String token) {
        return new Client(token == null ? null : TestTokens.bearer(token));
    }

    protected Client anonymous() {
        return new Client(null);
    }

    /** Calls with this Authorization header value (null: none), e.g. {@code "Bearer garbage"}. */
    protected Client withAuthorization(String authorization) {
        return new Client(authorization);
    }

    /** An HTTP client of the service that sends one Authorization header (or none). */
    protected final class Client {
        private final String authorization;

        private Client(String authorization) {
            this.authorization = authorization;
        }

        public Response get(String path) {
            return sendAs(HttpRequest.newBuilder(uri(path)).GET(), authorization, null);
        }

        public Response post(String path, Object body) {
            return post(path, UUID.randomUUID().toString(), body);
        }

        public Response post(String path, String idempotencyKey, Object body, String... headers) {
            return sendAs(HttpRequest.newBuilder(uri(path)).POST(bodyOf(body)), authorization, idempotencyKey,
                    headers);
        }

        public Response put(String path, Object body) {
            return put(path, UUID.randomUUID().toString(), body);
        }

        public Response put(String path, String idempotencyKey, Object body) {
            return sendAs(HttpRequest.newBuilder(uri(path)).PUT(bodyOf(body)), authorization, idempotencyKey);
        }

        /** A request built by the test (e.g. a streamed body), with this client's Authorization header. */
        public Response send(HttpRequest.Builder request, String idempotencyKey) {
            return sendAs(request, authorization, idempotencyKey);
        }
    }

    /**
     * The token of the user who may make this call, as the access rules of the README say: nobody for a public
     * read and a national supervisor for any other read; any finance bureau for a program (the national one); the
     * bureau of the org's region for an org; the bureau of exactly the fromRegion for an allocation, looked up in
     * the database for a change of an existing one. Malformed requests get the national bureau, so they reach the
     * validation they test.
     */
    protected String rightfulToken(String method, String path, Object body) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (method.equals("GET")) {
            return PublicReads.GET_PATTERNS.stream().anyMatch(p -> PATHS.match(p, bare)) ? null
                    : TestTokens.nationalSupervisor();
        }
        if (bare.startsWith("/api/orgs/")) {
            return TestTokens.financeBureau(regionIn(body, "regionCode"));
        }
        if (bare.equals("/api/allocations")) {
            return TestTokens.financeBureau(regionIn(body, "fromRegion"));
        }
        Matcher movement = MOVEMENT.matcher(bare);
        if (movement.matches()) {
            List<String> from = jdbc.queryForList("SELECT from_region FROM allocation WHERE allocation_id = ?",
                    String.class, UUID.fromString(movement.group(1)));
            return TestTokens.financeBureau(from.isEmpty() ? Caller.NATIONAL : from.get(0));
        }
        return TestTokens.financeBureau(Caller.NATIONAL);
    }

    private static String regionIn(Object body, String field) {
        return body instanceof Map<?, ?> map && map.get(field) instanceof String region
                && region.matches("[0-9]{6}") ? region : Caller.NATIONAL;
    }

    private Response sendAs(HttpRequest.Builder request, String authorization, String idempotencyKey,
            String... headers) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), parse(response.body()), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON; null when empty or not JSON (the raw response still has it). */
    private JsonNode parse(String body) {
        if (body.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    protected HttpRequest.BodyPublisher bodyOf(Object body) {
        String text = body instanceof String s ? s : json.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    // --- fixtures: fresh codes per test, since every test class shares one database ---

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a program with a fresh code and returns the code. */
    protected String newProgram(String name, int fiscalYear) {
        String code = unique("P");
        registerProgram(code, name, fiscalYear);
        return code;
    }

    protected void registerProgram(String code, String name, int fiscalYear) {
        Response r = post("/api/programs", Map.of("code", code, "name", name, "fiscalYear", fiscalYear,
                "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        assertThat(r.status()).as("register program %s: %s", code, r.body()).isEqualTo(201);
    }

    /** Registers an org with a fresh code in the region and returns the code. */
    protected String newOrg(String name, String regionCode) {
        String code = unique("O");
        Response r = put("/api/orgs/" + code, Map.of("name", name, "regionCode", regionCode));
        assertThat(r.status()).as("register org %s: %s", code, r.body()).isEqualTo(201);
        return code;
    }

    /** A valid allocation body; callers adjust fields with {@link Map#put}/{@link Map#remove}. */
    protected static Map<String, Object> allocation(String programCode, int fiscalYear, String fromRegion,
            String toRegion, String parentAllocationId, String amount, String issuedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programCode", programCode);
        body.put("fiscalYear", fiscalYear);
        body.put("fromRegion", fromRegion);
        if (toRegion != null) {
            body.put("toRegion", toRegion);
        }
        if (parentAllocationId != null) {
            body.put("parentAllocationId", parentAllocationId);
        }
        body.put("amount", amount);
        body.put("docNo", "财社〔" + fiscalYear + "〕" + (int) (Math.random() * 1000) + "号");
        body.put("issuedOn", issuedOn);
        body.put("functionCode", "2101301");
        return body;
    }

    /** Issues an allocation that must be accepted, and returns its view. */
    protected JsonNode issue(Map<String, Object> body) {
        Response r = post("/api/allocations", body);
        assertThat(r.status()).as("issue %s: %s", body, r.body()).isEqualTo(201);
        return r.body();
    }

    /**
     * Waits until the relay has published every outbox row of the aggregate type: the topic then holds exactly one
     * record per row (one relay, a fresh broker per test JVM), so offsets read afterwards move only with new writes.
     */
    protected void awaitRelayCaughtUp(KafkaTopic topic, String aggregateType) {
        org.awaitility.Awaitility.await().atMost(KafkaTopic.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> topic.size() == jdbc.queryForObject(
                        "SELECT count(*) FROM outbox WHERE aggregatetype = ?", Long.class, aggregateType));
    }

    protected long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    /**
     * Row counts of the tables a write touches (the Idempotency-Key store included), to show that a rejected
     * request wrote nothing.
     */
    protected Map<String, Long> writtenRows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"allocation", "allocation_movement", "outbox", "org", "org_history",
                "program", "idempotency_key"}) {
            counts.put(table, count(table));
        }
        return counts;
    }
}
