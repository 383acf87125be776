package org.fundflow.budget.allocation;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 中央 → 山西 → 晋中 → 榆次 → an org in 榆次: the chain, its figures to the 分, and its events on Kafka. */
class AllocationChainTest extends BudgetServiceIntegrationTest {

    @Test
    void issuesAChainDownToAnOrgWithExactFiguresAndPublishesEachAllocation() {
        String program = newProgram("城乡医疗救助", 2024);
        String org = newOrg("榆次区医疗保障局", "140702");
        String correlationId = "chain-" + UUID.randomUUID();

        Map<String, Object> rootBody = allocation(program, 2024, "000000", "140000", null, "10000000", "2024-01-15");
        rootBody.put("economicCode", "30307");
        rootBody.put("note", "中央财政医疗救助补助资金");
        Response rootResponse = post("/api/allocations", UUID.randomUUID().toString(), rootBody,
                "X-Correlation-Id", correlationId);
        assertThat(rootResponse.status()).isEqualTo(201);
        JsonNode root = rootResponse.body();
        String rootId = root.path("allocationId").asString();
        assertThat(rootResponse.header("Location")).isEqualTo("/api/allocations/" + rootId);
        assertThat(root.path("sourceLevel").asString()).isEqualTo("CENTRAL");
        assertThat(root.path("level").asString()).isEqualTo("PROVINCIAL");
        assertThat(root.path("rootAllocationId").asString()).isEqualTo(rootId);
        // who recorded it is the token's subject: the rightful writer is 中央's finance bureau (财政部)
        assertThat(root.path("recordedBy").asString()).isEqualTo("finance-000000");

        JsonNode shanxi = issue(allocation(program, 2024, "140000", "140700", rootId, "3000000.5", "2024-02-01"));
        String shanxiId = shanxi.path("allocationId").asString();
        JsonNode jinzhong = issue(allocation(program, 2024, "140700", "140702", shanxiId, "1200000.25",
                "2024-02-20"));
        String jinzhongId = jinzhong.path("allocationId").asString();
        Map<String, Object> toOrg = allocation(program, 2024, "140702", null, jinzhongId, "500000.10", "2024-03-05");
        toOrg.put("toOrg", org);
        JsonNode yuci = issue(toOrg);
        String yuciId = yuci.path("allocationId").asString();

        JsonNode rootView = get("/api/allocations/" + rootId).body();
        assertFigures(rootView, "10000000.00", "10000000.00", "3000000.50", "6999999.50");
        assertThat(rootView.path("fromRegionName").asString()).isEqualTo("中央");
        assertThat(rootView.path("toRegionName").asString()).isEqualTo("山西省");
        assertThat(rootView.path("programName").asString()).isEqualTo("城乡医疗救助");
        assertThat(rootView.path("economicCode").asString()).isEqualTo("30307");
        assertThat(rootView.path("parentAllocationId").isNull()).isTrue();
        assertThat(ids(rootView.path("childAllocationIds"))).containsExactly(shanxiId);

        JsonNode shanxiView = get("/api/allocations/" + shanxiId).body();
        assertFigures(shanxiView, "3000000.50", "3000000.50", "1200000.25", "1800000.25");
        assertThat(shanxiView.path("level").asString()).isEqualTo("CITY");
        assertThat(shanxiView.path("sourceLevel").asString()).isEqualTo("CENTRAL");
        assertThat(shanxiView.path("rootAllocationId").asString()).isEqualTo(rootId);
        assertThat(shanxiView.path("parentAllocationId").asString()).isEqualTo(rootId);
        assertThat(shanxiView.path("toRegionName").asString()).isEqualTo("晋中市");

        JsonNode jinzhongView = get("/api/allocations/" + jinzhongId).body();
        assertFigures(jinzhongView, "1200000.25", "1200000.25", "500000.10", "700000.15");
        assertThat(jinzhongView.path("level").asString()).isEqualTo("COUNTY");
        assertThat(jinzhongView.path("toRegionName").asString()).isEqualTo("榆次区");
        assertThat(ids(jinzhongView.path("childAllocationIds"))).containsExactly(yuciId);

        JsonNode yuciView = get("/api/allocations/" + yuciId).body();
        assertFigures(yuciView, "500000.10", "500000.10", "0.00", "500000.10");
        assertThat(yuciView.path("toOrg").asString()).isEqualTo(org);
        assertThat(yuciView.path("toOrgName").asString()).isEqualTo("榆次区医疗保障局");
        assertThat(yuciView.path("toOrgRegion").asString()).isEqualTo("140702");
        assertThat(yuciView.path("toRegion").isNull()).isTrue();
        assertThat(yuciView.path("level").asString()).isEqualTo("COUNTY");
        assertThat(yuciView.path("sourceLevel").asString()).isEqualTo("CENTRAL");
        assertThat(yuciView.path("rootAllocationId").asString()).isEqualTo(rootId);
        assertThat(yuciView.path("issuedOn").asString()).isEqualTo("2024-03-05");
        assertThat(yuciView.path("recordedBy").asString()).isEqualTo("finance-140702");

        // the topic, read as any consumer would
        Set<String> ours = Set.of(rootId, shanxiId, jinzhongId, yuciId);
        List<ConsumerRecord<String, String>> records = KafkaTopic.fromBeginning(Topics.ALLOCATION)
                .awaitRecords(r -> ours.contains(r.key()), 4);
        assertThat(records).hasSize(4);
        for (ConsumerRecord<String, String> record : records) {
            JsonNode envelope = json.readTree(record.value());
            assertThat(KafkaTopic.header(record, "eventType")).isEqualTo("AllocationIssued");
            assertThat(KafkaTopic.header(record, "id")).isEqualTo(envelope.path("eventId").asString());
            assertThat(KafkaTopic.header(record, "correlationId")).isEqualTo(envelope.path("correlationId")
                    .asString()).isNotBlank();
            assertThat(envelope.path("type").asString()).isEqualTo("AllocationIssued");
            assertThat(envelope.path("aggregateType").asString()).isEqualTo("allocation");
            assertThat(envelope.path("aggregateId").asString()).isEqualTo(record.key());
            assertThat(envelope.path("schemaVersion").asInt()).isEqualTo(1);
            assertThat(envelope.path("payload").path("allocationId").asString()).isEqualTo(record.key());
            assertThat(envelope.path("payload").path("rootAllocationId").asString()).isEqualTo(rootId);
        }
        JsonNode rootEvent = envelope(records, rootId);
        assertThat(rootEvent.path("correlationId").asString()).isEqualTo(correlationId);
        assertThat(rootEvent.path("recordedBy").asString()).isEqualTo("finance-000000");
        assertThat(rootEvent.path("actor").path("subject").asString()).isEqualTo("finance-000000");
        assertThat(envelope(records, yuciId).path("recordedBy").asString()).isEqualTo("finance-140702");
        JsonNode p = rootEvent.path("payload");
        assertThat(p.path("amount").asString()).isEqualTo("10000000.00");
        assertThat(p.path("programCode").asString()).isEqualTo(program);
        assertThat(p.path("programName").asString()).isEqualTo("城乡医疗救助");
        assertThat(p.path("fiscalYear").asInt()).isEqualTo(2024);
        assertThat(p.path("sourceLevel").asString()).isEqualTo("CENTRAL");
        assertThat(p.path("level").asString()).isEqualTo("PROVINCIAL");
        assertThat(p.path("fromRegion").asString()).isEqualTo("000000");
        assertThat(p.path("fromRegionName").asString()).isEqualTo("中央");
        assertThat(p.path("toRegion").asString()).isEqualTo("140000");
        assertThat(p.path("toRegionName").asString()).isEqualTo("山西省");
        assertThat(p.path("issuedOn").asString()).isEqualTo("2024-01-15");
        assertThat(p.path("economicCode").asString()).isEqualTo("30307");
        assertThat(p.path("note").asString()).isEqualTo("中央财政医疗救助补助资金");
        assertThat(p.path("docNo").asString()).isEqualTo(rootBody.get("docNo"));
        assertThat(p.path("parentAllocationId").asString(null)).isNull(); // null or left out by the relay

        JsonNode orgEvent = envelope(records, yuciId).path("payload");
        assertThat(orgEvent.path("amount").asString()).isEqualTo("500000.10");
        assertThat(orgEvent.path("toOrg").asString()).isEqualTo(org);
        assertThat(orgEvent.path("toOrgName").asString()).isEqualTo("榆次区医疗保障局");
        assertThat(orgEvent.path("toOrgRegion").asString()).isEqualTo("140702");
        assertThat(orgEvent.path("toRegion").asString(null)).isNull();
        assertThat(orgEvent.path("level").asString()).isEqualTo("COUNTY");
        assertThat(orgEvent.path("sourceLevel").asString()).isEqualTo("CENTRAL");
        assertThat(orgEvent.path("parentAllocationId").asString()).isEqualTo(jinzhongId);
        assertThat(orgEvent.path("fromRegionName").asString()).isEqualTo("榆次区");
    }

