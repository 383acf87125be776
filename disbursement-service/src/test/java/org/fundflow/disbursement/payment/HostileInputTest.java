package org.fundflow.disbursement.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.fundflow.contracts.Events;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What an attacker (or a broken client) sends to the write endpoints: SQL fragments, 10,000-character strings,
 * control characters and bidi overrides, 5,000 levels of nesting, numbers no column can hold, bodies over 1 MiB. Each
 * is a clean 4xx problem+json naming its field where there is one (never a 500), and nothing is written. Free text
 * (payee, reason) is stored exactly as sent, SQL and all: statements are parameterized, the text is only text.
 */
class HostileInputTest extends DisbursementServiceTestBase {
    @TempDir
    Path dir;

    private record Case(String name, int status, String field, Object body) {
    }

    private static final String SQL = "x'); DROP TABLE payment; --";
    private static final String LONG = "9".repeat(10_000);

    @Test
    void hostilePaymentsAreCleanProblemsAndWriteNothing() {
        Events.AllocationIssued a = orgAllocation("1000.00", "2022-05-01");
        Map<String, Object> valid = payment(a.allocationId(), a.toOrg(), "1.00", "2022-06-01");
        valid.put("payee", "榆次区人民医院");
        valid.put("voucherNo", "H-" + UUID.randomUUID().toString().substring(0, 8));

        List<Case> cases = new ArrayList<>();
        // SQL fragments where a code, a date, an amount or an enum belongs
        cases.add(bad("SQL in payerOrg", "payerOrg", valid, b -> b.put("payerOrg", SQL)));
        cases.add(bad("SQL in voucherNo", "voucherNo", valid, b -> b.put("voucherNo", "1' OR '1'='1")));
        cases.add(bad("SQL in allocationId", "allocationId", valid, b -> b.put("allocationId", "' OR 1=1 --")));
        cases.add(bad("SQL in functionCode", "functionCode", valid,
                b -> b.put("functionCode", "2101301; DELETE FROM payment")));
        cases.add(bad("SQL in expenditureKind", "expenditureKind", valid,
                b -> b.put("expenditureKind", "BASIC' --")));
        cases.add(bad("SQL in paidOn", "paidOn", valid, b -> b.put("paidOn", "2022-06-01' OR '1'='1")));
        cases.add(bad("SQL in amount", "amount", valid, b -> b.put("amount", "1; DROP TABLE payment")));
        // 10,000 characters
        for (String field : List.of("allocationId", "payerOrg", "amount", "paidOn", "functionCode", "economicCode",
                "expenditureKind", "payee", "voucherNo", "procurementCategory")) {
            cases.add(bad("10k characters in " + field, field, valid, b -> b.put(field, LONG)));
        }
        cases.add(bad("10k Chinese characters in payee", "payee", valid, b -> b.put("payee", "院".repeat(10_000))));
        // control characters and bidi overrides
        cases.add(bad("NUL in payee", "payee", valid, b -> b.put("payee", "榆次\u0000医院")));
        cases.add(bad("RTL override in payee", "payee", valid, b -> b.put("payee", "\u202Egpj.exe")));
        cases.add(bad("line break in payee", "payee", valid, b -> b.put("payee", "a\r\nb")));
        cases.add(bad("escape in payee", "payee", valid, b -> b.put("payee", "\u001B[31mred")));
        cases.add(bad("NUL in payerOrg", "payerOrg", valid, b -> b.put("payerOrg", a.toOrg() + "\u0000")));
        cases.add(bad("NUL in voucherNo", "voucherNo", valid, b -> b.put("voucherNo", "V\u0000")));
        cases.add(bad("NUL in amount", "amount", valid, b -> b.put("amount", "1\u0000")));
        cases.add(new Case("lone surrogate in payee", 400, "payee", JSON.writeValueAsString(valid)
                .replace("榆次区人民医院", "\\ud800x")));
        // deep nesting
        cases.add(new Case("5,000 nested arrays", 400, null, "[".repeat(5_000) + "]".repeat(5_000)));
        cases.add(new Case("5,000 nested arrays in payee", 400, "payee", JSON.writeValueAsString(valid)
                .replace("\"榆次区人民医院\"", "[".repeat(5_000) + "]".repeat(5_000))));
        cases.add(new Case("5,000 nested objects in an unknown field", 400, null, JSON.writeValueAsString(valid)
                .replace("{", "{\"x\":" + "{\"x\":".repeat(5_000) + "1" + "}".repeat(5_000) + ",")));
        // numbers no column holds
        cases.add(bad("amount 1e999999", "amount", valid, b -> b.put("amount", "1e999999")));
        cases.add(bad("amount of 40 digits", "amount", valid,
                b -> b.put("amount", "1234567890123456789012345678901234567890")));
        cases.add(bad("amount of 40 digits and decimals", "amount", valid,
                b -> b.put("amount", "1234567890123456789012345678901234567890.00")));
        cases.add(new Case("amount as the number 1e999999", 400, "amount", JSON.writeValueAsString(valid)
                .replace("\"amount\":\"1.00\"", "\"amount\":1e999999")));
        cases.add(new Case("beneficiaryCount of 40 digits", 400, "beneficiaryCount", JSON.writeValueAsString(valid)
                .replace("\"payee\"", "\"beneficiaryCount\":1234567890123456789012345678901234567890,\"payee\"")));
        cases.add(new Case("beneficiaryCount 1e999999", 400, "beneficiaryCount", JSON.writeValueAsString(valid)
                .replace("\"payee\"", "\"beneficiaryCount\":1e999999,\"payee\"")));
        // the parser refuses it before any field is known (StreamReadConstraints): no field to name
        cases.add(new Case("beneficiaryCount of 5,000 digits", 400, null, JSON.writeValueAsString(valid)
                .replace("\"payee\"", "\"beneficiaryCount\":" + "9".repeat(5_000) + ",\"payee\"")));
        cases.add(new Case("beneficiaryCount -2^63", 400, "beneficiaryCount", JSON.writeValueAsString(valid)
                .replace("\"payee\"", "\"beneficiaryCount\":-9223372036854775808,\"payee\"")));

        Map<String, Long> before = writtenRows();
        for (Case c : cases) {
            Response r = post("/api/payments", UUID.randomUUID().toString(), c.body());
            assertThat(r.status()).as("%s → %s", c.name(), r.body()).isEqualTo(c.status());
            assertThat(r.header("Content-Type")).as(c.name()).startsWith("application/problem+json");
            assertThat(r.field()).as("%s → %s", c.name(), r.body()).isEqualTo(c.field());
            assertThat(r.detail()).as(c.name()).isNotBlank().hasSizeLessThan(1_000);
        }
        assertThat(writtenRows()).as("after %d hostile payments", cases.size()).isEqualTo(before);

        // text is text: stored as sent, and the tables are all still there
        Map<String, Object> sql = new LinkedHashMap<>(valid);
        sql.put("payee", SQL);
        JsonNode paid = pay(sql);
        assertThat(paid.path("payee").asString()).isEqualTo(SQL);
        assertThat(jdbc.queryForObject("SELECT payee FROM payment WHERE payment_id = ?::uuid", String.class,
                paid.path("paymentId").asString())).isEqualTo(SQL);
        assertThat(balance(a.allocationId()).get("executed").asString()).isEqualTo("1.00");
    }

