package org.fundflow.budget.allocation;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.budget.allocation.AllocationChainTest.assertFigures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 追加/调减, 财政收回 and 结转: exact budgets after each, and every over-reach refused without a trace. */
class AllocationMovementTest extends BudgetServiceIntegrationTest {

    @Test
    void adjustRecoverAndCarryOverKeepEveryBudgetExact() {
        String program = newProgram("省级财政医疗救助补助资金", 2022);
        String a = issue(allocation(program, 2022, "140000", "141100", null, "1000000.00", "2022-03-01"))
                .path("allocationId").asString();
        String b = issue(allocation(program, 2022, "141100", "141102", a, "300000.00", "2022-03-15"))
                .path("allocationId").asString();

        Response up = post("/api/allocations/" + a + "/adjustments",
                adjustment("200000.50", "晋财社〔2022〕31号", "2022-04-01", "追加"));
        assertThat(up.status()).isEqualTo(201);
        assertThat(up.header("Location")).isEqualTo("/api/allocations/" + a);
        assertThat(up.body().path("movement").path("kind").asString()).isEqualTo("ADJUSTMENT");
        assertThat(up.body().path("movement").path("amount").asString()).isEqualTo("200000.50");
        assertThat(up.body().path("movement").path("effect").asString()).isEqualTo("200000.50");
        assertThat(up.body().path("movement").path("docNo").asString()).isEqualTo("晋财社〔2022〕31号");
        assertFigures(up.body().path("allocation"), "1000000.00", "1200000.50", "300000.00", "900000.50");

        Response down = post("/api/allocations/" + a + "/adjustments",
                adjustment("-100000.50", "晋财社〔2022〕40号", "2022-05-01", "调减"));
        assertThat(down.status()).isEqualTo(201);
        assertThat(down.body().path("movement").path("effect").asString()).isEqualTo("-100000.50");
        assertFigures(view(a), "1000000.00", "1100000.00", "300000.00", "800000.00");

        // a child grows from what its parent still has: 800,000.00
        expectRefused(post("/api/allocations/" + b + "/adjustments",
                adjustment("800000.01", "吕财社〔2022〕1号", "2022-05-02", "追加")), 422, "delta", "800000.00 left");
        assertThat(post("/api/allocations/" + b + "/adjustments",
                adjustment("800000.00", "吕财社〔2022〕2号", "2022-05-02", "追加")).status()).isEqualTo(201);
        assertFigures(view(b), "300000.00", "1100000.00", "0.00", "1100000.00");
        assertFigures(view(a), "1000000.00", "1100000.00", "1100000.00", "0.00");

        // everything was passed down: nothing to reduce, recover or carry over at the parent
        expectRefused(post("/api/allocations/" + a + "/adjustments",
                adjustment("-0.01", "晋财社〔2022〕41号", "2022-05-03", "调减")), 422, "delta", null);
        expectRefused(post("/api/allocations/" + a + "/recoveries", recovery("0.01", "2022-12-01")), 422, "amount",
                "0.00 unspent");
        expectRefused(post("/api/allocations/" + a + "/carry-overs", carryOver("0.01", 2023, "2022-12-31")), 422,
                "amount", null);

        assertThat(post("/api/allocations/" + b + "/adjustments",
                adjustment("-600000.00", "吕财社〔2022〕3号", "2022-06-01", "调减")).status()).isEqualTo(201);
        assertFigures(view(b), "300000.00", "500000.00", "0.00", "500000.00");
        assertFigures(view(a), "1000000.00", "1100000.00", "500000.00", "600000.00");

        expectRefused(post("/api/allocations/" + a + "/recoveries", recovery("600000.01", "2022-12-01")), 422,
                "amount", "600000.00 unspent");
        Response recovered = post("/api/allocations/" + a + "/recoveries", recovery("100000.00", "2022-12-01"));
        assertThat(recovered.status()).isEqualTo(201);
        assertThat(recovered.body().path("movement").path("kind").asString()).isEqualTo("RECOVERY");
        assertThat(recovered.body().path("movement").path("amount").asString()).isEqualTo("100000.00");
        assertThat(recovered.body().path("movement").path("effect").asString()).isEqualTo("-100000.00");
        assertFigures(view(a), "1000000.00", "1000000.00", "500000.00", "500000.00");

        expectRefused(post("/api/allocations/" + b + "/recoveries", recovery("500000.01", "2022-12-01")), 422,
                "amount", null);
        assertThat(post("/api/allocations/" + b + "/recoveries", recovery("50000.00", "2022-12-02")).status())
                .isEqualTo(201);
        assertFigures(view(b), "300000.00", "450000.00", "0.00", "450000.00");
        assertFigures(view(a), "1000000.00", "1000000.00", "450000.00", "550000.00");

        expectRefused(post("/api/allocations/" + a + "/carry-overs", carryOver("1.00", 2022, "2022-12-31")), 422,
                "toFiscalYear", null);
        expectRefused(post("/api/allocations/" + a + "/carry-overs", carryOver("550000.01", 2023, "2022-12-31")),
                422, "amount", null);
        Response carried = post("/api/allocations/" + a + "/carry-overs", carryOver("200000.00", 2023, "2022-12-31"));
        assertThat(carried.status()).isEqualTo(201);
        assertThat(carried.body().path("movement").path("kind").asString()).isEqualTo("CARRY_OVER");
        assertThat(carried.body().path("movement").path("toFiscalYear").asInt()).isEqualTo(2023);
        assertFigures(view(a), "1000000.00", "800000.00", "450000.00", "350000.00");

        JsonNode finalView = view(a);
        assertThat(finalView.path("movements").valueStream().map(m -> m.path("kind").asString()).toList())
                .containsExactly("ADJUSTMENT", "ADJUSTMENT", "RECOVERY", "CARRY_OVER");
        assertThat(finalView.path("movements").valueStream().map(m -> m.path("effect").asString()).toList())
                .containsExactly("200000.50", "-100000.50", "-100000.00", "-200000.00");
        // budget = issued + Σ adjustments − Σ recoveries − Σ carry-overs, derived from facts, never stored
        assertThat(jdbc.queryForObject("SELECT sum(effect_cents) FROM allocation_movement WHERE allocation_id = ?",
                Long.class, UUID.fromString(a))).isEqualTo(-20_000_000L);

        List<ConsumerRecord<String, String>> events = KafkaTopic.fromBeginning(Topics.ALLOCATION).awaitKey(a, 5);
        assertThat(events.stream().map(r -> KafkaTopic.header(r, "eventType")).toList()).containsExactly(
                "AllocationIssued", "AllocationAdjusted", "AllocationAdjusted", "AllocationRecovered",
                "AllocationCarriedOver");
        JsonNode adjusted = json.readTree(events.get(2).value()).path("payload");
        assertThat(adjusted.path("delta").asString()).isEqualTo("-100000.50");
        assertThat(adjusted.path("effectiveOn").asString()).isEqualTo("2022-05-01");
        assertThat(adjusted.path("docNo").asString()).isEqualTo("晋财社〔2022〕40号");
        assertThat(adjusted.path("reason").asString()).isEqualTo("调减");
        JsonNode recoveredEvent = json.readTree(events.get(3).value()).path("payload");
        assertThat(recoveredEvent.path("amount").asString()).isEqualTo("100000.00");
        assertThat(recoveredEvent.path("recoveredOn").asString()).isEqualTo("2022-12-01");
        JsonNode carriedEvent = json.readTree(events.get(4).value()).path("payload");
        assertThat(carriedEvent.path("amount").asString()).isEqualTo("200000.00");
        assertThat(carriedEvent.path("toFiscalYear").asInt()).isEqualTo(2023);
        assertThat(carriedEvent.path("carriedOn").asString()).isEqualTo("2022-12-31");
        assertThat(carriedEvent.path("allocationId").asString()).isEqualTo(a);
    }

