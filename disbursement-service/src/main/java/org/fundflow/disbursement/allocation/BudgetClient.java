package org.fundflow.disbursement.allocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.platform.web.CorrelationId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one allocation from budget-service ({@code GET /api/allocations/{id}}), for a payment that names an allocation
 * whose event has not been consumed here yet. Short timeouts: a payment waits at most about four seconds for an
 * answer, then is refused with 503 rather than accepted unchecked.
 *
 * <p>The caller's bearer token is relayed: budget-service shows an allocation to its recipient org's agency, so an
 * agency can never learn (or pay from) another org's allocation through this service.
 */
@Component
class BudgetClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    private final RestClient http;
    private final URI baseUri;
    private final JsonMapper json;

    BudgetClient(@Value("${fundflow.budget-uri:http://localhost:8081}") URI baseUri, JsonMapper json) {
        this.baseUri = baseUri;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        factory.setReadTimeout(READ_TIMEOUT);
        this.http = RestClient.builder().baseUrl(baseUri.toString()).requestFactory(factory).build();
        // The view has more than the event (budget, movements, children): read it as the event, tolerantly.
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** The allocation as budget-service issued it, or empty if budget-service does not know the id. */
    record Fetched(Events.AllocationIssued issued, Instant recordedAt) {
    }

    /**
     * @param authorization the caller's {@code Authorization} header, relayed as is (null: none, which budget-service
     *                      refuses)
     * @throws Refused     when budget-service refuses the caller (401 or 403): not theirs to see
     * @throws Unavailable when budget-service cannot be reached, times out, or answers anything but 200, 401, 403 or
     *                     404
     */
    Optional<Fetched> fetch(UUID allocationId, String authorization) {
        byte[] body;
        try {
            body = http.get().uri("/api/allocations/{id}", allocationId).accept(MediaType.APPLICATION_JSON)
                    .header(CorrelationId.HEADER, CorrelationId.currentOrNew())
                    .headers(h -> {
                        if (authorization != null && !authorization.isBlank()) {
                            h.set(HttpHeaders.AUTHORIZATION, authorization);
                        }
                    })
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 404) {
                            return null;
                        }
                        if (status == 401 || status == 403) {
                            throw new Refused(status);
                        }
                        if (status != 200) {
                            throw new Unavailable("budget-service at " + baseUri + " answered " + status);
                        }
                        return response.getBody().readAllBytes();
                    });
        } catch (RestClientException e) {
            throw new Unavailable("budget-service at " + baseUri + " did not answer: " + rootMessage(e));
        }
        if (body == null) {
            return Optional.empty();
        }
        try {
            JsonNode view = json.readTree(body);
            Events.AllocationIssued issued = json.treeToValue(view, Events.AllocationIssued.class);
            if (!allocationId.equals(issued.allocationId()) || issued.programCode() == null
                    || issued.amount() == null || issued.issuedOn() == null) {
                throw new Unavailable("budget-service answered an incomplete allocation " + allocationId);
            }
            String recordedAt = view.path("recordedAt").asString(null);
            return Optional.of(new Fetched(issued, recordedAt == null ? null : Instant.parse(recordedAt)));
        } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new Unavailable("budget-service answered an unreadable allocation " + allocationId + ": "
                    + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    /** budget-service refused to show the allocation to the caller whose token was relayed. */
    static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status) {
            super(status == 401 ? "budget-service did not accept the token (401)"
                    : "budget-service does not show it to you (403)");
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** budget-service could not say whether the allocation exists. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
