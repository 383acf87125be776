package org.fundflow.evaluation.selfevaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fundflow.evaluation.EvaluationServiceTest;
import org.fundflow.evaluation.TestEvents;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile inputs, sent by the rightful agency so that only the input is at fault: SQL fragments, 10,000-character
 * strings, control and bidirectional-override characters, 5,000-deep JSON, numbers such as 1e999999 and 40 digits,
 * bodies over 1 MiB. Each is a clean 4xx problem (400 naming the field, 413 for size), never a 500, and nothing is
 * written: no row, no outbox event, no Idempotency-Key.
 */
class HostileInputTest extends EvaluationServiceTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ORG = "HX-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String LONG = "长".repeat(10_000);
    /** Long enough for any parameter, short enough for a URL (Tomcat refuses request lines over 8 KiB itself). */
    private static final String LONG_PARAMETER = "长".repeat(300) + "x".repeat(700);
    private static final String DIGITS_40 = "1234567890123456789012345678901234567890";
    /** Stands in for a raw JSON literal (a number no JSON library would write, nesting) in a body. */
    private static final String RAW = "@@raw@@";

    /** A project form with the form's own figures and one indicator: valid as it is. */
    private static ObjectNode project() {
        ObjectNode body = NODES.objectNode().put("programCode", "HX-P").put("fiscalYear", 2022).put("orgCode", ORG)
                .put("template", "lishi-2022").put("figuresFrom", "SUBMITTED").put("budget", "100.00")
                .put("executed", "50.00");
        body.putArray("indicators").addObject().put("level1", "产出指标").put("level2", "数量指标")
                .put("level3", "救助人次").put("target", "≥90%").put("actual", "95%").put("weight", 10);
        return body;
    }

    private static ObjectNode department() {
        ObjectNode body = project();
        body.remove("programCode");
        return body;
    }

    private static ObjectNode indicator(ObjectNode body) {
        return (ObjectNode) body.path("indicators").get(0);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static Arguments project(String name, Consumer<ObjectNode> change, String raw, int status, String field) {
        ObjectNode body = project();
        change.accept(body);
        String json = TestEvents.JSON.writeValueAsString(body);
        return Arguments.of(name, "/api/evaluations", raw == null ? json : json.replace("\"" + RAW + "\"", raw),
                status, field);
    }

    private static Arguments department(String name, Consumer<ObjectNode> change, String raw, int status,
            String field) {
        ObjectNode body = department();
        change.accept(body);
        String json = TestEvents.JSON.writeValueAsString(body);
        return Arguments.of(name, "/api/evaluations/department",
                raw == null ? json : json.replace("\"" + RAW + "\"", raw), status, field);
    }

    static Stream<Arguments> hostile() {
        List<Arguments> cases = new ArrayList<>();
        // SQL fragments where a code, a name of a choice, a date or an amount is expected
        cases.add(project("SQL in programCode", b -> b.put("programCode", "x'; DROP TABLE self_evaluation; --"),
                null, 400, "programCode"));
        cases.add(project("SQL in orgCode", b -> b.put("orgCode", ORG + "' OR '1'='1"), null, 400, "orgCode"));
        cases.add(project("SQL in template", b -> b.put("template", "lishi-2022'; DROP TABLE outbox; --"), null,
                400, "template"));
        cases.add(project("SQL in figuresFrom", b -> b.put("figuresFrom", "LIVE' OR 1=1 --"), null, 400,
                "figuresFrom"));
        cases.add(project("SQL in asOf", b -> {
            b.put("figuresFrom", "LIVE").put("asOf", "2022-01-01'; --");
            b.remove("budget");
            b.remove("executed");
        }, null, 400, "asOf"));
        cases.add(project("SQL in budget", b -> b.put("budget", "1; DROP TABLE self_evaluation"), null, 400,
                "budget"));
        cases.add(project("SQL in tier", b -> indicator(b).put("tier", "达成'); DELETE FROM outbox; --"), null, 400,
                "indicators[0].tier"));
        cases.add(project("SQL in kind", b -> indicator(b).put("kind", "QUANTITATIVE' --"), null, 400,
                "indicators[0].kind"));
        cases.add(project("SQL in level1", b -> indicator(b).put("level1", "产出指标' OR '1'='1"), null, 422,
                "indicators[0].level1"));
        // 10,000 characters
        cases.add(project("long programCode", b -> b.put("programCode", LONG), null, 400, "programCode"));
        cases.add(project("long orgCode", b -> b.put("orgCode", LONG), null, 400, "orgCode"));
        cases.add(project("long template name", b -> b.put("template", LONG), null, 400, "template"));
        cases.add(project("long figuresFrom", b -> b.put("figuresFrom", LONG), null, 400, "figuresFrom"));
        cases.add(project("long budget", b -> b.put("budget", "1".repeat(10_000)), null, 400, "budget"));
        cases.add(project("long level1", b -> indicator(b).put("level1", LONG), null, 400, "indicators[0].level1"));
        cases.add(project("long level3", b -> indicator(b).put("level3", LONG), null, 400, "indicators[0].level3"));
        cases.add(project("long target", b -> indicator(b).put("target", LONG), null, 400, "indicators[0].target"));
        cases.add(project("long tier", b -> indicator(b).put("tier", LONG), null, 400, "indicators[0].tier"));
        cases.add(project("long printed rate", b -> b.putObject("printed").put("executionRate", LONG), null, 400,
                "printed.executionRate"));
        cases.add(project("long printed grade", b -> b.putObject("printed").put("grade", LONG), null, 400,
                "printed.grade"));
        cases.add(project("long group name", b -> b.putObject("printed").putObject("groupScores").put(LONG, 1),
                null, 400, "printed.groupScores"));
        cases.add(project("long inline template name", b -> b.putObject("template").put("name", LONG), null, 400,
                null));
        // control characters and bidirectional overrides
        cases.add(project("NUL in level3", b -> indicator(b).put("level3", "救助\u0000人次"), null, 400,
                "indicators[0].level3"));
        cases.add(project("RLO in level3", b -> indicator(b).put("level3", "\u202Eexe.次人助救"), null, 400,
                "indicators[0].level3"));
        cases.add(project("BEL in level2", b -> indicator(b).put("level2", "数量\u0007指标"), null, 400,
                "indicators[0].level2"));
        cases.add(project("NUL in target", b -> indicator(b).put("target", "≥90%\u0000"), null, 400,
                "indicators[0].target"));
        cases.add(project("RLO in actual", b -> indicator(b).put("actual", "95%\u202E"), null, 400,
                "indicators[0].actual"));
        cases.add(project("NUL in printed rate", b -> b.putObject("printed").put("executionRate", "40%\u0000"),
                null, 400, "printed.executionRate"));
        cases.add(project("NUL in group name", b -> b.putObject("printed").putObject("groupScores")
                .put("产出指标\u0000", 1), null, 400, "printed.groupScores"));
        cases.add(project("NUL in orgCode", b -> b.put("orgCode", ORG + "\u0000"), null, 400, "orgCode"));
        cases.add(project("RLO in programCode", b -> b.put("programCode", "\u202EHX-P"), null, 400, "programCode"));
        cases.add(project("NUL in template", b -> b.put("template", "lishi-2022\u0000"), null, 400, "template"));
        cases.add(project("NUL in an inline template", b -> inlineTemplate(b, "产出\u0000指标"), null, 400,
                "template"));
        cases.add(project("RLO in an inline template", b -> inlineTemplate(b, "\u202E产出指标"), null, 400,
                "template"));
        // deeply nested JSON
        cases.add(project("5,000 nested arrays as indicators", b -> b.put("indicators", RAW), nested(5_000), 400,
                null));
        cases.add(project("5,000 nested arrays in a template", b -> b.putObject("template").put("groups", RAW),
                nested(5_000), 400, null));
        cases.add(Arguments.of("5,000 nested arrays as the body", "/api/evaluations", nested(5_000), 400, null));
        cases.add(Arguments.of("5,000 nested objects as the body", "/api/evaluations",
                "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), 400, null));
        // huge numbers
        cases.add(project("fiscalYear 1e999999", b -> b.put("fiscalYear", RAW), "1e999999", 400, "fiscalYear"));
        cases.add(project("fiscalYear of 40 digits", b -> b.put("fiscalYear", RAW), DIGITS_40, 400, "fiscalYear"));
        cases.add(project("weight 1e999999", b -> indicator(b).put("weight", RAW), "1e999999", 400,
                "indicators[0].weight"));
        cases.add(project("weight 1e-999999", b -> indicator(b).put("weight", RAW), "1e-999999", 400,
                "indicators[0].weight"));
        cases.add(project("weight of 40 digits", b -> indicator(b).put("weight", RAW), DIGITS_40, 400,
                "indicators[0].weight"));
        cases.add(project("weight of 10,000 digits", b -> indicator(b).put("weight", RAW), "9".repeat(10_000), 400,
                null));
        cases.add(project("percent 1e999999", b -> indicator(b).put("percent", RAW), "1e999999", 400,
                "indicators[0].percent"));
        cases.add(project("percent 1e-999999", b -> indicator(b).put("percent", RAW), "1e-999999", 400,
                "indicators[0].percent"));
        cases.add(project("printed total of 40 digits", b -> b.putObject("printed").put("total", RAW), DIGITS_40,
                400, "printed.total"));
        cases.add(project("printed execution score 1e999999", b -> b.putObject("printed")
                .put("executionScore", RAW), "1e999999", 400, "printed.executionScore"));
        cases.add(project("a group score 1e999999", b -> b.putObject("printed").putObject("groupScores")
                .put("产出指标", RAW), "1e999999", 400, "printed.groupScores.产出指标"));
        cases.add(project("budget of 40 digits", b -> b.put("budget", DIGITS_40 + ".00"), null, 400, "budget"));
        cases.add(project("budget 1e999999", b -> b.put("budget", "1e999999"), null, 400, "budget"));
        cases.add(project("budget as the number 1e999999", b -> b.put("budget", RAW), "1e999999", 400, "budget"));
        cases.add(department("a grade count 1e999999", b -> b.putObject("printed").putObject("projectGrades")
                .put("优", RAW), "1e999999", 400, null));
        cases.add(department("a grade count of 40 digits", b -> b.putObject("printed").putObject("projectGrades")
                .put("优", RAW), DIGITS_40, 400, null));
        cases.add(department("NUL in a department's level3", b -> indicator(b).put("level3", "a\u0000b"), null, 400,
                "indicators[0].level3"));
        cases.add(department("SQL in a department's orgCode", b -> b.put("orgCode", "x' OR 1=1 --"), null, 400,
                "orgCode"));
        // over 1 MiB
        cases.add(project("a body over 1 MiB", b -> indicator(b).put("level3", "x".repeat(1_100_000)), null, 413,
                null));
        cases.add(department("a department body over 1 MiB", b -> indicator(b).put("level3",
                "x".repeat(1_100_000)), null, 413, null));
        return cases.stream();
    }

    private static void inlineTemplate(ObjectNode body, String groupName) {
        ObjectNode template = body.putObject("template");
        template.put("name", "hx-inline");
        template.putObject("execution").put("label", "预算执行率").put("weight", 20).put("inTotal", true);
        ArrayNode groups = template.putArray("groups");
        groups.addObject().put("name", groupName).putNull("weight");
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("hostile")
    void aHostileBodyIsACleanProblemAndWritesNothing(String name, String path, String body, int status,
            String field) {
        String key = UUID.randomUUID().toString();
        long rows = count("SELECT count(*) FROM self_evaluation");
        long outbox = count("SELECT count(*) FROM outbox");
        Posted r = post(TestTokens.agency(ORG), path, key, body);
        assertThat(r.status()).as("%s: %s", name, r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(r.body().path("field").asString()).as("%s", r.body()).isEqualTo(field);
        }
        assertThat(count("SELECT count(*) FROM self_evaluation")).isEqualTo(rows);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE key = '" + key + "'")).isZero();
    }

    @Test
    void aChunkedBodyOver1MiBIs413() throws IOException, InterruptedException {
        ObjectNode body = project();
        indicator(body).put("level3", "x".repeat(1_100_000));
        byte[] bytes = TestEvents.JSON.writeValueAsBytes(body);
        long rows = count("SELECT count(*) FROM self_evaluation");
        // from an InputStream the client sends no Content-Length: the body is counted as it is read
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/evaluations"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Authorization", TestTokens.bearer(TestTokens.agency(ORG)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(count("SELECT count(*) FROM self_evaluation")).isEqualTo(rows);
    }

    static Stream<Arguments> hostileParameters() {
        return Stream.of(
                Arguments.of("SQL in orgCode", "/api/evaluations", Map.of("orgCode", "' OR '1'='1"), "orgCode"),
                Arguments.of("NUL in orgCode", "/api/evaluations", Map.of("orgCode", "HX\u0000"), "orgCode"),
                Arguments.of("1,000 characters of programCode", "/api/evaluations",
                        Map.of("programCode", LONG_PARAMETER), "programCode"),
                Arguments.of("SQL in programCode", "/api/evaluations",
                        Map.of("programCode", "x'; DROP TABLE self_evaluation; --"), "programCode"),
                Arguments.of("SQL in level", "/api/evaluations", Map.of("level", "PROJECT' OR 1=1"), "level"),
                Arguments.of("limit 1e999999", "/api/evaluations", Map.of("limit", "1e999999"), "limit"),
                Arguments.of("fiscalYear of 40 digits", "/api/evaluations", Map.of("fiscalYear", DIGITS_40),
                        "fiscalYear"),
                Arguments.of("SQL as the id", "/api/evaluations/x'OR'1'='1", Map.of(), "id"),
                Arguments.of("SQL in region", "/api/alerts", Map.of("region", "' OR 1=1"), "region"),
                Arguments.of("1,000 characters of programCode", "/api/alerts",
                        Map.of("programCode", LONG_PARAMETER), "programCode"),
                Arguments.of("NUL in asOf", "/api/alerts", Map.of("asOf", "2022-01-01\u0000"), "asOf"),
                Arguments.of("fiscalYear 1e999999", "/api/alerts", Map.of("fiscalYear", "1e999999"), "fiscalYear"),
                Arguments.of("RLO in region", "/api/execution", Map.of("region", "14\u202E0000"), "region"),
                Arguments.of("1,000 characters of programCode", "/api/execution",
                        Map.of("programCode", LONG_PARAMETER), "programCode"),
                Arguments.of("1,000 characters of org", "/api/execution/rollup",
                        Map.of("by", "region", "org", LONG_PARAMETER), "org"),
                Arguments.of("SQL in by", "/api/execution/rollup", Map.of("by", "region'; --"), "by"),
                Arguments.of("depth of 40 digits", "/api/execution/rollup",
                        Map.of("by", "functionCode", "depth", DIGITS_40), "depth"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("hostileParameters")
    void aHostileParameterIs400NamingIt(String name, String path, Map<String, String> params, String field) {
        Response r = get(TestTokens.nationalSupervisor(), path, params);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("field").asString()).isEqualTo(field);
    }

    /**
     * A URL over 8 KiB never reaches the service: Tomcat refuses the request line itself with a 400 (its own page,
     * not problem+json), before any filter runs.
     */
    @Test
    void aUrlOver8KiBIsRefusedByTheServer() throws IOException, InterruptedException {
        for (String path : List.of("/api/evaluations", "/api/alerts", "/api/execution")) {
            URI uri = URI.create("http://localhost:" + port + path + "?programCode="
                    + URLEncoder.encode(LONG, StandardCharsets.UTF_8));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .header("Authorization", TestTokens.bearer(TestTokens.nationalSupervisor())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(400);
        }
    }

    /** SQL in a free-text field is text: stored and shown verbatim, and every table is still there. */
    @Test
    void sqlInFreeTextIsJustText() {
        String sql = "'); DELETE FROM self_evaluation; DROP TABLE outbox; --";
        ObjectNode body = project().put("programCode", uniqueProgram("hx-sql"));
        indicator(body).put("level3", sql).put("level2", "\" OR \"\"=\"");
        long rows = count("SELECT count(*) FROM self_evaluation");
        Posted r = post(TestTokens.agency(ORG), "/api/evaluations", UUID.randomUUID().toString(), body);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
        JsonNode stored = get(TestTokens.agency(ORG), "/api/evaluations/" + r.body().path("evaluationId").asString(),
                Map.of()).body();
        assertThat(stored.path("indicatorScores").get(0).path("level3").asString()).isEqualTo(sql);
        assertThat(stored.path("indicatorScores").get(0).path("level2").asString()).isEqualTo("\" OR \"\"=\"");
        assertThat(count("SELECT count(*) FROM self_evaluation")).isEqualTo(rows + 1);
        assertThat(count("SELECT count(*) FROM outbox")).isPositive();
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
