package org.fundflow.gateway.limits;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fundflow.gateway.security.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Body size and request rate limits on the API ({@code /api/**} and {@code /dev/**}; the dashboard's static files are
 * not counted). Runs after authentication, so a signed-in caller is limited by subject wherever they connect from,
 * and an anonymous one by address. Over the limit: 429 with {@code Retry-After} (whole seconds until the next request
 * would pass). Buckets live in this gateway's memory: with several gateway replicas each applies the limit on its
 * own share of the traffic.
 */
@Component
@EnableConfigurationProperties(LimitProperties.class)
class RequestLimits implements WebFilter, Ordered {
    static final String UPLOAD_PATH = "/api/payment-imports";
    private static final int MAX_BUCKETS = 100_000;

    private final LimitProperties props;
    private final MeterRegistry meters;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestLimits(LimitProperties props, MeterRegistry meters) {
        this.props = props;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/") && !path.startsWith("/dev/")) {
            return chain.filter(exchange);
        }
        long length = exchange.getRequest().getHeaders().getContentLength();
        long limit = path.startsWith(UPLOAD_PATH) ? props.maxUploadBytes() : props.maxBodyBytes();
        if (length > limit) {
            meters.counter("fundflow.gateway.refused", "reason", "body-too-large").increment();
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                    "the request body is " + length + " bytes; the limit here is " + limit);
        }
        return exchange.getPrincipal().map(Principal::getName).map(name -> "subject:" + name)
                .switchIfEmpty(Mono.fromSupplier(() -> "address:" + address(exchange)))
                .flatMap(key -> {
                    LimitProperties.Rate rate = key.startsWith("subject:") ? props.perSubject() : props.anonymous();
                    long waitNanos = bucket(key).take(rate, System.nanoTime());
                    if (waitNanos == 0) {
                        return chain.filter(exchange);
                    }
                    meters.counter("fundflow.gateway.refused", "reason", "rate-limit").increment();
                    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                            "more than " + rate.perSecond() + " requests a second (burst " + rate.burst()
                                    + "); retry after " + seconds + " s");
                });
    }

    private Bucket bucket(String key) {
        if (buckets.size() > MAX_BUCKETS) {
            long now = System.nanoTime();
            buckets.values().removeIf(b -> b.idleFor(now) > 60_000_000_000L);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket());
    }

    static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** After Spring Security's filter chain (order -100): the principal is known. */
    @Override
    public int getOrder() {
        return 0;
    }

    static final class Bucket {
        private double tokens = -1;
        private long last;

        /** 0 if a request may pass now (and takes a token), else nanoseconds until one may. */
        synchronized long take(LimitProperties.Rate rate, long now) {
            if (tokens < 0) {
                tokens = rate.burst();
                last = now;
            }
            tokens = Math.min(rate.burst(), tokens + (now - last) / 1e9 * rate.perSecond());
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / rate.perSecond() * 1e9);
        }

        synchronized long idleFor(long now) {
            return now - last;
        }
    }
}
