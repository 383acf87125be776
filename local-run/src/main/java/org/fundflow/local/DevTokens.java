package org.fundflow.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens from the local gateway's dev issuer ({@code POST /dev/token}), one per user, cached: what the demo loader,
 * the fixture replays and the end-to-end tests sign in with. Each acts as the rightful user of what it writes — the
 * finance bureau of the issuing region, the agency that pays — so the local run exercises the same scope checks as
 * production.
 */
public final class DevTokens {
    private final URI gateway;
    private final String subjectPrefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** @param subjectPrefix names the users, e.g. {@code demo} → {@code demo-finance-140000} */
    public DevTokens(URI gateway, String subjectPrefix) {
        this.gateway = gateway;
        this.subjectPrefix = subjectPrefix;
    }

    public String financeBureau(String region) {
        return token(subjectPrefix + "-finance-" + region, "FINANCE_BUREAU", region, null);
    }

    public String agency(String org) {
        return token(subjectPrefix + "-agency-" + org, "AGENCY", null, org);
    }

    public String supervisor(String region) {
        return token(subjectPrefix + "-supervisor-" + region, "SUPERVISOR", region, null);
    }

    public String token(String subject, String role, String region, String org) {
        return cache.computeIfAbsent(subject + "|" + role + "|" + region + "|" + org, k -> {
            ObjectNode body = json.createObjectNode().put("subject", subject).put("role", role)
                    .put("ttlMinutes", 720);
            if (region != null) {
                body.put("region", region);
            }
            if (org != null) {
                body.put("org", org);
            }
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/dev/token"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("POST /dev/token → " + response.statusCode() + ": "
                            + response.body());
                }
                return json.readTree(response.body()).path("access_token").asString();
            } catch (IOException e) {
                throw new IllegalStateException("POST /dev/token failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }
}
