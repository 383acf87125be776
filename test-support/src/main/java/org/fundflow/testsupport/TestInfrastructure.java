package org.fundflow.testsupport;

import org.fundflow.embedded.Infrastructure;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, shared by every test class and Spring context in it:
 * Testcontainers where a Docker engine answers, the in-process {@link Infrastructure} where none does (as on the
 * development and CI machines). Both are the real thing; nothing is mocked.
 */
public final class TestInfrastructure {
    private static String host;
    private static int pgPort;
    private static String kafkaBootstrap;

    private TestInfrastructure() {
    }

    private static synchronized void ensureStarted() {
        if (kafkaBootstrap != null) {
            return;
        }
        if (dockerAvailable()) {
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:16-alpine")
                    .withUsername(Infrastructure.USER).withPassword(Infrastructure.PASSWORD)
                    .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=40",
                            "-c", "max_wal_senders=40", "-c", "max_connections=400");
            pg.start();
            KafkaContainer kafka = new KafkaContainer("apache/kafka-native:3.8.0");
            kafka.start();
            host = pg.getHost();
            pgPort = pg.getMappedPort(5432);
            kafkaBootstrap = kafka.getBootstrapServers();
        } else {
            Infrastructure infra = Infrastructure.start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "test-infrastructure-stop"));
            host = "localhost";
            pgPort = infra.postgresPort();
            kafkaBootstrap = infra.kafkaBootstrap();
        }
    }

    private static boolean dockerAvailable() {
        boolean hint = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run",
                        "docker.sock"));
        if (!hint) {
            return false; // no engine to ask: skip Testcontainers' noisy probe
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    /** JDBC URL of a fresh-or-existing database of that name on the shared server. */
    public static String database(String name) {
        ensureStarted();
        return Infrastructure.createDatabase(host, pgPort, name);
    }

    public static String kafkaBootstrap() {
        ensureStarted();
        return kafkaBootstrap;
    }

    /**
     * Points a Spring test context at the shared infrastructure, with its own database, trusting {@link TestTokens}.
     */
    public static void register(DynamicPropertyRegistry registry, String database) {
        String url = database(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> Infrastructure.USER);
        registry.add("spring.datasource.password", () -> Infrastructure.PASSWORD);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrap);
        registry.add("fundflow.security.public-key", TestTokens::publicKey);
    }
}