    @Test
    void hostileReversalsAreCleanProblemsAndWriteNothing() {
        Events.AllocationIssued a = orgAllocation("1000.00", "2022-05-01");
        String paymentId = pay(payment(a.allocationId(), a.toOrg(), "10.00", "2022-06-01")).path("paymentId")
                .asString();
        String path = "/api/payments/" + paymentId + "/reversals";
        Map<String, Object> valid = new LinkedHashMap<>(Map.of("amount", "1.00", "reversedOn", "2022-06-02",
                "reason", "退回"));

        List<Case> cases = new ArrayList<>();
        cases.add(bad("10k reason", "reason", valid, b -> b.put("reason", LONG)));
        cases.add(bad("NUL in reason", "reason", valid, b -> b.put("reason", "多付\u0000退回")));
        cases.add(bad("RTL override in reason", "reason", valid, b -> b.put("reason", "\u202E回退")));
        cases.add(bad("SQL in amount", "amount", valid, b -> b.put("amount", "1' OR '1'='1")));
        cases.add(bad("SQL in reversedOn", "reversedOn", valid, b -> b.put("reversedOn", "2022-06-02'--")));
        cases.add(bad("amount of 40 digits", "amount", valid,
                b -> b.put("amount", "1234567890123456789012345678901234567890")));
        cases.add(new Case("amount as the number 1e999999", 400, "amount", JSON.writeValueAsString(valid)
                .replace("\"amount\":\"1.00\"", "\"amount\":1e999999")));
        cases.add(new Case("5,000 nested arrays", 400, null, "[".repeat(5_000) + "]".repeat(5_000)));
        cases.add(new Case("5,000 nested arrays in reason", 400, "reason", JSON.writeValueAsString(valid)
                .replace("\"退回\"", "[".repeat(5_000) + "]".repeat(5_000))));

        Map<String, Long> before = writtenRows();
        for (Case c : cases) {
            Response r = post(path, UUID.randomUUID().toString(), c.body());
            assertThat(r.status()).as("%s → %s", c.name(), r.body()).isEqualTo(c.status());
            assertThat(r.header("Content-Type")).as(c.name()).startsWith("application/problem+json");
            assertThat(r.field()).as("%s → %s", c.name(), r.body()).isEqualTo(c.field());
        }
        Response sqlPath = post("/api/payments/1%27%20OR%20%271%27=%271/reversals", UUID.randomUUID().toString(),
                valid);
        assertThat(sqlPath.status()).isEqualTo(400);
        assertThat(sqlPath.field()).isEqualTo("paymentId");
        assertThat(writtenRows()).isEqualTo(before);

        Map<String, Object> sql = new LinkedHashMap<>(valid);
        sql.put("reason", SQL);
        Response stored = post(path, UUID.randomUUID().toString(), sql);
        assertThat(stored.status()).isEqualTo(201);
        assertThat(stored.text("reason")).isEqualTo(SQL);
    }

