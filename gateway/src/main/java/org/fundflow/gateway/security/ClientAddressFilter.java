package org.fundflow.gateway.security;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the services who connected, for the audit trail: {@value #HEADER} is always overwritten with the address the
 * gateway saw, so a client cannot choose what is recorded. Behind a load balancer, set
 * {@code server.forward-headers-strategy=native} so that address is the client's, not the balancer's.
 */
@Component
class ClientAddressFilter implements GlobalFilter, Ordered {
    static final String HEADER = "X-Fundflow-Client-Address";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> {
            h.remove(HEADER);
            if (address != null) {
                h.set(HEADER, address);
            }
        })).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
