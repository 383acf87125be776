package org.fundflow.disbursement.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fundflow.disbursement.AllocationEvents.issue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Org allocation balances learned from allocation events on the real topic. Events of one allocation share a
 * partition (key = allocation id), so once a later event of it is visible, every earlier one has been consumed.
 */
class OrgAllocationBalanceTest extends DisbursementServiceTestBase {

    /** Seed 000: 晋中 2020 城乡医疗救助, 市财政 → 晋中市医疗保障局 325万. */
    @Test
    void jinzhong_2020_medical_aid_balance_follows_adjustments_and_recoveries() {
        String program = uniqueProgram("JZ2020-CXYLJZ");
        String org = uniqueProgram("JZ-YBJ");
        Events.AllocationIssued allocation = issue(program, "城乡医疗救助", 2020).source(Level.CITY)
                .from("140700", "晋中市").toOrg(org, "晋中市医疗保障局", "140700").amount("3250000.00")
                .doc("市财社〔2020〕test-1号", "2020-04-01").build();
        events().issued(allocation);

        JsonNode issued = awaitAllocation(allocation.allocationId(),
                a -> assertThat(a.get("budget").asString()).isEqualTo("3250000.00"));
        assertThat(issued.get("allocationId").asString()).isEqualTo(allocation.allocationId().toString());
        assertThat(issued.get("orgCode").asString()).isEqualTo(org);
        assertThat(issued.get("orgName").asString()).isEqualTo("晋中市医疗保障局");
        assertThat(issued.get("programCode").asString()).isEqualTo(program);
        assertThat(issued.get("programName").asString()).isEqualTo("城乡医疗救助");
        assertThat(issued.get("fiscalYear").asInt()).isEqualTo(2020);
        assertThat(issued.get("functionCode").asString()).isEqualTo("2101301");
        assertThat(issued.get("amount").asString()).isEqualTo("3250000.00");
        assertThat(issued.get("executed").asString()).isEqualTo("0.00");
        assertThat(issued.get("available").asString()).isEqualTo("3250000.00");

        events().adjusted(allocation.allocationId(), "100000.00", "市财社〔2020〕test-追加", "2020-07-01");
        events().recovered(allocation.allocationId(), "50000.00", "2020-12-20");

        JsonNode moved = awaitAllocation(allocation.allocationId(),
                a -> assertThat(a.get("budget").asString()).isEqualTo("3300000.00"));
        assertThat(moved.get("amount").asString()).isEqualTo("3250000.00");
        assertThat(moved.get("executed").asString()).isEqualTo("0.00");
        assertThat(moved.get("available").asString()).isEqualTo("3300000.00");
    }

