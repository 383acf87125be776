package org.fundflow.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes through the gateway as a well-behaved client: a bearer token, an Idempotency-Key on every write (so a
 * retry or a second load changes nothing), and a pause for {@code Retry-After} when the gateway's rate limit says
 * 429. Anything else that is not 2xx stops the load with the problem the service gave.
 */
public final class ApiWriter {
    private static final int MAX_RATE_LIMITED_RETRIES = 20;

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public ApiWriter(URI gateway) {
        this.gateway = gateway;
    }

    public JsonNode send(String method, String path, JsonNode body, String idempotencyKey, String token) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429 && attempt < MAX_RATE_LIMITED_RETRIES) {
                    long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                    Thread.sleep(Math.min(seconds, 10) * 1000);
                    continue;
                }
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + ": "
                            + response.body());
                }
                return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
