package org.fundflow.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fundflow.testsupport.TestInfrastructure;

/**
 * Reads a topic with a plain consumer (no group), as a downstream service would see it: either everything on it,
 * or only what arrived since the object was made (a test makes it before its writes), so a topic holding an earlier
 * test's hundred thousand imported payments is not read again on every poll.
 */
public final class KafkaTopic {
    public static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String topic;
    private final Map<TopicPartition, Long> start;

    private KafkaTopic(String topic, boolean fromNow) {
        this.topic = topic;
        ensureExists();
        if (fromNow) {
            try (KafkaConsumer<String, String> consumer = consumer()) {
                this.start = consumer.endOffsets(partitions(consumer));
            }
        } else {
            this.start = Map.of();
        }
    }

    /** Reads everything the topic ever received. */
    public static KafkaTopic fromBeginning(String topic) {
        return new KafkaTopic(topic, false);
    }

    /** Reads only what arrives after this call. */
    public static KafkaTopic fromNow(String topic) {
        return new KafkaTopic(topic, true);
    }

    /** Every record read so far by {@link #matching}. */
    public List<ConsumerRecord<String, String>> all() {
        return matching(r -> true);
    }

    /** Every record that matches, once at least {@code expected} of them have arrived. */
    public List<ConsumerRecord<String, String>> awaitRecords(Predicate<ConsumerRecord<String, String>> match,
            int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.clear();
            found.addAll(matching(match));
            return found.size() >= expected;
        });
        return found;
    }

    public List<ConsumerRecord<String, String>> awaitKey(String key, int expected) {
        return awaitRecords(r -> key.equals(r.key()), expected);
    }

    /** The records since this object was made that match, partition by partition (order is kept within a key). */
    public List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> match) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, start.getOrDefault(p, 0L)));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + end);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        out.add(r);
                    }
                }
            }
            return out;
        }
    }

    /** Σ end offsets over the partitions: how many records the topic has ever received. */
    public long size() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(p);
    }

    /** Creates the topic as the broker would on first publish, so its offsets can be read before any event. */
    private void ensureExists() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        try (Admin admin = Admin.create(p)) {
            if (admin.listTopics().names().get().contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