    @Test
    void region_allocations_have_no_balance_but_their_movements_are_kept() {
        String program = uniqueProgram("REGION");
        String org = uniqueProgram("ORG");
        Events.AllocationIssued toRegion = issue(program, "城乡医疗救助", 2021).source(Level.PROVINCIAL)
                .from("140000", "山西省").toRegion("140700", "晋中市").amount("5000000.00")
                .doc("晋财社〔2021〕test-1号", "2021-03-01").build();
        Events.AllocationIssued toOrg = issue(program, "城乡医疗救助", 2021).source(Level.PROVINCIAL)
                .from("140700", "晋中市").toOrg(org, "晋中市医疗保障局", "140700").under(toRegion)
                .amount("1200000.00").doc("市财社〔2021〕test-2号", "2021-04-01").build();
        var regionIssued = events().issued(toRegion);
        var regionAdjusted = events().adjusted(toRegion.allocationId(), "-100000.00", "晋财社〔2021〕test-调减",
                "2021-06-01");
        events().issued(toOrg);

        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE consumer = 'disbursement.allocation' AND event_id IN (?, ?)",
                Integer.class, regionIssued.eventId(), regionAdjusted.eventId())).isEqualTo(2));
        awaitAllocation(toOrg.allocationId(), a -> assertThat(a.get("budget").asString()).isEqualTo("1200000.00"));

        HttpResponse<byte[]> region = get("/api/org-allocations/" + toRegion.allocationId());
        assertThat(region.statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT budget_effect_cents FROM allocation_movement WHERE event_id = ?",
                Long.class, regionAdjusted.eventId())).isEqualTo(-10_000_000L);

        JsonNode ofYear = json(get("/api/org-allocations?fiscalYear=2021"));
        List<String> ids = new ArrayList<>();
        ofYear.get("allocations").forEach(a -> ids.add(a.get("allocationId").asString()));
        assertThat(ids).contains(toOrg.allocationId().toString())
                .doesNotContain(toRegion.allocationId().toString());
    }

    @Test
    void the_list_filters_by_org_and_fiscal_year() {
        String org = uniqueProgram("ZGH");
        Events.AllocationIssued y2020 = issue(uniqueProgram("DBYLHZ"), "大病医疗互助", 2020).source(Level.CITY)
                .from("140700", "晋中市").toOrg(org, "晋中市总工会", "140700").amount("1400000.00")
                .doc("市财预〔2020〕test号", "2020-06-15").build();
        Events.AllocationIssued y2021 = issue(uniqueProgram("DBYLHZ"), "大病医疗互助", 2021).source(Level.CITY)
                .from("140700", "晋中市").toOrg(org, "晋中市总工会", "140700").amount("1500000.00")
                .doc("市财预〔2021〕test号", "2021-06-15").build();
        events().issued(y2020);
        events().issued(y2021);

        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(
                json(get("/api/org-allocations?org=" + org)).get("allocations")).hasSize(2));
        JsonNode all = json(get("/api/org-allocations?org=" + org));
        assertThat(all.get("org").asString()).isEqualTo(org);
        assertThat(all.at("/allocations/0/allocationId").asString()).isEqualTo(y2020.allocationId().toString());
        assertThat(all.at("/allocations/1/allocationId").asString()).isEqualTo(y2021.allocationId().toString());

        JsonNode only2020 = json(get("/api/org-allocations?org=" + org + "&fiscalYear=2020"));
        assertThat(only2020.get("fiscalYear").asInt()).isEqualTo(2020);
        assertThat(only2020.get("allocations")).hasSize(1);
        JsonNode a = only2020.at("/allocations/0");
        assertThat(a.get("allocationId").asString()).isEqualTo(y2020.allocationId().toString());
        assertThat(a.get("orgName").asString()).isEqualTo("晋中市总工会");
        assertThat(a.get("budget").asString()).isEqualTo("1400000.00");
        assertThat(a.get("executed").asString()).isEqualTo("0.00");
        assertThat(a.get("available").asString()).isEqualTo("1400000.00");

        assertThat(json(get("/api/org-allocations?org=" + uniqueProgram("NOBODY"))).get("allocations")).isEmpty();
    }

    @Test
    void redelivered_events_count_once() {
        String org = uniqueProgram("ORG");
        Events.AllocationIssued allocation = issue(uniqueProgram("DUP"), "城乡医疗救助", 2020).source(Level.CITY)
                .from("140700", "晋中市").toOrg(org, "晋中市医疗保障局", "140700").amount("3250000.00")
                .doc("市财社〔2020〕test-1号", "2020-04-01").build();
        var issued = events().issued(allocation);
        events().publish(issued);
        var adjusted = events().adjusted(allocation.allocationId(), "100000.00", "追加", "2020-07-01");
        events().publish(adjusted);
        events().publish(adjusted);
        events().recovered(allocation.allocationId(), "50000.00", "2020-12-20");

        JsonNode a = awaitAllocation(allocation.allocationId(),
                n -> assertThat(n.get("budget").asString()).isEqualTo("3300000.00"));
        assertThat(a.get("available").asString()).isEqualTo("3300000.00");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allocation_movement WHERE allocation_id = ?",
                Integer.class, allocation.allocationId())).isEqualTo(2);
    }

    @Test
    void movements_that_arrive_before_the_allocation_still_count() {
        String org = uniqueProgram("ORG");
        Events.AllocationIssued allocation = issue(uniqueProgram("EARLY"), "城乡医疗救助", 2020).source(Level.CITY)
                .from("140700", "晋中市").toOrg(org, "晋中市医疗保障局", "140700").amount("3250000.00")
                .doc("市财社〔2020〕test-1号", "2020-04-01").build();
        events().adjusted(allocation.allocationId(), "100000.00", "追加", "2020-07-01");
        events().carriedOver(allocation.allocationId(), "25000.00", 2021, "2020-12-31");
        events().issued(allocation);

        JsonNode a = awaitAllocation(allocation.allocationId(),
                n -> assertThat(n.get("amount").asString()).isEqualTo("3250000.00"));
        assertThat(a.get("budget").asString()).isEqualTo("3325000.00");
        assertThat(a.get("executed").asString()).isEqualTo("0.00");
        assertThat(a.get("available").asString()).isEqualTo("3325000.00");
    }

    @Test
    void unknown_or_malformed_ids_and_missing_filters_are_problems() {
        HttpResponse<byte[]> unknown = get("/api/org-allocations/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(unknown).get("field").asString()).isEqualTo("allocationId");

        HttpResponse<byte[]> malformed = get("/api/org-allocations/not-a-uuid");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("field").asString()).isEqualTo("allocationId");

        HttpResponse<byte[]> noFilter = get("/api/org-allocations");
        assertThat(noFilter.statusCode()).isEqualTo(400);
        assertThat(json(noFilter).get("field").asString()).isEqualTo("org");

        HttpResponse<byte[]> badYear = get("/api/org-allocations?org=X&fiscalYear=20x0");
        assertThat(badYear.statusCode()).isEqualTo(400);
        assertThat(json(badYear).get("field").asString()).isEqualTo("fiscalYear");
    }

    private JsonNode awaitAllocation(UUID id, Consumer<JsonNode> condition) {
        List<JsonNode> last = new ArrayList<>(1);
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            HttpResponse<byte[]> response = get("/api/org-allocations/" + id);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode allocation = json(response);
            condition.accept(allocation);
            last.clear();
            last.add(allocation);
        });
        return last.get(0);
    }
}
