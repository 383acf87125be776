package org.fundflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.fundflow.gateway.dev.DevTokenIssuer;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The front door as production runs it: tokens, public reads, limits, headers, and no dev token issuer. */
class GatewaySecurityTest extends GatewayTestBase {

    @Autowired
    ApplicationContext context;

    private static String uniqueSupervisor() {
        return TestTokens.withClaims(Map.of("sub", "sup-" + UUID.randomUUID(), "role", "SUPERVISOR",
                "region", "000000"));
    }

    @Test
    void anonymousCallersReadThePublishedDashboardsAndTables() {
        for (String path : List.of("/", "/assets/app.js", "/api/execution?fiscalYear=2020",
                "/api/execution/rollup?by=region", "/api/reports/execution/by-fund?fiscalYear=2020",
                "/api/reports/fund-flow?programCode=X&fiscalYear=2020", "/api/reports/final-accounts/141102-YBJ/2022",
                "/api/regions/140700", "/api/orgs?region=140700", "/api/programs?fiscalYear=2020",
                "/api/live/execution")) {
            HttpResponse<String> response = send(request(path, null));
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).endsWith(" " + path);
        }
    }

    @Test
    void anonymousCallersAreRefusedEverythingElseBeforeAnyServiceSeesIt() {
        lastHeaders.clear();
        List<HttpRequest.Builder> refused = List.of(request("/api/alerts", null), request("/api/audit", null),
                request("/api/allocations/x", null), request("/api/payments?org=x", null),
                request("/api/evaluations", null), request("/api/reports/self-evaluations", null),
                request("/api/allocations", null).POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json"),
                request("/api/reports/final-accounts/x/2022/publications", null)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")),
                request("/api/programs", null).POST(HttpRequest.BodyPublishers.ofString("{}")));
        for (HttpRequest.Builder r : refused) {
            HttpResponse<String> response = send(r);
            String what = response.request().method() + " " + response.request().uri().getPath();
            assertThat(response.statusCode()).as(what).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).as(what).contains("application/problem+json");
            assertThat(response.body()).as(what).contains("\"status\":401").contains("sign in");
        }
        assertThat(lastHeaders).as("no service was reached").isEmpty();
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", TestTokens.expired("SUPERVISOR", "000000", null)),
                Arguments.of("wrongly signed", TestTokens.wronglySigned("SUPERVISOR", "000000", null)),
                Arguments.of("alg=none", TestTokens.unsigned("SUPERVISOR", "000000", null)),
                Arguments.of("HS256 with the public key", TestTokens.hmacWithPublicKey("SUPERVISOR", "000000", null)),
                Arguments.of("not a JWT", "garbage"),
                Arguments.of("unknown role", TestTokens.withClaims(Map.of("sub", "x", "role", "ADMIN",
                        "region", "000000"))),
                Arguments.of("finance bureau without region", TestTokens.withClaims(Map.of("sub", "x",
                        "role", "FINANCE_BUREAU"))),
                Arguments.of("agency without org", TestTokens.withClaims(Map.of("sub", "x", "role", "AGENCY"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIs401EvenOnAPublicPath(String name, String token) {
        lastHeaders.clear();
        for (String path : List.of("/api/alerts", "/api/execution?fiscalYear=2020")) {
            HttpResponse<String> response = send(request(path, token));
            assertThat(response.statusCode()).as(name + " " + path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(name).hasValueSatisfying(
                    v -> assertThat(v).contains("invalid_token"));
            assertThat(response.body()).contains("the bearer token was refused");
        }
        HttpResponse<String> write = send(request("/api/allocations", token)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(lastHeaders).isEmpty();
    }

    @Test
    void aValidTokenIsRelayedAndTheClientAddressCannotBeSpoofed() {
        String token = TestTokens.financeBureau("140700");
        HttpResponse<String> response = send(request("/api/allocations", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"fromRegion\":\"140700\"}"))
                .header("Content-Type", "application/json")
                .header("X-Fundflow-Client-Address", "10.6.6.6"));
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> seen = lastHeaders.get("budget");
        assertThat(seen.get("authorization")).isEqualTo("Bearer " + token);
        assertThat(seen.get("x-fundflow-client-address")).isEqualTo("127.0.0.1");
    }

    @Test
    void securityHeadersOnEveryResponse() {
        for (String path : List.of("/api/execution?fiscalYear=2020", "/api/alerts")) {
            HttpResponse<String> response = send(request(path, null));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValueSatisfying(
                    v -> assertThat(v).contains("no-store"));
        }
    }

    @Test
    void theDevTokenIssuerDoesNotExistOutsideTheLocalProfile() {
        assertThat(context.getBeansOfType(DevTokenIssuer.class)).isEmpty();
        String body = "{\"subject\":\"me\",\"role\":\"SUPERVISOR\",\"region\":\"000000\"}";
        assertThat(send(request(DevTokenIssuer.TOKEN_PATH, null).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")).statusCode()).isEqualTo(401);
        assertThat(send(request(DevTokenIssuer.TOKEN_PATH, uniqueSupervisor())
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"))
                .statusCode()).isEqualTo(404);
        assertThat(send(request(DevTokenIssuer.JWKS_PATH, null)).statusCode()).isEqualTo(401);
    }

    @Test
    void oversizedBodiesAre413BeforeAnyServiceSeesThem() {
        lastHeaders.clear();
        HttpResponse<String> response = send(request("/api/allocations", TestTokens.financeBureau("140000"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"" + "x".repeat(2_000) + "\"}"))
                .header("Content-Type", "application/json"));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"status\":413").contains("limit here is 1000");
        assertThat(lastHeaders).isEmpty();
    }

    /** Burst 40 at 1 request/s: 100 requests cannot all pass unless they take over a minute. */
    @Test
    void aSubjectOverItsRateGets429WithRetryAfter() {
        String token = uniqueSupervisor();
        List<HttpResponse<String>> limited = new ArrayList<>();
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = send(request("/api/alerts", token));
            if (r.statusCode() == 429) {
                limited.add(r);
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                passed++;
            }
        }
        assertThat(passed).isGreaterThanOrEqualTo(40);
        assertThat(limited).isNotEmpty();
        HttpResponse<String> first = limited.get(0);
        assertThat(first.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));
        assertThat(first.body()).contains("\"status\":429").contains("burst 40");
        // another subject is not affected
        assertThat(send(request("/api/alerts", uniqueSupervisor())).statusCode()).isEqualTo(200);
    }
}