    @Test
    void malformedMovementsAndUnknownAllocationsAreRefusedWithoutATrace() {
        String program = newProgram("城乡医疗救助", 2022);
        String a = issue(allocation(program, 2022, "430000", "430100", null, "1000.00", "2022-03-01"))
                .path("allocationId").asString();
        String unknown = UUID.randomUUID().toString();

        Map<String, Long> before = writtenRows();
        String adjustments = "/api/allocations/" + a + "/adjustments";
        String recoveries = "/api/allocations/" + a + "/recoveries";
        String carryOvers = "/api/allocations/" + a + "/carry-overs";
        for (String delta : List.of("0", "0.00", "-0", "1.001", "abc", "")) {
            expectRefused(post(adjustments, adjustment(delta, "d", "2022-04-01", "r")), 400, "delta", null);
        }
        Map<String, Object> numberDelta = new LinkedHashMap<>(adjustment("1", "d", "2022-04-01", "r"));
        numberDelta.put("delta", 5);
        expectRefused(post(adjustments, numberDelta), 400, "delta", null);
        expectRefused(post(adjustments, adjustment("1", "", "2022-04-01", "r")), 400, "docNo", null);
        expectRefused(post(adjustments, adjustment("1", "d", "2022-4-1", "r")), 400, "effectiveOn", null);
        expectRefused(post(adjustments, adjustment("1", "d", "2022-04-01", null)), 400, "reason", null);
        expectRefused(post(adjustments, adjustment("1", "d", "2022-02-28", "r")), 422, "effectiveOn", null);
        expectRefused(post(adjustments, adjustment("-1000.01", "d", "2022-04-01", "r")), 422, "delta", null);
        for (String amount : List.of("-1", "0", "1e3", "12.345")) {
            expectRefused(post(recoveries, recovery(amount, "2022-12-01")), 400, "amount", null);
            expectRefused(post(carryOvers, carryOver(amount, 2023, "2022-12-31")), 400, "amount", null);
        }
        expectRefused(post(recoveries, recovery("1", "2022-13-01")), 400, "recoveredOn", null);
        expectRefused(post(recoveries, recovery("1000.01", "2022-12-01")), 422, "amount", "1000.00 unspent");
        expectRefused(post(recoveries, recovery("1", "2022-01-01")), 422, "recoveredOn", null);
        expectRefused(post(carryOvers, carryOver("1", 2021, "2022-12-31")), 422, "toFiscalYear", null);
        expectRefused(post(carryOvers, carryOver("1", 2200, "2022-12-31")), 400, "toFiscalYear", null);
        expectRefused(post(carryOvers, carryOver("1", 2023, null)), 400, "carriedOn", null);
        expectRefused(post(carryOvers, carryOver("1000.01", 2023, "2022-12-31")), 422, "amount", null);
        expectRefused(post(adjustments, null, adjustment("1", "d", "2022-04-01", "r")), 400, "Idempotency-Key",
                null);

        expectRefused(post("/api/allocations/" + unknown + "/adjustments", adjustment("1", "d", "2022-04-01", "r")),
                404, "allocationId", null);
        expectRefused(post("/api/allocations/" + unknown + "/recoveries", recovery("1", "2022-12-01")), 404,
                "allocationId", null);
        expectRefused(post("/api/allocations/" + unknown + "/carry-overs", carryOver("1", 2023, "2022-12-31")), 404,
                "allocationId", null);
        expectRefused(get("/api/allocations/" + unknown), 404, "allocationId", null);
        assertThat(post("/api/allocations/not-a-uuid/recoveries", recovery("1", "2022-12-01")).status())
                .isEqualTo(400);

        assertThat(writtenRows()).isEqualTo(before);
        assertFigures(view(a), "1000.00", "1000.00", "0.00", "1000.00");
        assertThat(view(a).path("movements").size()).isZero();
    }

    private JsonNode view(String id) {
        Response r = get("/api/allocations/" + id);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private static void expectRefused(Response r, int status, String field, String detailContains) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        assertThat(r.field()).as("%s", r.body()).isEqualTo(field);
        if (detailContains != null) {
            assertThat(r.detail()).contains(detailContains);
        }
    }

    private static Map<String, Object> adjustment(String delta, String docNo, String effectiveOn, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delta", delta);
        body.put("docNo", docNo);
        body.put("effectiveOn", effectiveOn);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private static Map<String, Object> recovery(String amount, String recoveredOn) {
        return Map.of("amount", amount, "recoveredOn", recoveredOn, "reason", "项目结余，财政收回");
    }

    private static Map<String, Object> carryOver(String amount, int toFiscalYear, String carriedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("toFiscalYear", toFiscalYear);
        if (carriedOn != null) {
            body.put("carriedOn", carriedOn);
        }
        return body;
    }
}
