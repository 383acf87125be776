package org.fundflow.platform.relay;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams this service's outbox to Kafka with a Debezium embedded engine (pgoutput + Outbox Event Router).
 *
 * <ul>
 * <li>The replication slot and publication are created before the service takes writes, and the slot survives
 * stops, so rows written while the relay is down are streamed when it comes back: none lost.</li>
 * <li>Offsets live in the service's database ({@link JdbcOffsetStore}) and are committed only after Kafka
 * acknowledged the batch. A crash in between re-sends a few events; consumers deduplicate by event id.</li>
 * <li>Only the replica holding a PostgreSQL advisory lock streams; the others wait in standby.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelayProperties props;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String bootstrapServers;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Timer lag;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastLagMillis = new AtomicLong();

    private volatile boolean running;
    private volatile Thread worker;
    private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile Connection lockConnection;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(RelayProperties props, String jdbcUrl, String user, String password, String bootstrapServers,
            JsonMapper json, MeterRegistry meters) {
        this.props = props;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.bootstrapServers = bootstrapServers;
        this.json = json;
        this.meters = meters;
        this.lag = Timer.builder("fundflow.relay.lag")
                .description("time from an outbox row's commit to its acknowledgement by Kafka")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
        meters.gauge("fundflow.relay.active", active);
        meters.gauge("fundflow.relay.last.lag.ms", lastLagMillis);
        prepareSlotAndPublication();
    }

    /** Creates the publication and the slot if missing: from this moment on, no outbox row can be missed. */
    private void prepareSlotAndPublication() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_publication WHERE pubname = '"
                    + props.publicationName() + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE PUBLICATION " + props.publicationName() + " FOR TABLE outbox");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = '"
                    + props.slotName() + "'")) {
                if (!rs.next()) {
                    s.execute("SELECT pg_create_logical_replication_slot('" + props.slotName() + "', 'pgoutput')");
                    log.info("created replication slot {}", props.slotName());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the outbox replication slot " + props.slotName()
                    + " (the server needs wal_level=logical)", e);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        producer = new KafkaProducer<>(producerConfig());
        worker = new Thread(this::runLoop, "outbox-relay-" + props.name());
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeEngine();
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseLock();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the data source and Kafka clients close, starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /** True while this replica holds the lock and streams. */
    public boolean isStreaming() {
        return active.get() == 1;
    }

    private void runLoop() {
        while (running) {
            try {
                if (!acquireLock()) {
                    sleep(props.standbyRetry());
                    continue;
                }
                active.set(1);
                log.info("relay {} holds the lock and streams slot {}", props.name(), props.slotName());
                DebeziumEngine<ChangeEvent<String, String>> e = DebeziumEngine.create(Json.class, Json.class,
                        Json.class).using(engineConfig()).notifying(this::publishBatch).build();
                engine = e;
                e.run();
            } catch (RuntimeException e) {
                log.warn("relay {} stopped with an error; retrying", props.name(), e);
            } finally {
                active.set(0);
                engine = null;
                releaseLock();
            }
            if (running) {
                sleep(props.standbyRetry());
            }
        }
    }

    private void publishBatch(List<ChangeEvent<String, String>> records,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        List<Instant> occurred = new ArrayList<>(records.size());
        for (ChangeEvent<String, String> record : records) {
            String topic = record.destination();
            if (topic == null || !topic.startsWith(Topics.PREFIX) || record.value() == null) {
                sends.add(null); // heartbeats and anything not routed by the outbox router
                occurred.add(null);
                continue;
            }
            JsonNode envelope = json.readTree(record.value());
            ProducerRecord<String, String> out = new ProducerRecord<>(topic,
                    envelope.path("aggregateId").asString(), record.value());
            header(out, EventHeaders.EVENT_ID, envelope.path("eventId").asString());
            header(out, EventHeaders.EVENT_TYPE, envelope.path("type").asString());
            header(out, EventHeaders.CORRELATION_ID, envelope.path("correlationId").asString());
            sends.add(producer.send(out));
            occurred.add(Instant.parse(envelope.path("occurredAt").asString()));
        }
        for (int i = 0; i < records.size(); i++) {
            Future<RecordMetadata> send = sends.get(i);
            if (send != null) {
                try {
                    RecordMetadata md = send.get();
                    long millis = Math.max(0, Duration.between(occurred.get(i), Instant.now()).toMillis());
                    lag.record(Duration.ofMillis(millis));
                    lastLagMillis.set(millis);
                    meters.counter("fundflow.relay.published", "topic", md.topic()).increment();
                } catch (java.util.concurrent.ExecutionException e) {
                    // Not committing: the engine stops, and the unacknowledged events are streamed again.
                    throw new IllegalStateException("Kafka did not acknowledge an outbox event", e.getCause());
                }
            }
            committer.markProcessed(records.get(i));
        }
        committer.markBatchFinished();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null && !value.isEmpty()) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private boolean acquireLock() {
        try {
            if (lockConnection == null || lockConnection.isClosed()) {
                lockConnection = DriverManager.getConnection(jdbcUrl, user, password);
            }
            try (PreparedStatement ps = lockConnection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, props.lockKey());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            log.warn("relay {} cannot reach its database: {}", props.name(), e.getMessage());
            releaseLock();
            return false;
        }
    }

    private void releaseLock() {
        Connection c = lockConnection;
        lockConnection = null;
        if (c != null) {
            try {
                c.close(); // closing the session releases the advisory lock
            } catch (SQLException ignored) {
                // the session is gone, and the lock with it
            }
        }
    }

    private void closeEngine() {
        DebeziumEngine<ChangeEvent<String, String>> e = engine;
        if (e != null) {
            try {
                e.close();
            } catch (Exception ex) {
                log.warn("error closing relay engine {}", props.name(), ex);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + props.name());
        return p;
    }

    private Properties engineConfig() {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        Properties p = new Properties();
        p.setProperty("name", props.name() + "-outbox-relay");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", JdbcOffsetStore.class.getName());
        p.setProperty(JdbcOffsetStore.URL, jdbcUrl);
        p.setProperty(JdbcOffsetStore.USER, user);
        p.setProperty(JdbcOffsetStore.PASSWORD, password == null ? "" : password);
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("database.hostname", uri.getHost());
        p.setProperty("database.port", String.valueOf(uri.getPort() > 0 ? uri.getPort() : 5432));
        p.setProperty("database.user", user);
        p.setProperty("database.password", password == null ? "" : password);
        p.setProperty("database.dbname", database);
        p.setProperty("topic.prefix", props.slotName());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", props.slotName());
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("publication.name", props.publicationName());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", "public.outbox");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("heartbeat.interval.ms", String.valueOf(props.heartbeat().toMillis()));
        p.setProperty("poll.interval.ms", "50");
        p.setProperty("key.converter.schemas.enable", "false");
        p.setProperty("value.converter.schemas.enable", "false");
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.route.by.field", "aggregatetype");
        p.setProperty("transforms.outbox.route.topic.replacement", Topics.PREFIX + "${routedByValue}");
        p.setProperty("transforms.outbox.table.expand.json.payload", "true");
        p.setProperty("transforms.outbox.table.fields.additional.placement", "type:header:eventType");
        return p;
    }
}
