package org.fundflow.gateway.correlation;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id (keeping a well-formed one the client sent), forwards it to the service,
 * which stores it with the events it writes, and returns it to the client, so one id ties a click to its log
 * lines, events and consumer effects.
 */
@Component
class CorrelationIdFilter implements GlobalFilter, Ordered {
    static final String HEADER = "X-Correlation-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger log = LoggerFactory.getLogger(CorrelationIdFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ServerWebExchange forwarded = exchange.mutate()
                .request(r -> r.headers(h -> h.set(HEADER, id))).build();
        forwarded.getResponse().beforeCommit(() -> {
            forwarded.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        long start = System.nanoTime();
        return chain.filter(forwarded).doFinally(signal -> log.info("{} {} {} -> {} in {} ms [{}]",
                exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                exchange.getRequest().getRemoteAddress() == null ? "-"
                        : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress(),
                forwarded.getResponse().getStatusCode(), (System.nanoTime() - start) / 1_000_000, id));
    }

    /** First of all filters: authentication (a later filter) already logs with the id. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
