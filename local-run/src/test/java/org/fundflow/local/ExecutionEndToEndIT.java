package org.fundflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 3 through the gateway: payments recorded by agencies, execution rates in evaluation and reporting, the
 * fixture figures of the seeds (never the documents' misprints), read-through after a 201, reversals, imports.
 */
class ExecutionEndToEndIT {
    static DemoData.Loaded demo;

    @BeforeAll
    static void loadDemo() {
        EndToEndIT.start();
        demo = new DemoData(EndToEndIT.system.gateway()).load();
    }

    static JsonNode get(String path) throws Exception {
        return EndToEndIT.get(path);
    }

    static JsonNode orgRow(String program, int year, String org) throws Exception {
        return StreamSupport.stream(get("/api/execution?programCode=" + program + "&fiscalYear=" + year)
                .path("rows").spliterator(), false)
                .filter(r -> org.equals(r.path("toOrg").asString(null))).findFirst().orElse(null);
    }

    static JsonNode fundRow(String program, int year) throws Exception {
        return StreamSupport.stream(get("/api/reports/execution/by-fund?fiscalYear=" + year).path("rows")
                .spliterator(), false).filter(r -> program.equals(r.path("programCode").asString(null)))
                .findFirst().orElse(null);
    }

    static void awaitExecuted(String program, int year, String org, String executed) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode row = orgRow(program, year, org);
            JsonNode fund = fundRow(program, year);
            return row != null && executed.equals(row.path("executed").asString())
                    && fund != null && executed.equals(fund.path("executed").asString());
        });
    }

    @Test
    void jinzhongMutualAidIsFullyExecutedByItsElevenPayments() throws Exception {
        assertThat(demo.paymentIds()).hasSize(16);
        awaitExecuted("JZ-DBYLHZ", 2020, "140700-208", "1400000.00");
        JsonNode row = orgRow("JZ-DBYLHZ", 2020, "140700-208");
        assertThat(row.path("budget").asString()).isEqualTo("1400000.00");
        assertThat(row.path("executionRate").asString()).isEqualTo("1.0000");
        assertThat(row.path("executionPercent").asString()).isEqualTo("100.00%");
        JsonNode fund = fundRow("JZ-DBYLHZ", 2020);
        assertThat(fund.path("budget").asString()).isEqualTo("1400000.00");
        assertThat(fund.path("executionRate").asString()).isEqualTo("1.0000");
        // 城乡医疗救助: 325万 budget = issued = spent
        awaitExecuted("JZ-CXYLJZ", 2020, "140700-074", "3250000.00");
        assertThat(orgRow("JZ-CXYLJZ", 2020, "140700-074").path("executionPercent").asString())
                .isEqualTo("100.00%");
        JsonNode balance = get("/api/org-allocations/" + demo.allocationIds().get("2020/JZ-DBYLHZ/0"));
        assertThat(balance.path("available").asString()).isEqualTo("0.00");
    }

    @Test
    void lishiProjectsExecuteAsTheirTablesSayNotAsTheirMisprintsSay() throws Exception {
        awaitExecuted("LS-ZY-YLJZ-420", 2022, "141102-YBJ", "4200000.00");
        assertThat(orgRow("LS-ZY-YLJZ-420", 2022, "141102-YBJ").path("executionPercent").asString())
                .isEqualTo("100.00%");
        // 省级财政医疗救助补助资金: 2,617,074.57 / 6,710,000.00 = 39.00 % — the document prints 40.49 %
        awaitExecuted("LS-PJ-YLJZ", 2022, "141102-YBJ", "2617074.57");
        JsonNode provincial = orgRow("LS-PJ-YLJZ", 2022, "141102-YBJ");
        assertThat(provincial.path("executionRate").asString()).isEqualTo("0.3900");
        assertThat(provincial.path("executionPercent").asString()).isEqualTo("39.00%").isNotEqualTo("40.49%");
        // the same money seen from the top of its chain (山西 140000)
        JsonNode top = StreamSupport.stream(get("/api/execution?programCode=LS-PJ-YLJZ&fiscalYear=2022")
                .path("rows").spliterator(), false).filter(r -> "140000".equals(r.path("fromRegion").asString()))
                .findFirst().orElseThrow();
        assertThat(top.path("executedInSubtree").asString()).isEqualTo("2617074.57");
        assertThat(top.path("executionRate").asString()).isEqualTo("0.3900");
        // 能力提升: 54,100.00 / 150,000.00 = 36.07 % — the document prints 36.10 %
        awaitExecuted("LS-ZY-NLTS", 2022, "141102-YBJ", "54100.00");
        assertThat(orgRow("LS-ZY-NLTS", 2022, "141102-YBJ").path("executionPercent").asString())
                .isEqualTo("36.07%");
        // spending by function code: 2101301 = 4,200,000.00 + 2,617,074.57
        JsonNode byFunction = get("/api/reports/execution/by-function?fiscalYear=2022&region=141102");
        JsonNode row2101301 = StreamSupport.stream(byFunction.path("rows").spliterator(), false)
                .filter(r -> "2101301".equals(r.path("code").asString())).findFirst().orElseThrow();
        assertThat(row2101301.path("executed").asString()).isEqualTo("6817074.57");
    }

    @Test
    void aPaymentRightAfterTheAllocations201SucceedsAndAReversalRestoresTheRateExactly() throws Exception {
        String program = "E2E-P-" + UUID.randomUUID().toString().substring(0, 8);
        EndToEndIT.write(EndToEndIT.tokens.financeBureau("000000"), "POST", "/api/programs", Map.of("code", program, "name", "支付测试", "fiscalYear", 2024,
                "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        EndToEndIT.write(EndToEndIT.tokens.financeBureau("140703"), "PUT", "/api/orgs/E2E-TG-YBJ",
                Map.of("name", "太谷区医疗保障局", "regionCode", "140703"));
        String allocation = EndToEndIT.write(EndToEndIT.tokens.financeBureau("140700"), "POST",
                "/api/allocations", Map.of("programCode", program,
                "fiscalYear", 2024, "sourceLevel", "CITY", "fromRegion", "140700", "toOrg", "E2E-TG-YBJ",
                "amount", "200000.00", "docNo", "晋中财社〔2024〕3号", "issuedOn", "2024-02-01",
                "functionCode", "2101301")).path("allocationId").asString();
        // no wait: the disbursement service has not necessarily consumed the event yet
        JsonNode paid = EndToEndIT.write(EndToEndIT.tokens.agency("E2E-TG-YBJ"), "POST", "/api/payments", Map.of("allocationId", allocation,
                "payerOrg", "E2E-TG-YBJ", "amount", "150000.00", "paidOn", "2024-03-01", "functionCode", "2101301",
                "economicCode", "30307", "expenditureKind", "PROJECT", "voucherNo", "E2E-" + program));
        assertThat(paid.path("balance").path("available").asString()).isEqualTo("50000.00");
        String paymentId = paid.path("paymentId").asString();
        awaitExecuted(program, 2024, "E2E-TG-YBJ", "150000.00");
        assertThat(orgRow(program, 2024, "E2E-TG-YBJ").path("executionRate").asString()).isEqualTo("0.7500");

        // an overspend is refused, naming the field and the balance
        var over = EndToEndIT.call("POST", "/api/payments", Map.of("allocationId", allocation, "payerOrg",
                "E2E-TG-YBJ", "amount", "50000.01", "paidOn", "2024-03-02", "functionCode", "2101301",
                "economicCode", "30307", "expenditureKind", "PROJECT"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString(),
                        "Authorization", "Bearer " + EndToEndIT.tokens.agency("E2E-TG-YBJ")));
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(EndToEndIT.json.readTree(over.body()).path("field").asString()).isEqualTo("amount");

        EndToEndIT.write(EndToEndIT.tokens.agency("E2E-TG-YBJ"), "POST",
                "/api/payments/" + paymentId + "/reversals", Map.of("amount", "30000.25",
                "reversedOn", "2024-03-05", "reason", "退回多付"));
        awaitExecuted(program, 2024, "E2E-TG-YBJ", "119999.75");
        assertThat(orgRow(program, 2024, "E2E-TG-YBJ").path("executionRate").asString()).isEqualTo("0.6000");
        assertThat(get("/api/org-allocations/" + allocation).path("available").asString()).isEqualTo("80000.25");
    }

    @Test
    void aBulkImportThroughTheGatewayRecordsGoodRowsOnceAndReportsBadOnesByLine() throws Exception {
        String program = "E2E-I-" + UUID.randomUUID().toString().substring(0, 8);
        EndToEndIT.write(EndToEndIT.tokens.financeBureau("000000"), "POST", "/api/programs", Map.of("code", program, "name", "导入测试", "fiscalYear", 2024,
                "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        EndToEndIT.write(EndToEndIT.tokens.financeBureau("140727"), "PUT", "/api/orgs/E2E-QX-YBJ",
                Map.of("name", "祁县医疗保障局", "regionCode", "140727"));
        String allocation = EndToEndIT.write(EndToEndIT.tokens.financeBureau("140700"), "POST",
                "/api/allocations", Map.of("programCode", program,
                "fiscalYear", 2024, "sourceLevel", "CITY", "fromRegion", "140700", "toOrg", "E2E-QX-YBJ",
                "amount", "1000.00", "docNo", "晋中财社〔2024〕4号", "issuedOn", "2024-02-01",
                "functionCode", "2101301")).path("allocationId").asString();
        StringBuilder csv = new StringBuilder("allocationId,payerOrg,amount,paidOn,functionCode,economicCode,"
                + "expenditureKind,payee,beneficiaryCount,voucherNo,procurementCategory\n");
        for (int i = 1; i <= 9; i++) {
            csv.append(allocation).append(",E2E-QX-YBJ,100.00,2024-04-0").append(i)
                    .append(",2101301,30307,PROJECT,救助对象").append(i).append(",1,").append(program).append("-")
                    .append(i).append(",\n");
        }
        csv.append(allocation).append(",E2E-QX-YBJ,12.345,2024-04-10,2101301,30307,PROJECT,坏行,1,")
                .append(program).append("-bad,\n");
        Path file = Files.createTempFile("import", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        for (int upload = 0; upload < 2; upload++) {
            JsonNode job = new org.fundflow.local.ImportClient(EndToEndIT.system.gateway())
                    .upload(file, EndToEndIT.tokens.agency("E2E-QX-YBJ"));
            String jobId = job.path("jobId").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/payment-imports/" + jobId)
                    .path("status").asString().equals("COMPLETED"));
            JsonNode done = get("/api/payment-imports/" + jobId);
            assertThat(done.path("rejectedRows").asLong()).isEqualTo(1);
            assertThat(done.path("errors").get(0).path("line").asInt()).isEqualTo(11);
            if (upload == 0) {
                assertThat(done.path("recordedRows").asLong()).isEqualTo(9);
            } else {
                assertThat(done.path("recordedRows").asLong()).isZero();
                assertThat(done.path("duplicateRows").asLong()).isEqualTo(9);
            }
        }
        awaitExecuted(program, 2024, "E2E-QX-YBJ", "900.00");
    }
}
