package org.fundflow.dashboard.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live feed's pace.
 *
 * @param coalesce       changes arriving within this window go out as one message (200 ms: at most 5 a second)
 * @param heartbeat      a comment line this often keeps proxies from closing an idle stream and finds dead clients
 * @param emitterTimeout how long one stream lives; the browser's EventSource reconnects by itself afterwards
 * @param maxClients     streams held at once; more get 503 (each holds a connection, not a thread)
 */
@ConfigurationProperties("fundflow.dashboard.live")
record LiveProperties(@DefaultValue("200ms") Duration coalesce, @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration emitterTimeout, @DefaultValue("2000") int maxClients) {
}
