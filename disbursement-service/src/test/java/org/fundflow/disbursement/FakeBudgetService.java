package org.fundflow.disbursement;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.fundflow.contracts.Events;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server standing in for budget-service's {@code GET /api/allocations/{id}} (the only call
 * disbursement-service makes to it), serving the same JSON view: the issued facts plus budget, movements and
 * children, which the read-through must ignore. One per test JVM, on a free port, named to the Spring context through
 * {@code fundflow.budget-uri}.
 *
 * <p>Like budget-service it wants a bearer token (401 without one) and shows an allocation to an agency only if the
 * allocation was made to the agency's org (403 otherwise; finance bureaus and supervisors are let through, their
 * scope is not what this service relays). It reads the token's claims without verifying the signature: the service
 * under test verified it already, and what is proven here is that the caller's token is relayed.
 */
public final class FakeBudgetService {
    private static FakeBudgetService shared;

    /** How the next requests are answered. */
    public enum Mode {
        NORMAL, ANSWER_503, ANSWER_401, SLOWER_THAN_THE_READ_TIMEOUT
    }

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, String> views = new ConcurrentHashMap<>();
    private final Map<UUID, String> toOrgs = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<UUID, String> authorizations = new ConcurrentHashMap<>();
    private volatile Mode mode = Mode.NORMAL;

    private FakeBudgetService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/api/allocations/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-budget-service");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static synchronized FakeBudgetService shared() {
        if (shared == null) {
            try {
                shared = new FakeBudgetService();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the fake budget-service", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0), "fake-budget-stop"));
        }
        return shared;
    }

    public String uri() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** How many times the allocation was asked for. */
    public int requests(UUID allocationId) {
        AtomicInteger n = requests.get(allocationId);
        return n == null ? 0 : n.get();
    }

    /** The Authorization header of the last request for the allocation ("" if it had none). */
    public String lastAuthorization(UUID allocationId) {
        return authorizations.get(allocationId);
    }

    /** The org a served allocation was made to (empty for one to a region or one not served). */
    public Optional<String> toOrgOf(UUID allocationId) {
        return Optional.ofNullable(toOrgs.get(allocationId));
    }

    /** Serves the allocation as budget-service's view would show it right after its 201. */
    public void serve(Events.AllocationIssued a) {
        ObjectNode v = json.createObjectNode();
        v.put("allocationId", a.allocationId().toString());
        v.put("programCode", a.programCode());
        v.put("programName", a.programName());
        v.put("fiscalYear", a.fiscalYear());
        v.put("sourceLevel", a.sourceLevel() == null ? null : a.sourceLevel().name());
        v.put("level", a.level() == null ? null : a.level().name());
        v.put("fromRegion", a.fromRegion());
        v.put("fromRegionName", a.fromRegionName());
        v.put("toRegion", a.toRegion());
        v.put("toRegionName", a.toRegionName());
        v.put("toOrg", a.toOrg());
        v.put("toOrgName", a.toOrgName());
        v.put("toOrgRegion", a.toOrgRegion());
        v.put("parentAllocationId", a.parentAllocationId() == null ? null : a.parentAllocationId().toString());
        v.put("rootAllocationId", a.rootAllocationId().toString());
        v.put("amount", a.amount().toString());
        v.put("budget", a.amount().toString());
        v.put("distributed", "0.00");
        v.put("undistributed", a.amount().toString());
        v.put("docNo", a.docNo());
        v.put("issuedOn", a.issuedOn().toString());
        v.put("functionCode", a.functionCode());
        v.put("economicCode", a.economicCode());
        v.put("note", a.note());
        v.put("recordedBy", "finance-bureau");
        v.put("recordedAt", Instant.now().toString());
        v.putArray("movements");
        v.putArray("childAllocationIds");
        views.put(a.allocationId(), json.writeValueAsString(v));
        if (a.toOrg() != null) {
            toOrgs.put(a.allocationId(), a.toOrg());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String id = path.substring("/api/allocations/".length());
            UUID allocationId;
            try {
                allocationId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, "{\"status\":400,\"field\":\"id\"}");
                return;
            }
            requests.computeIfAbsent(allocationId, k -> new AtomicInteger()).incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.put(allocationId, authorization == null ? "" : authorization);
            Map<String, Object> claims = claims(authorization);
            if (claims == null || mode == Mode.ANSWER_401) {
                respond(exchange, 401, "{\"status\":401,\"detail\":\"sign in: this needs a bearer token\"}");
                return;
            }
            switch (mode) {
                case ANSWER_503 -> respond(exchange, 503, "{\"status\":503}");
                case SLOWER_THAN_THE_READ_TIMEOUT -> {
                    try {
                        Thread.sleep(4_500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    respond(exchange, 200, views.getOrDefault(allocationId, "{}"));
                }
                default -> {
                    String view = views.get(allocationId);
                    if (view == null) {
                        respond(exchange, 404, "{\"status\":404,\"field\":\"id\",\"detail\":\"no allocation\"}");
                    } else if ("AGENCY".equals(claims.get("role"))
                            && !Objects.equals(claims.get("org"), toOrgs.get(allocationId))) {
                        respond(exchange, 403, "{\"status\":403,\"field\":\"id\",\"detail\":\"outside your scope\"}");
                    } else {
                        respond(exchange, 200, view);
                    }
                }
            }
        }
    }

    /** The claims of a bearer token (signature not checked: see the class comment), or null if there is none. */
    private Map<String, Object> claims(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> claims = json.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
            return claims;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                status == 200 ? "application/json" : "application/problem+json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client gave up (read timeout): nothing to answer
        }
    }
}