    @Test
    void bodiesOverOneMebibyteAre413WhetherTheirLengthIsGivenOrNot() {
        Events.AllocationIssued a = orgAllocation("1000.00", "2022-05-01");
        Map<String, Object> body = payment(a.allocationId(), a.toOrg(), "1.00", "2022-06-01");
        body.put("payee", "院".repeat(700_000)); // 2.1 MB of UTF-8
        String json = JSON.writeValueAsString(body);
        Map<String, Long> before = writtenRows();

        Response sized = post("/api/payments", UUID.randomUUID().toString(), json);
        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.header("Content-Type")).startsWith("application/problem+json");

        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Response chunked = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/payments"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Authorization", TestTokens.bearer(TestTokens.agency(a.toOrg()))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.header("Content-Type")).startsWith("application/problem+json");

        Response reversal = post("/api/payments/" + UUID.randomUUID() + "/reversals", UUID.randomUUID().toString(),
                Map.of("amount", "1.00", "reversedOn", "2022-06-02", "reason", "x".repeat(1_100_000)));
        assertThat(reversal.status()).isEqualTo(413);
        assertThat(writtenRows()).isEqualTo(before);
    }

    @Test
    void hostileImportedRowsAreRejectedLineByLineAndTheJobCompletes() throws Exception {
        Events.AllocationIssued a = orgAllocation("1000.00", "2022-05-01");
        String v = "HI-" + UUID.randomUUID().toString().substring(0, 8);
        String header = "allocationId,payerOrg,amount,paidOn,functionCode,economicCode,expenditureKind,payee,"
                + "beneficiaryCount,voucherNo,procurementCategory";
        String good = a.allocationId() + "," + a.toOrg() + ",1.00,2022-06-01,2101301,30307,BASIC,";
        List<String> lines = List.of(header,
                good + "\"" + SQL.replace("\"", "\"\"") + "\",1," + v + "-1,",           // 2: text is text
                a.allocationId() + "," + SQL + ",1.00,2022-06-01,2101301,30307,BASIC,,1," + v + "-2,",  // 3
                good + LONG + ",1," + v + "-3,",                                           // 4: payee too long
                good + "榆次\u0000医院,1," + v + "-4,",                                    // 5: NUL
                good + "\u202Eevil,1," + v + "-5,",                                        // 6: RTL override
                a.allocationId() + "," + a.toOrg() + "\u0000x,1.00,2022-06-01,2101301,30307,BASIC,,1," + v + "-7,",
                good + "ok," + "9".repeat(40) + "," + v + "-8,",                           // 8: beneficiaries
                a.allocationId() + "," + a.toOrg() + ",1e999999,2022-06-01,2101301,30307,BASIC,,1," + v + "-9,",
                good + "ok,1," + v + "-10," + LONG);                                       // 10: category
        Path file = dir.resolve("hostile.csv");
        // the NUL bytes lie past the first 4 KiB (line 4 is 10k long), which the upload scans for binary content
        java.nio.file.Files.writeString(file, String.join("\n", lines) + "\n");
        String agency = TestTokens.agency(a.toOrg());
        Map<String, Long> before = writtenRows();
        Response nul = uploadAs(agency, "hostile\u0000.csv", "text/csv", file, UUID.randomUUID().toString(), "file");
        assertThat(nul.status()).as("a NUL in the file name: %s", nul.body()).isEqualTo(400);
        assertThat(nul.header("Content-Type")).startsWith("application/problem+json");
        assertThat(nul.field()).isEqualTo("file");
        assertThat(writtenRows()).isEqualTo(before);

        Response longName = uploadAs(agency, "n".repeat(10_000) + ".csv", "text/csv", file,
                UUID.randomUUID().toString(), "file");
        assertThat(longName.status()).as("a file name of 10k characters: %s", longName.body()).isEqualTo(400);
        assertThat(longName.field()).isEqualTo("file");
        assertThat(writtenRows()).isEqualTo(before);

        Response r = uploadAs(agency, "hostile\u0007\u202E.csv", "text/csv", file, UUID.randomUUID().toString(),
                "file");
        assertThat(r.status()).as("%s", r.body()).isEqualTo(202);
        assertThat(r.text("fileName")).isEqualTo("hostile__.csv");
        String jobId = r.text("jobId");
        JsonNode[] last = new JsonNode[1];
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = call("/api/payment-imports/" + jobId).body();
            return List.of("COMPLETED", "FAILED").contains(last[0].path("status").asString());
        });
        JsonNode job = last[0];
        assertThat(job.path("status").asString()).as("%s", job).isEqualTo("COMPLETED");
        assertThat(job.path("recordedRows").asLong()).isEqualTo(1);
        assertThat(job.path("rejectedRows").asLong()).isEqualTo(8);
        List<String> errors = new ArrayList<>();
        job.path("errors").forEach(e -> errors.add(e.path("line").asLong() + ":" + e.path("field").asString()));
        assertThat(errors).containsExactly("3:payerOrg", "4:payee", "5:payee", "6:payee", "7:payerOrg",
                "8:beneficiaryCount", "9:amount", "10:procurementCategory");
        job.path("errors").forEach(e -> assertThat(e.path("reason").asString()).doesNotContain("\u0000")
                .hasSizeLessThan(2_100));
        assertThat(jdbc.queryForObject("SELECT payee FROM payment WHERE import_job_id = ?::uuid", String.class,
                jobId)).isEqualTo(SQL);
    }

    private static Map<String, Object> with(Map<String, Object> valid, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        change.accept(body);
        return body;
    }

    private static Case bad(String name, String field, Map<String, Object> valid,
            Consumer<Map<String, Object>> change) {
        return new Case(name, 400, field, with(valid, change));
    }
}
