package org.fundflow.gateway;

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
import org.fundflow.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's one test context (no 'local' profile, i.e. as in production: no dev token issuer), in front of five
 * tiny HTTP servers standing in for the services, each recording the headers it was sent. Tokens come from
 * {@link TestTokens}, whose public key the gateway is told to trust. Per-subject limits are low (burst 40, 1/s) so
 * the rate limit can be reached; each test uses its own subjects.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway", "fundflow.limits.per-subject.burst=40", "fundflow.limits.per-subject.per-second=1",
        "fundflow.limits.anonymous.burst=10000", "fundflow.limits.max-body-bytes=1000"})
abstract class GatewayTestBase {
    static final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    /** service name → the headers of the last request it received (lower-case names). */
    static final Map<String, Map<String, String>> lastHeaders = new ConcurrentHashMap<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    static synchronized void backends() throws IOException {
        if (!servers.isEmpty()) {
            return;
        }
        for (String name : new String[] {"budget", "disbursement", "evaluation", "reporting", "dashboard"}) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Map<String, String> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                lastHeaders.put(name, headers);
                exchange.getRequestBody().readAllBytes();
                byte[] body = (name + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            servers.put(name, server);
        }
    }

    @DynamicPropertySource
    static void uris(DynamicPropertyRegistry registry) throws IOException {
        backends();
        servers.forEach((name, server) -> registry.add("fundflow.services." + name,
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
        registry.add("fundflow.security.public-key", TestTokens::publicKey);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }
}
