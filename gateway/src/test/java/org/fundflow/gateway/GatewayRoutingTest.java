package org.fundflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Routing table and correlation ids, against five tiny HTTP servers standing in for the services (the services
 * themselves are exercised end to end through the gateway in local-run's tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
class GatewayRoutingTest {
    static final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    static final Map<String, String> lastCorrelationId = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @BeforeAll
    static void backends() throws IOException {
        for (String name : new String[] {"budget", "disbursement", "evaluation", "reporting", "dashboard"}) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String cid = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
                lastCorrelationId.put(name, cid == null ? "" : cid);
                byte[] body = (name + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            servers.put(name, server);
        }
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(s -> s.stop(0));
    }

    @DynamicPropertySource
    static void uris(DynamicPropertyRegistry registry) throws IOException {
        backends();
        servers.forEach((name, server) -> registry.add("fundflow.services." + name,
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    HttpResponse<String> get(String path, String correlationId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (correlationId != null) {
            b.header("X-Correlation-Id", correlationId);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesEveryContractPathToItsService() throws Exception {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("/api/allocations/abc", "budget"), Map.entry("/api/programs?fiscalYear=2020", "budget"),
                Map.entry("/api/orgs/140700208", "budget"), Map.entry("/api/regions/140700", "budget"),
                Map.entry("/api/payments/x", "disbursement"), Map.entry("/api/org-allocations/x", "disbursement"),
                Map.entry("/api/execution?fiscalYear=2020", "evaluation"), Map.entry("/api/alerts", "evaluation"),
                Map.entry("/api/reports/fund-flow?programCode=a&fiscalYear=2020", "reporting"),
                Map.entry("/", "dashboard"), Map.entry("/dashboard/", "dashboard"),
                Map.entry("/assets/app.js", "dashboard"), Map.entry("/assets/webjars/echarts/echarts.esm.min.js",
                        "dashboard"), Map.entry("/api/live/execution", "dashboard"));
        for (var e : expected.entrySet()) {
            HttpResponse<String> response = get(e.getKey(), null);
            assertThat(response.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(response.body()).as(e.getKey()).isEqualTo(e.getValue() + " " + e.getKey());
        }
    }

    @Test
    void keepsAWellFormedCorrelationIdAndReplacesAHostileOne() throws Exception {
        HttpResponse<String> kept = get("/api/alerts", "req-123");
        assertThat(kept.headers().firstValue("X-Correlation-Id")).contains("req-123");
        assertThat(lastCorrelationId.get("evaluation")).isEqualTo("req-123");

        HttpResponse<String> replaced = get("/api/alerts", "bad id <script>;drop");
        String id = replaced.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(lastCorrelationId.get("evaluation")).isEqualTo(id);
    }

    @Test
    void unknownPathsAreNotRouted() throws Exception {
        assertThat(get("/api/nothing-here", null).statusCode()).isEqualTo(404);
    }
}
