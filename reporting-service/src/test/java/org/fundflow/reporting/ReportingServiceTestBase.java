package org.fundflow.reporting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.fundflow.testsupport.TestInfrastructure;
import org.fundflow.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of this module's integration tests: real PostgreSQL and the real Kafka broker. Events are
 * produced to the real topic exactly as the relay emits them, and results are read through HTTP, with the token of
 * the rightful reader ({@link #reader()}: none for the public reports; a national supervisor where a test reads
 * drafts or self-evaluations), the service's security switched on as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=reporting-service")
public abstract class ReportingServiceTestBase {
    protected static final Duration EVENTUALLY = Duration.ofSeconds(60);
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "reporting_test");
    }

    protected static AllocationEvents events() {
        return AllocationEvents.shared();
    }

    /** A program code no other test uses: the tests share one database and one topic. */
    protected static String uniqueProgram(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The token {@link #get} reads with: null (anonymous) by default, as the public reports are read; a test of
     * non-public data overrides it with its rightful reader.
     */
    protected String reader() {
        return null;
    }

    /** A national supervisor (region 000000): reads everything, writes nothing. One token for the whole run. */
    protected static String nationalSupervisor() {
        return NATIONAL_SUPERVISOR;
    }

    private static final String NATIONAL_SUPERVISOR = TestTokens.nationalSupervisor();

    /** GET as {@link #reader()}. */
    protected HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        return getAs(reader(), pathAndQuery, headers);
    }

    /** GET with this bearer token (null: no Authorization header). */
    protected HttpResponse<byte[]> getAs(String token, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        return send(request);
    }

    /** Sends a request as built (its headers included) and reads the whole answer. */
    protected static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    }

    protected static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