    @Test
    void listsAllocationsByFilterWithBoundedPages() {
        String program = newProgram("困难群众救助补助资金", 2023);
        String rootId = issue(allocation(program, 2023, "000000", "430000", null, "900", "2023-01-10"))
                .path("allocationId").asString();
        String a = issue(allocation(program, 2023, "430000", "430100", rootId, "100", "2023-02-01"))
                .path("allocationId").asString();
        String b = issue(allocation(program, 2023, "430000", "430200", rootId, "200", "2023-02-01"))
                .path("allocationId").asString();

        Response byProgram = get("/api/allocations?programCode=" + program + "&fiscalYear=2023");
        assertThat(byProgram.status()).isEqualTo(200);
        assertThat(ids(byProgram.body(), "allocationId")).containsExactly(rootId, a, b);
        assertThat(ids(get("/api/allocations?parentAllocationId=" + rootId).body(), "allocationId"))
                .containsExactly(a, b);
        assertThat(ids(get("/api/allocations?programCode=" + program + "&toRegion=430200").body(),
                "allocationId")).containsExactly(b);
        assertThat(ids(get("/api/allocations?programCode=" + program + "&fromRegion=430000&limit=1&offset=1")
                .body(), "allocationId")).containsExactly(b);
        JsonNode rootView = get("/api/allocations?programCode=" + program + "&fromRegion=000000").body().get(0);
        assertThat(rootView.path("distributed").asString()).isEqualTo("300.00");
        assertThat(rootView.path("undistributed").asString()).isEqualTo("600.00");

        assertThat(get("/api/allocations?limit=500").status()).isEqualTo(200);
        Response tooMany = get("/api/allocations?limit=501");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.field()).isEqualTo("limit");
        assertThat(get("/api/allocations?limit=0").field()).isEqualTo("limit");
        assertThat(get("/api/allocations?offset=-1").field()).isEqualTo("offset");
        assertThat(get("/api/allocations?fiscalYear=abc").status()).isEqualTo(400);
        assertThat(get("/api/allocations?parentAllocationId=nope").field()).isEqualTo("parentAllocationId");

        Response unknown = get("/api/allocations/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(get("/api/allocations/not-a-uuid").status()).isEqualTo(400);
    }

    static void assertFigures(JsonNode view, String amount, String budget, String distributed, String undistributed) {
        assertThat(view.path("amount").asString()).as("amount").isEqualTo(amount);
        assertThat(view.path("budget").asString()).as("budget").isEqualTo(budget);
        assertThat(view.path("distributed").asString()).as("distributed").isEqualTo(distributed);
        assertThat(view.path("undistributed").asString()).as("undistributed").isEqualTo(undistributed);
    }

    private JsonNode envelope(List<ConsumerRecord<String, String>> records, String key) {
        return json.readTree(records.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().value());
    }

    private static List<String> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> ids(JsonNode array, String field) {
        return array.valueStream().map(n -> n.path(field).asString()).toList();
    }
}
