package org.fundflow.dashboard.live;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.fundflow.contracts.Topics;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Whether the feed is listening yet (health component {@code liveFeed}). A fresh group starting at the latest
 * offsets only sees what is produced after its position is fixed, so the position is looked up as soon as the
 * partitions arrive, and only then does the feed count as listening. Until then the component is UNKNOWN, which
 * does not make the service unhealthy: pages are served either way.
 */
@Component("liveFeedHealthIndicator")
class LiveFeedReadiness implements ConsumerAwareRebalanceListener, HealthIndicator {
    static final List<String> TOPICS = List.of(Topics.PAYMENT, Topics.ALLOCATION);

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(consumer::position);
        assigned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    boolean listening() {
        return TOPICS.stream().allMatch(t -> assigned.stream().anyMatch(p -> p.topic().equals(t)));
    }

    @Override
    public Health health() {
        Health.Builder b = listening() ? Health.up() : Health.unknown();
        return b.withDetail("partitions", assigned.size()).build();
    }
}
