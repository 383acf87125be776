package org.fundflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on machines without Docker, so this keeps it honest: it parses, and every
 * service, port, database and environment variable agrees with what the services actually read.
 */
class DockerComposeTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> APPS = List.of("budget-service", "disbursement-service", "evaluation-service",
            "reporting-service", "gateway", "dashboard");
    static final Map<String, Integer> PORTS = Map.of("gateway", 8080, "budget-service", 8081,
            "disbursement-service", 8082, "evaluation-service", 8083, "reporting-service", 8084, "dashboard", 8085);
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    /** The ${VAR:default} placeholders a service's own config file reads. */
    static Set<String> placeholders(String app) throws IOException {
        String config = app.equals("gateway") ? "gateway.yml" : app + ".yml";
        try (InputStream in = DockerComposeTest.class.getResourceAsStream("/" + config)) {
            assertThat(in).as("config %s on the classpath", config).isNotNull();
            Matcher m = Pattern.compile("\\$\\{([A-Z_]+)[:}]").matcher(new String(in.readAllBytes()));
            Set<String> vars = new HashSet<>();
            while (m.find()) {
                vars.add(m.group(1));
            }
            return vars;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsThereWithItsModuleAndPort() {
        assertThat(services).containsKeys("postgres", "kafka");
        for (String app : APPS) {
            assertThat(services).as(app).containsKey(app);
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) services.get(app).get("build");
            @SuppressWarnings("unchecked")
            Map<String, Object> args = (Map<String, Object>) build.get("args");
            assertThat(args.get("SERVICE")).isEqualTo(app);
            assertThat(ROOT.resolve(app).resolve("pom.xml")).exists();
            assertThat(ROOT.resolve(String.valueOf(build.get("dockerfile")))).exists();
            int port = PORTS.get(app);
            assertThat(env(app).get("PORT")).isEqualTo(port);
            assertThat((List<Object>) services.get(app).get("ports")).containsExactly(port + ":" + port);
            assertThat(services.get(app)).containsKey("healthcheck");
        }
    }

    @Test
    void environmentVariablesAreExactlyOnesTheServicesRead() throws IOException {
        for (String app : APPS) {
            assertThat(placeholders(app)).as("variables %s reads", app).containsAll(env(app).keySet());
        }
        for (String app : APPS.subList(0, 4)) {
            String dbVar = app.replace("-service", "").toUpperCase() + "_DB_URL";
            assertThat(env(app)).as(app).containsKeys(dbVar, "DB_USER", "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS");
            assertThat(env(app).get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void databasesExistAndPostgresCanFeedDebezium() throws IOException {
        String init = Files.readString(ROOT.resolve("deploy/postgres/init.sql"));
        for (String app : APPS.subList(0, 4)) {
            String dbVar = app.replace("-service", "").toUpperCase() + "_DB_URL";
            String url = String.valueOf(env(app).get(dbVar));
            assertThat(url).startsWith("jdbc:postgresql://postgres:5432/");
            String db = url.substring(url.lastIndexOf('/') + 1);
            assertThat(init).contains("CREATE DATABASE " + db + ";");
        }
        assertThat((List<Object>) services.get("postgres").get("command")).contains("wal_level=logical");
    }

    @Test
    void gatewayPointsAtTheServicesItDependsOn() {
        Map<String, Object> env = env("gateway");
        for (String app : APPS.stream().filter(a -> !a.equals("gateway")).toList()) {
            String var = app.replace("-service", "").toUpperCase() + "_URI";
            assertThat(env.get(var)).isEqualTo("http://" + app + ":" + PORTS.get(app));
            @SuppressWarnings("unchecked")
            Map<String, Object> dependsOn = (Map<String, Object>) services.get("gateway").get("depends_on");
            assertThat(dependsOn).containsKey(app);
        }
    }

    /**
     * Sign-in: the gateway and every service verify Keycloak's tokens, and the realm they point at issues the
     * claims fundflow reads (role, region, org) through both clients, with no password in the repository.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyServiceVerifiesTokensFromTheFundflowRealm() throws IOException {
        for (String app : List.of("gateway", "budget-service", "disbursement-service", "evaluation-service",
                "reporting-service")) {
            assertThat(env(app).get("FUNDFLOW_SECURITY_JWK_SET_URI")).as(app)
                    .isEqualTo("http://keycloak:8080/realms/fundflow/protocol/openid-connect/certs");
            assertThat(env(app).get("FUNDFLOW_SECURITY_ISSUER")).as(app)
                    .isEqualTo("http://localhost:8180/realms/fundflow");
        }
        assertThat(env("dashboard")).doesNotContainKey("FUNDFLOW_SECURITY_JWK_SET_URI");
        assertThat(String.join(" ", (List<String>) services.get("keycloak").get("command")))
                .contains("--import-realm").contains("--hostname=http://localhost:8180");

        String text = Files.readString(ROOT.resolve("deploy/keycloak/fundflow-realm.json"));
        Map<String, Object> realm = new Yaml().load(text); // JSON is YAML
        assertThat(realm.get("realm")).isEqualTo("fundflow");
        List<Map<String, Object>> clients = (List<Map<String, Object>>) realm.get("clients");
        assertThat(clients).extracting(c -> c.get("clientId")).containsExactly("fundflow-dashboard", "fundflow-cli");
        for (Map<String, Object> client : clients) {
            List<Map<String, Object>> mappers = (List<Map<String, Object>>) client.get("protocolMappers");
            assertThat(mappers).extracting(m -> ((Map<String, String>) m.get("config")).get("claim.name"))
                    .as("%s", client.get("clientId")).containsExactlyInAnyOrder("role", "region", "org");
        }
        List<Map<String, Object>> users = (List<Map<String, Object>>) realm.get("users");
        assertThat(users).isNotEmpty().allSatisfy(u -> assertThat(u).doesNotContainKey("credentials"));
        assertThat(text).doesNotContain("\"password\"").doesNotContain("\"secret\"");
    }
}
