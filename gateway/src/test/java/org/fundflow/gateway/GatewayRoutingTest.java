package org.fundflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Routing table and correlation ids (the services themselves are exercised end to end through the gateway in
 * local-run's tests).
 */
class GatewayRoutingTest extends GatewayTestBase {
    /** Routing is checked with a token that may read everything, so no path is refused before it is routed. */
    private static final String READER = TestTokens.supervisor("000000");

    HttpResponse<String> get(String path, String correlationId) {
        HttpRequest.Builder b = request(path, READER);
        if (correlationId != null) {
            b.header("X-Correlation-Id", correlationId);
        }
        return send(b);
    }

    @Test
    void routesEveryContractPathToItsService() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("/api/allocations/abc", "budget"), Map.entry("/api/programs?fiscalYear=2020", "budget"),
                Map.entry("/api/orgs/140700208", "budget"), Map.entry("/api/regions/140700", "budget"),
                Map.entry("/api/payments/x", "disbursement"), Map.entry("/api/org-allocations/x", "disbursement"),
                Map.entry("/api/execution?fiscalYear=2020", "evaluation"), Map.entry("/api/alerts", "evaluation"),
                Map.entry("/api/reports/fund-flow?programCode=a&fiscalYear=2020", "reporting"),
                Map.entry("/api/audit?region=140000", "reporting"),
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
    void keepsAWellFormedCorrelationIdAndReplacesAHostileOne() {
        HttpResponse<String> kept = get("/api/alerts", "req-123");
        assertThat(kept.headers().firstValue("X-Correlation-Id")).contains("req-123");
        assertThat(lastHeaders.get("evaluation").get("x-correlation-id")).isEqualTo("req-123");

        HttpResponse<String> replaced = get("/api/alerts", "bad id <script>;drop");
        String id = replaced.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(lastHeaders.get("evaluation").get("x-correlation-id")).isEqualTo(id);
    }

    @Test
    void unknownPathsAreNotRouted() {
        assertThat(get("/api/nothing-here", null).statusCode()).isEqualTo(404);
    }
}
