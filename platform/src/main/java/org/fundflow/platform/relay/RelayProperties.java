package org.fundflow.platform.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay of one service.
 *
 * @param enabled         false for a service that publishes nothing, or a replica meant never to stream
 * @param name            distinguishes this service's slot, publication, advisory lock and offsets
 * @param standbyRetry    how often a replica that does not hold the lock tries again
 * @param heartbeat       Debezium heartbeat: keeps the slot advancing when other databases on the server write
 */
@ConfigurationProperties("fundflow.relay")
public record RelayProperties(
        @DefaultValue("true") boolean enabled,
        String name,
        @DefaultValue("2s") Duration standbyRetry,
        @DefaultValue("10s") Duration heartbeat) {

    String slotName() {
        return name.replaceAll("[^a-z0-9_]", "_") + "_outbox";
    }

    String publicationName() {
        return slotName() + "_pub";
    }

    /** One advisory lock per relay name, so only one replica of a service streams its slot. */
    long lockKey() {
        return 0x0f10_0000_0000L + (slotName().hashCode() & 0xffffffffL);
    }
}
