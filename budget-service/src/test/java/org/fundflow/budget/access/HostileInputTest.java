package org.fundflow.budget.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What an attacker (or a broken client) sends to the write endpoints, with a valid token of the rightful user:
 * SQL fragments, very long strings, control and bidi-override characters, lone surrogates, deeply nested JSON, huge
 * numbers, oversized bodies. Each is a clean 4xx problem+json naming the field where there is one, never a 500, and
 * nothing is written. SQL in free text is no attack at all: it is stored and shown verbatim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends BudgetServiceIntegrationTest {
    private static final String CITY = "140700";
    private static final String RAW = "@@raw@@";
    private static final String TEN_THOUSAND = "名".repeat(10_000);
    private static final String NESTED_ARRAYS = "[".repeat(5_000) + "]".repeat(5_000);
    private static final String NESTED_OBJECTS = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
    private static final String FORTY_DIGITS = "1234567890123456789012345678901234567890";

    private String program;
    private String org;
    private String allocation;

    @BeforeAll
    void fixture() {
        program = newProgram("城乡医疗救助", 2024);
        org = newOrg("晋中市医疗保障局", CITY);
        allocation = issue(toOrg()).path("allocationId").asString();
    }

    /** One hostile request: where it goes, its body as sent, and the expected status and field (null: any). */
    private record Case(String name, String method, String path, String body, int status, String field) {
        Case withStatus(int expected) {
            return new Case(name, method, path, body, expected, field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Arguments> hostile() {
        List<Case> cases = new ArrayList<>();
        String issue = "/api/allocations";
        String adjust = "/api/allocations/" + allocation + "/adjustments";
        String recover = "/api/allocations/" + allocation + "/recoveries";
        String carry = "/api/allocations/" + allocation + "/carry-overs";
        String orgPath = "/api/orgs/" + unique("O");

        // --- POST /api/allocations ---
        cases.add(post("SQL in programCode", issue, toOrg(), b -> b.put("programCode", "P'; DROP TABLE allocation;--"),
                "programCode"));
        cases.add(post("SQL in fromRegion", issue, toOrg(), b -> b.put("fromRegion", "140700' OR '1'='1"),
                "fromRegion"));
        cases.add(post("SQL in toOrg", issue, toOrg(), b -> b.put("toOrg", "x' OR 1=1 --"), "toOrg"));
        cases.add(post("SQL in parentAllocationId", issue, toOrg(),
                b -> b.put("parentAllocationId", "00000000-0000-0000-0000-000000000000' OR 1=1"),
                "parentAllocationId"));
        cases.add(post("10,000-character docNo", issue, toOrg(), b -> b.put("docNo", TEN_THOUSAND), "docNo"));
        cases.add(post("10,000-character note", issue, toOrg(), b -> b.put("note", TEN_THOUSAND), "note"));
        cases.add(post("10,000-character programCode", issue, toOrg(), b -> b.put("programCode", "P".repeat(10_000)),
                "programCode"));
        cases.add(post("NUL in docNo", issue, toOrg(), b -> b.put("docNo", "财社\u0000号"), "docNo"));
        cases.add(post("right-to-left override in docNo", issue, toOrg(), b -> b.put("docNo", "财社\u202E号001"),
                "docNo"));
        cases.add(post("bidi isolate in note", issue, toOrg(), b -> b.put("note", "备注\u2067x\u2069"), "note"));
        cases.add(post("NUL in note", issue, toOrg(), b -> b.put("note", "第一行\u0000"), "note"));
        cases.add(post("escape sequence in note", issue, toOrg(), b -> b.put("note", "\u001B[31m红字"), "note"));
        cases.add(post("line break in docNo", issue, toOrg(), b -> b.put("docNo", "财社\n号"), "docNo"));
        cases.add(post("NUL in fromRegion", issue, toOrg(), b -> b.put("fromRegion", "14070\u0000"), "fromRegion"));
        cases.add(raw("lone surrogate in docNo", "POST", issue, toOrg(), "docNo", "\"财社\\ud800号\"", 400, "docNo"));
        cases.add(post("amount 1e999999", issue, toOrg(), b -> b.put("amount", "1e999999"), "amount"));
        cases.add(post("amount of 40 digits", issue, toOrg(), b -> b.put("amount", FORTY_DIGITS), "amount"));
        cases.add(post("amount -40 digits.99", issue, toOrg(), b -> b.put("amount", "-" + FORTY_DIGITS + ".99"),
                "amount"));
        cases.add(raw("amount as the number 1e999999", "POST", issue, toOrg(), "amount", "1e999999", 400,
                "amount"));
        cases.add(raw("amount as a 40-digit number", "POST", issue, toOrg(), "amount", FORTY_DIGITS, 400,
                "amount"));
        cases.add(raw("fiscalYear 1e999999", "POST", issue, toOrg(), "fiscalYear", "1e999999", 400,
                "fiscalYear"));
        cases.add(raw("fiscalYear of 40 digits", "POST", issue, toOrg(), "fiscalYear", FORTY_DIGITS, 400,
                "fiscalYear"));
        cases.add(raw("fiscalYear of 2,000 digits", "POST", issue, toOrg(), "fiscalYear", "9".repeat(2_000), 400,
                null));
        cases.add(raw("fiscalYear -2^63", "POST", issue, toOrg(), "fiscalYear", "-9223372036854775808", 400,
                "fiscalYear"));
        cases.add(new Case("5,000 nested arrays as the body", "POST", issue, NESTED_ARRAYS, 400, null));
        cases.add(raw("5,000 nested arrays as note", "POST", issue, toOrg(), "note", NESTED_ARRAYS, 400, null));
        cases.add(raw("5,000 nested objects in an unknown field", "POST", issue, toOrg(), "extra", NESTED_OBJECTS,
                400, null));
        cases.add(raw("5,000 nested objects as amount", "POST", issue, toOrg(), "amount", NESTED_OBJECTS, 400,
                null));
        cases.add(post("a body over 1 MiB", issue, toOrg(), b -> b.put("note", "x".repeat(1_200_000)), null)
                .withStatus(413));

        // --- the movements ---
        cases.add(post("adjustment delta -1e999999", adjust, adjustment(), b -> b.put("delta", "-1e999999"),
                "delta"));
        cases.add(post("adjustment delta of 40 digits", adjust, adjustment(), b -> b.put("delta", FORTY_DIGITS),
                "delta"));
        cases.add(post("adjustment reason with NUL", adjust, adjustment(), b -> b.put("reason", "追加\u0000"),
                "reason"));
        cases.add(post("adjustment reason of 10,000 characters", adjust, adjustment(),
                b -> b.put("reason", TEN_THOUSAND), "reason"));
        cases.add(post("adjustment docNo with a right-to-left override", adjust, adjustment(),
                b -> b.put("docNo", "\u202Eevil"), "docNo"));
        cases.add(post("SQL in effectiveOn", adjust, adjustment(), b -> b.put("effectiveOn", "2024-05-01'--"),
                "effectiveOn"));
        cases.add(new Case("5,000 nested arrays as an adjustment", "POST", adjust, NESTED_ARRAYS, 400, null));
        cases.add(post("an adjustment over 1 MiB", adjust, adjustment(), b -> b.put("reason", "x".repeat(1_200_000)),
                null).withStatus(413));
        cases.add(raw("recovery amount as the number 1e999999", "POST", recover, recovery(), "amount", "1e999999",
                400, "amount"));
        cases.add(post("recovery amount of 40 digits", recover, recovery(), b -> b.put("amount", FORTY_DIGITS),
                "amount"));
        cases.add(post("recovery reason with an escape", recover, recovery(), b -> b.put("reason", "\u001B]0;x\u0007"),
                "reason"));
        cases.add(raw("carry-over toFiscalYear of 40 digits", "POST", carry, carryOver(), "toFiscalYear",
                FORTY_DIGITS, 400, "toFiscalYear"));
        cases.add(raw("carry-over toFiscalYear 1e999999", "POST", carry, carryOver(), "toFiscalYear", "1e999999",
                400, "toFiscalYear"));
        cases.add(new Case("5,000 nested objects as a carry-over", "POST", carry, NESTED_OBJECTS, 400, null));

        // --- PUT /api/orgs/{orgCode} ---
        cases.add(put("SQL in the org code", "/api/orgs/O'%20OR%20'1'%3D'1'--", orgBody(), b -> { }, "orgCode"));
        cases.add(put("right-to-left override in the org code", "/api/orgs/%E2%80%AEO1", orgBody(), b -> { },
                "orgCode"));
        cases.add(put("SQL in regionCode", orgPath, orgBody(), b -> b.put("regionCode", "140700' OR 1=1"),
                "regionCode"));
        cases.add(put("NUL in the org name", orgPath, orgBody(), b -> b.put("name", "民政局\u0000"), "name"));
        cases.add(put("right-to-left override in the org name", orgPath, orgBody(),
                b -> b.put("name", "\u202E局政民"), "name"));
        cases.add(put("10,000-character org name", orgPath, orgBody(), b -> b.put("name", TEN_THOUSAND), "name"));
        cases.add(raw("lone surrogate in the org name", "PUT", orgPath, orgBody(), "name", "\"\\udc00\"", 400,
                "name"));
        cases.add(raw("regionCode as a 40-digit number", "PUT", orgPath, orgBody(), "regionCode", FORTY_DIGITS, 400,
                "regionCode"));
        cases.add(new Case("5,000 nested arrays as an org", "PUT", orgPath, NESTED_ARRAYS, 400, null));
        cases.add(put("an org over 1 MiB", orgPath, orgBody(), b -> b.put("name", "x".repeat(1_200_000)), null)
                .withStatus(413));

        // --- POST /api/programs ---
        cases.add(post("SQL in the program code", "/api/programs", programBody(),
                b -> b.put("code", "P1' OR '1'='1"), "code"));
        cases.add(post("NUL in the program name", "/api/programs", programBody(), b -> b.put("name", "\u0000"),
                "name"));
        cases.add(post("10,000-character program name", "/api/programs", programBody(),
                b -> b.put("name", TEN_THOUSAND), "name"));
        cases.add(raw("program fiscalYear 1e999999", "POST", "/api/programs", programBody(), "fiscalYear",
                "1e999999", 400, "fiscalYear"));
        cases.add(raw("program fundType as nested arrays", "POST", "/api/programs", programBody(), "fundType",
                NESTED_ARRAYS, 400, null));
        cases.add(post("a program over 1 MiB", "/api/programs", programBody(), b -> b.put("name",
                "x".repeat(1_200_000)), null).withStatus(413));

        // --- hostile queries of the list ---
        cases.add(new Case("list: fiscalYear 1e999999", "GET", "/api/allocations?fiscalYear=1e999999", null, 400,
                "fiscalYear"));
        cases.add(new Case("list: limit of 40 digits", "GET", "/api/allocations?limit=" + FORTY_DIGITS, null, 400,
                "limit"));
        cases.add(new Case("list: SQL in programCode", "GET",
                "/api/allocations?programCode=%27%20OR%201%3D1--", null, 400, "programCode"));
        cases.add(new Case("list: NUL in toOrg", "GET", "/api/allocations?toOrg=%00", null, 400, "toOrg"));
        cases.add(new Case("list: SQL in fromRegion", "GET", "/api/allocations?fromRegion=1%27%3B--", null, 400,
                "fromRegion"));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aCleanRefusalAndNothingWritten(Case c) {
        Map<String, Long> before = writtenRows();
        Client rightful = as(c.method().equals("GET") ? TestTokens.nationalSupervisor()
                : TestTokens.financeBureau(CITY));
        Response r = switch (c.method()) {
            case "POST" -> rightful.post(c.path(), c.body());
            case "PUT" -> rightful.put(c.path(), c.body());
            default -> rightful.get(c.path());
        };

        assertThat(r.status()).as("%s → %s", c.name(), r.raw().body()).isEqualTo(c.status());
        assertThat(r.header("Content-Type")).as(c.name()).startsWith("application/problem+json");
        assertThat(r.body()).as("a problem document").isNotNull();
        assertThat(r.body().path("status").asInt()).isEqualTo(c.status());
        assertThat(r.detail()).isNotBlank();
        if (c.field() != null) {
            assertThat(r.field()).as("%s → %s", c.name(), r.raw().body()).isEqualTo(c.field());
        }
        assertThat(writtenRows()).as("nothing written by %s", c.name()).isEqualTo(before);
    }

    /**
     * Paths refused before the application sees them: by Spring Security's firewall (an encoded ';', '%', '//',
     * '/./', a line break) or by Tomcat itself (an encoded NUL, '/' or '\\'). They are 400 and write nothing; their
     * body is Spring Boot's error JSON or Tomcat's error page rather than problem+json (see README, Access).
     */
    @Test
    void pathsRefusedBeforeTheApplicationAre400AndWriteNothing() {
        Map<String, Long> before = writtenRows();
        Client bureau = as(TestTokens.financeBureau(CITY));
        for (String path : List.of("/api/orgs/O'%3B%20DROP%20TABLE%20org%3B--", "/api/orgs/a%25b", "/api/orgs//x",
                "/api/orgs/./x", "/api/orgs/a%0Ab", "/api/orgs/a%00b", "/api/orgs/a%2Fb", "/api/orgs/a%5Cb")) {
            Response r = bureau.put(path, orgBody());
            assertThat(r.status()).as("%s → %s", path, r.raw().body()).isEqualTo(400);
            assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("at org.");
        }
        Response movement = bureau.post("/api/allocations/" + allocation + "%3B/recoveries", recovery());
        assertThat(movement.status()).isEqualTo(400);
        assertThat(writtenRows()).isEqualTo(before);
    }

    @Test
    void aStreamedBodyOverTheLimitIs413() {
        Map<String, Long> before = writtenRows();
        Map<String, Object> body = toOrg();
        body.put("note", "x".repeat(1_200_000));
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        // no Content-Length: the body arrives chunked and is counted while it is read
        Response r = as(TestTokens.financeBureau(CITY)).send(HttpRequest.newBuilder(uri("/api/allocations"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))),
                UUID.randomUUID().toString());
        assertThat(r.status()).as("%s", r.raw().body()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(writtenRows()).isEqualTo(before);

        // just under the limit the same way is read in full, and refused only for what it says
        body.put("note", "x".repeat(600));
        byte[] small = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        Response fits = as(TestTokens.financeBureau(CITY)).send(HttpRequest.newBuilder(uri("/api/allocations"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))),
                UUID.randomUUID().toString());
        assertThat(fits.status()).isEqualTo(400);
        assertThat(fits.field()).isEqualTo("note");
    }

    @Test
    void sqlAndUnusualTextInFreeTextFieldsAreStoredVerbatim() {
        String docNo = "晋财社〔2024〕1号'; DROP TABLE allocation; --";
        String note = "第一行\n第二行\t\"引号\" ' OR '1'='1 😀";
        Map<String, Object> body = toOrg();
        body.put("docNo", docNo);
        body.put("note", note);
        JsonNode issued = issue(body);
        assertThat(issued.path("docNo").asString()).isEqualTo(docNo);
        JsonNode view = get("/api/allocations/" + issued.path("allocationId").asString()).body();
        assertThat(view.path("docNo").asString()).isEqualTo(docNo);
        assertThat(view.path("note").asString()).isEqualTo(note);

        String reason = "收回'); DELETE FROM allocation_movement; --\n第二行";
        Response recovered = post("/api/allocations/" + allocation + "/recoveries",
                Map.of("amount", "0.01", "recoveredOn", "2024-06-01", "reason", reason));
        assertThat(recovered.status()).isEqualTo(201);
        assertThat(recovered.body().path("movement").path("reason").asString()).isEqualTo(reason);

        String orgCode = unique("O");
        String name = "O'Brien & Sons\"; DROP TABLE org; --";
        assertThat(put("/api/orgs/" + orgCode, Map.of("name", name, "regionCode", CITY)).status()).isEqualTo(201);
        assertThat(get("/api/orgs/" + orgCode).text("name")).isEqualTo(name);
        // and the tables are all still there
        assertThat(count("allocation")).isPositive();
        assertThat(count("allocation_movement")).isPositive();
        assertThat(count("org")).isPositive();
    }

    private Case post(String name, String path, Map<String, Object> valid, Consumer<Map<String, Object>> change,
            String field) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        change.accept(body);
        return new Case(name, "POST", path, json.writeValueAsString(body), 400, field);
    }

    private Case put(String name, String path, Map<String, Object> valid, Consumer<Map<String, Object>> change,
            String field) {
        Case c = post(name, path, valid, change, field);
        return new Case(name, "PUT", path, c.body(), 400, field);
    }

    /** The valid body with one field's value replaced by raw JSON text. */
    private Case raw(String name, String method, String path, Map<String, Object> valid, String field,
            String rawValue, int status, String expectedField) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.put(field, RAW);
        String text = json.writeValueAsString(body).replace("\"" + RAW + "\"", rawValue);
        return new Case(name, method, path, text, status, expectedField);
    }

    private Map<String, Object> toOrg() {
        Map<String, Object> body = allocation(program, 2024, CITY, null, null, "1000.00", "2024-02-01");
        body.put("toOrg", org);
        body.put("note", "备注");
        return body;
    }

    private static Map<String, Object> adjustment() {
        return new LinkedHashMap<>(Map.of("delta", "1.00", "docNo", "市财社〔2024〕9号", "effectiveOn", "2024-05-01",
                "reason", "追加"));
    }

    private static Map<String, Object> recovery() {
        return new LinkedHashMap<>(Map.of("amount", "1.00", "recoveredOn", "2024-06-01", "reason", "收回"));
    }

    private static Map<String, Object> carryOver() {
        return new LinkedHashMap<>(Map.of("amount", "1.00", "toFiscalYear", 2025, "carriedOn", "2024-12-31"));
    }

    private static Map<String, Object> orgBody() {
        return new LinkedHashMap<>(Map.of("name", "晋中市民政局", "regionCode", CITY));
    }

    private static Map<String, Object> programBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", unique("P"));
        body.put("name", "义务教育补助");
        body.put("fiscalYear", 2024);
        body.put("functionCode", "2050202");
        body.put("fundType", "GENERAL_BUDGET");
        return body;
    }
}
