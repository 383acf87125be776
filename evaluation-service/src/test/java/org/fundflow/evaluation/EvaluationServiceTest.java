package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.fundflow.testsupport.TestInfrastructure;
import org.fundflow.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The one Spring context of the integration tests: the service against the real PostgreSQL and Kafka of
 * {@link TestInfrastructure}. Tests put events on the real topics and observe the HTTP API.
 *
 * <p>Every call carries the token of the user who rightfully makes it ({@link TestTokens}): the published
 * dashboards ({@code /api/execution}, its roll-up) are read anonymously, other reads as a national supervisor, and
 * a self-evaluation is submitted by the agency of the org it evaluates (the body's {@code orgCode}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + EvaluationServiceApplication.CONFIG_NAME)
public abstract class EvaluationServiceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger PROGRAMS = new AtomicInteger();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry r) {
        TestInfrastructure.register(r, "evaluation_test");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** A program code no other test (or earlier run against the same database) uses. */
    protected static String uniqueProgram(String label) {
        return label + "-" + PROGRAMS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    protected record Response(int status, String contentType, JsonNode body) {
    }

    /** GET as a national supervisor (who may read everything); see {@link #get(String, String, Map)}. */
    protected Response get(String path, Map<String, String> params) {
        return get(TestTokens.nationalSupervisor(), path, params);
    }

    /** GET with this token ({@code null}: anonymous). */
    protected Response get(String token, String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("http://localhost:" + port + path + (query.isEmpty() ? "" : "?" + query));
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
            if (token != null) {
                b.header("Authorization", TestTokens.bearer(token));
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.body().isEmpty() ? null : TestEvents.JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its headers (for Location and Idempotent-Replayed). */
    protected record Posted(int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers) {
    }

    /**
     * POSTs a JSON body with an Idempotency-Key (none if {@code key} is null), as the agency of the body's
     * {@code orgCode}: a self-evaluation is the evaluated org's own.
     */
    protected Posted post(String path, String key, Object body) {
        String json = body instanceof String s ? s : TestEvents.JSON.writeValueAsString(body);
        return post(TestTokens.agency(submitterOrg(json)), path, key, json);
    }

    /** POSTs a JSON body with this token ({@code null}: anonymous). */
    protected Posted post(String token, String path, String key, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
                        : TestEvents.JSON.writeValueAsString(body)));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        if (token != null) {
            b.header("Authorization", TestTokens.bearer(token));
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Posted(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.body().isEmpty() ? null : TestEvents.JSON.readTree(r.body()), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The org a body evaluates, whose agency submits it; a body without a usable org code (a malformed request) is
     * sent by some agency, so it is refused for its shape, not its scope.
     */
    private static String submitterOrg(String json) {
        try {
            JsonNode org = TestEvents.JSON.readTree(json).path("orgCode");
            if (org.isString() && org.asString().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                return org.asString();
            }
        } catch (RuntimeException e) {
            // not JSON at all: any agency will do
        }
        return "SOME-AGENCY";
    }

    /** {@code GET /api/execution} (a published dashboard: anonymous), asserting 200. */
    protected JsonNode execution(String... keyValues) {
        Response r = get(null, "/api/execution", params(keyValues));
        assertThat(r.status()).as("status of execution %s", r.body()).isEqualTo(200);
        return r.body();
    }

    /** {@code GET /api/alerts} as a national supervisor, asserting 200. */
    protected JsonNode alerts(String... keyValues) {
        Response r = get("/api/alerts", params(keyValues));
        assertThat(r.status()).as("status of alerts %s", r.body()).isEqualTo(200);
        return r.body();
    }

    /** {@code GET /api/execution/rollup} (a published dashboard: anonymous), asserting 200. */
    protected JsonNode rollup(String... keyValues) {
        Response r = get(null, "/api/execution/rollup", params(keyValues));
        assertThat(r.status()).as("status of rollup %s", r.body()).isEqualTo(200);
        return r.body();
    }

    /** The roll-up row with that key. */
    protected static Optional<JsonNode> rollupRow(JsonNode report, String key) {
        for (JsonNode n : report.path("rows")) {
            if (key.equals(n.path("key").asString())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** How many of these events the consumer has processed (committed) so far. */
    protected int processedCount(String consumer, List<UUID> eventIds) {
        Integer n = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Integer>) con -> {
            try (var ps = con.prepareStatement(
                    "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ANY(?)")) {
                ps.setString(1, consumer);
                ps.setArray(2, con.createArrayOf("uuid", eventIds.toArray(UUID[]::new)));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        return n == null ? 0 : n;
    }

    protected static Map<String, String> params(String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    protected static Optional<JsonNode> row(JsonNode report, UUID allocationId) {
        return find(report.path("rows"), "allocationId", allocationId);
    }

    protected static Optional<JsonNode> alert(JsonNode report, UUID allocationId) {
        return find(report.path("alerts"), "allocationId", allocationId);
    }

    protected static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("rows").forEach(r -> ids.add(r.path("allocationId").asString()));
        return ids;
    }

    private static Optional<JsonNode> find(JsonNode array, String field, UUID id) {
        for (JsonNode n : array) {
            if (id.toString().equals(n.path(field).asString())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** True once this service has consumed (and committed the effect of) the event. */
    protected boolean processed(String consumer, UUID eventId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Integer.class, consumer, eventId);
        return n != null && n > 0;
    }
}
