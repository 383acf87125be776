package org.fundflow.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fundflow.budget.BudgetServiceApplication;
import org.fundflow.dashboard.DashboardApplication;
import org.fundflow.disbursement.DisbursementServiceApplication;
import org.fundflow.evaluation.EvaluationServiceApplication;
import org.fundflow.gateway.GatewayApplication;
import org.fundflow.reporting.ReportingServiceApplication;
import org.fundflow.embedded.Infrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The services (and the dashboard) as separate Spring contexts in one JVM, each with its own database on a shared PostgreSQL
 * server and all on one Kafka broker: the same wiring as the Docker deployment, minus the containers.
 */
public final class LocalSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);

    /** Ports to listen on; 0 picks a free one (tests). */
    public record Ports(int gateway, int budget, int disbursement, int evaluation, int reporting, int dashboard) {
        public static Ports defaults() {
            return new Ports(8080, 8081, 8082, 8083, 8084, 8085);
        }

        public static Ports random() {
            return new Ports(0, 0, 0, 0, 0, 0);
        }
    }

    /** The dashboard has no database: the services' database machinery on the shared classpath is not its. */
    private static final List<String> DASHBOARD_EXCLUDES = List.of(
            "org.fundflow.platform.PlatformAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            // the dashboard serves public pages only; the services' security on the shared classpath is not its
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                    + "OAuth2ResourceServerAutoConfiguration");

    private static final List<String> GATEWAY_EXCLUDES = List.of(
            "org.fundflow.platform.PlatformAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration");

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, URI> uris = new LinkedHashMap<>();
    private String jwkSetUri;

    private LocalSystem() {
    }

    /**
     * @param databaseUrl    makes (if needed) the named database and returns its JDBC URL
     * @param kafkaBootstrap the broker
     */
    public static LocalSystem start(Function<String, String> databaseUrl, String kafkaBootstrap, Ports ports) {
        LocalSystem system = new LocalSystem();
        // The gateway is the local identity provider (profile 'local': dev token endpoint and key) and starts last,
        // after the services it routes to; the services must know its JWK set address before that, so its port is
        // chosen first.
        int gatewayPort = ports.gateway() == 0 ? freePort() : ports.gateway();
        system.jwkSetUri = "http://localhost:" + gatewayPort + "/dev/jwks.json";
        try {
            system.service("budget", BudgetServiceApplication.application(), ports.budget(), databaseUrl,
                    kafkaBootstrap);
            system.service("disbursement", DisbursementServiceApplication.application(), ports.disbursement(),
                    databaseUrl, kafkaBootstrap, "--fundflow.budget-uri=" + system.uris.get("budget"));
            system.service("evaluation", EvaluationServiceApplication.application(), ports.evaluation(),
                    databaseUrl, kafkaBootstrap);
            system.service("reporting", ReportingServiceApplication.application(), ports.reporting(), databaseUrl,
                    kafkaBootstrap);
            system.dashboard(ports.dashboard(), kafkaBootstrap);
            SpringApplication gateway = GatewayApplication.application();
            gateway.setWebApplicationType(WebApplicationType.REACTIVE);
            List<String> args = new ArrayList<>(common(gatewayPort));
            args.add("--spring.profiles.active=local");
            // One classpath holds all five services: the gateway must not pick up their database, Kafka and
            // servlet machinery, which its own deployable jar does not even contain.
            args.add("--spring.main.web-application-type=reactive");
            args.add("--spring.autoconfigure.exclude=" + String.join(",", GATEWAY_EXCLUDES));
            system.uris.forEach((name, uri) -> args.add("--fundflow.services." + name + "=" + uri));
            system.run("gateway", gateway, args);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void service(String name, SpringApplication app, int port, Function<String, String> databaseUrl,
            String kafkaBootstrap, String... extraArgs) {
        app.setWebApplicationType(WebApplicationType.SERVLET);
        List<String> args = new ArrayList<>(common(port));
        args.addAll(List.of(extraArgs));
        args.add("--spring.datasource.url=" + databaseUrl.apply(name));
        args.add("--spring.datasource.username=" + Infrastructure.USER);
        args.add("--spring.datasource.password=" + Infrastructure.PASSWORD);
        args.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrap);
        args.add("--fundflow.security.jwk-set-uri=" + jwkSetUri);
        // the gateway's jar shares this classpath; its auto-configuration belongs to the gateway context only
        args.add("--spring.cloud.gateway.server.webflux.enabled=false");
        run(name, app, args);
    }

    private void dashboard(int port, String kafkaBootstrap) {
        SpringApplication app = DashboardApplication.application();
        app.setWebApplicationType(WebApplicationType.SERVLET);
        List<String> args = new ArrayList<>(common(port));
        args.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrap);
        args.add("--spring.cloud.gateway.server.webflux.enabled=false");
        args.add("--spring.autoconfigure.exclude=" + String.join(",", DASHBOARD_EXCLUDES));
        run("dashboard", app, args);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port for the gateway", e);
        }
    }

    private static List<String> common(int port) {
        // One shutdown sequence for all (ours), so the database is not stopped under a service still closing.
        return List.of("--server.port=" + port, "--spring.main.register-shutdown-hook=false",
                "--spring.main.banner-mode=off");
    }

    private void run(String name, SpringApplication app, List<String> args) {
        long start = System.nanoTime();
        ConfigurableApplicationContext ctx = app.run(args.toArray(String[]::new));
        contexts.add(ctx);
        String port = ctx.getEnvironment().getProperty("local.server.port");
        uris.put(name, URI.create("http://localhost:" + port));
        log.info("{} started on port {} in {} ms", name, port, (System.nanoTime() - start) / 1_000_000);
    }

    public URI gateway() {
        return uris.get("gateway");
    }

    /** budget, disbursement, evaluation, reporting, dashboard or gateway. */
    public URI uri(String service) {
        return uris.get(service);
    }

    public Map<String, URI> uris() {
        return Map.copyOf(uris);
    }

    public ConfigurableApplicationContext context(String service) {
        int i = new ArrayList<>(uris.keySet()).indexOf(service);
        return contexts.get(i);
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                log.warn("error closing a service", e);
            }
        }
        contexts.clear();
    }
}
