package org.fundflow.reporting.fundflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fundflow.reporting.AllocationEvents.issue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.reporting.ReportingServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fund-flow ledger as JSON, built from allocation events consumed from the real topic. */
class FundFlowLedgerTest extends ReportingServiceTestBase {

    /**
     * Seed 002: 离石 2022 中央财政医疗救助资金 420万 reached 离石区医疗保障局. The chain through the levels is what a
     * 资金流向台账 shows: 中央 → 山西 → 吕梁 → 离石 → the bureau, fully passed down at every level.
     */
    @Test
    void lishi_2022_central_medical_aid_reaches_the_bureau_through_four_levels() {
        String program = uniqueProgram("LS2022-ZYYLJZ");
        Events.AllocationIssued central = issue(program, "2022年中央财政医疗救助资金", 2022).source(Level.CENTRAL)
                .from("000000", "中央").toRegion("140000", "山西省").amount("4200000.00")
                .doc("财社〔2022〕test-1号", "2022-03-01").build();
        Events.AllocationIssued province = issue(program, "2022年中央财政医疗救助资金", 2022).source(Level.CENTRAL)
                .from("140000", "山西省").toRegion("141100", "吕梁市").under(central).amount("4200000.00")
                .doc("晋财社〔2022〕test-2号", "2022-03-20").build();
        Events.AllocationIssued city = issue(program, "2022年中央财政医疗救助资金", 2022).source(Level.CENTRAL)
                .from("141100", "吕梁市").toRegion("141102", "离石区").under(province).amount("4200000")
                .doc("吕财社〔2022〕test-3号", "2022-04-10").build();
        Events.AllocationIssued county = issue(program, "2022年中央财政医疗救助资金", 2022).source(Level.CENTRAL)
                .from("141102", "离石区").toOrg("LS-YBJ", "离石区医疗保障局", "141102").under(city).amount("4200000.0")
                .doc("离财社〔2022〕test-4号", "2022-05-06").build();
        for (Events.AllocationIssued a : List.of(central, province, city, county)) {
            events().issued(a);
        }

        JsonNode ledger = awaitLedger(program, 2022,
                l -> assertThat(l.at("/roots/0/children/0/children/0/children/0/allocationId").asString())
                        .isEqualTo(county.allocationId().toString()));

        assertThat(ledger.get("programCode").asString()).isEqualTo(program);
        assertThat(ledger.get("programName").asString()).isEqualTo("2022年中央财政医疗救助资金");
        assertThat(ledger.get("fiscalYear").asInt()).isEqualTo(2022);
        assertThat(ledger.get("generatedAt").asString()).isNotBlank();
        assertTotals(ledger, "4200000.00", "4200000.00", "4200000.00", "0.00");
        assertThat(ledger.get("roots")).hasSize(1);

        JsonNode n1 = ledger.at("/roots/0");
        JsonNode n2 = n1.at("/children/0");
        JsonNode n3 = n2.at("/children/0");
        JsonNode n4 = n3.at("/children/0");
        assertThat(n1.get("children")).hasSize(1);
        assertThat(n2.get("children")).hasSize(1);
        assertThat(n3.get("children")).hasSize(1);
        assertThat(n4.get("children")).isEmpty();

        assertNode(n1, central, null, "PROVINCIAL", "4200000.00", "0.00", "4200000.00", "4200000.00", "0.00");
        assertNode(n2, province, central, "CITY", "4200000.00", "0.00", "4200000.00", "4200000.00", "0.00");
        assertNode(n3, city, province, "COUNTY", "4200000.00", "0.00", "4200000.00", "4200000.00", "0.00");
        assertNode(n4, county, city, "COUNTY", "4200000.00", "0.00", "4200000.00", "4200000.00", "0.00");

        assertThat(n1.at("/from/regionCode").asString()).isEqualTo("000000");
        assertThat(n1.at("/from/name").asString()).isEqualTo("中央");
        assertThat(n1.at("/to/regionCode").asString()).isEqualTo("140000");
        assertThat(n1.at("/to/name").asString()).isEqualTo("山西省");
        assertThat(n1.get("to").has("orgCode")).isFalse();
        assertThat(n1.get("sourceLevel").asString()).isEqualTo("CENTRAL");
        assertThat(n1.get("docNo").asString()).isEqualTo("财社〔2022〕test-1号");
        assertThat(n1.get("issuedOn").asString()).isEqualTo("2022-03-01");
        assertThat(n4.at("/from/name").asString()).isEqualTo("离石区");
        assertThat(n4.at("/to/orgCode").asString()).isEqualTo("LS-YBJ");
        assertThat(n4.at("/to/name").asString()).isEqualTo("离石区医疗保障局");
        assertThat(n4.get("to").has("regionCode")).isFalse();
        assertThat(n4.get("issuedOn").asString()).isEqualTo("2022-05-06");
    }

    /** Seed 001: 晋中 2020 大病医疗互助, 市财政 → 晋中市总工会 140万 (a root allocation straight to an org). */
    @Test
    void jinzhong_2020_serious_illness_mutual_aid_goes_from_the_city_to_the_trade_union() {
        String program = uniqueProgram("JZ2020-DBYLHZ");
        Events.AllocationIssued union = issue(program, "大病医疗互助", 2020).source(Level.CITY)
                .from("140700", "晋中市").toOrg("JZ-ZGH", "晋中市总工会", "140700").amount("1400000.00")
                .doc("市财预〔2020〕test号", "2020-06-15").build();
        events().issued(union);

        JsonNode ledger = awaitLedger(program, 2020, l -> assertThat(l.get("roots")).hasSize(1));
        assertTotals(ledger, "1400000.00", "1400000.00", "1400000.00", "0.00");
        JsonNode root = ledger.at("/roots/0");
        assertNode(root, union, null, "CITY", "1400000.00", "0.00", "1400000.00", "1400000.00", "0.00");
        assertThat(root.get("sourceLevel").asString()).isEqualTo("CITY");
        assertThat(root.at("/to/orgCode").asString()).isEqualTo("JZ-ZGH");
        assertThat(root.at("/to/name").asString()).isEqualTo("晋中市总工会");
        assertThat(root.get("children")).isEmpty();

        JsonNode programs = json(get("/api/reports/fund-flow/programs?fiscalYear=2020"));
        JsonNode entry = null;
        for (JsonNode p : programs.get("programs")) {
            if (p.get("programCode").asString().equals(program)) {
                entry = p;
            }
        }
        assertThat(entry).as("program %s listed for 2020", program).isNotNull();
        assertThat(entry.get("programName").asString()).isEqualTo("大病医疗互助");
        assertThat(entry.get("fiscalYear").asInt()).isEqualTo(2020);
        assertThat(entry.get("allocations").asInt()).isEqualTo(1);
        assertThat(entry.at("/totals/issued").asString()).isEqualTo("1400000.00");
        assertThat(entry.at("/totals/budget").asString()).isEqualTo("1400000.00");
        assertThat(entry.at("/totals/undistributed").asString()).isEqualTo("0.00");

        JsonNode otherYear = json(get("/api/reports/fund-flow/programs?fiscalYear=2019"));
        for (JsonNode p : otherYear.get("programs")) {
            assertThat(p.get("programCode").asString()).isNotEqualTo(program);
        }
    }

    /** A child consumed before its parent is shown as a pending root, then moves under the parent. */
    @Test
    void a_child_that_arrives_before_its_parent_is_a_pending_root_until_the_parent_arrives() {
        String program = uniqueProgram("ORDER");
        Events.AllocationIssued parent = issue(program, "城乡医疗救助", 2021).source(Level.PROVINCIAL)
                .from("140000", "山西省").toRegion("140700", "晋中市").amount("2000000.00")
                .doc("晋财社〔2021〕test-1号", "2021-02-01").build();
        Events.AllocationIssued child = issue(program, "城乡医疗救助", 2021).source(Level.PROVINCIAL)
                .from("140700", "晋中市").toRegion("140702", "榆次区").under(parent).amount("750000.00")
                .doc("市财社〔2021〕test-2号", "2021-03-01").build();

        events().issued(child);
        JsonNode pending = awaitLedger(program, 2021, l -> assertThat(l.get("roots")).hasSize(1));
        JsonNode orphan = pending.at("/roots/0");
        assertThat(orphan.get("allocationId").asString()).isEqualTo(child.allocationId().toString());
        assertThat(orphan.get("parentAllocationId").asString()).isEqualTo(parent.allocationId().toString());
        assertThat(orphan.get("parentPending").asBoolean()).isTrue();
        assertThat(orphan.get("budget").asString()).isEqualTo("750000.00");
        assertTotals(pending, "750000.00", "750000.00", "0.00", "750000.00");

        events().issued(parent);
        JsonNode complete = awaitLedger(program, 2021,
                l -> assertThat(l.at("/roots/0/allocationId").asString())
                        .isEqualTo(parent.allocationId().toString()));
        assertThat(complete.get("roots")).hasSize(1);
        JsonNode root = complete.at("/roots/0");
        assertThat(root.get("parentPending").asBoolean()).isFalse();
        assertThat(root.get("children")).hasSize(1);
        JsonNode moved = root.at("/children/0");
        assertThat(moved.get("allocationId").asString()).isEqualTo(child.allocationId().toString());
        assertThat(moved.get("parentPending").asBoolean()).isFalse();
        assertNode(root, parent, null, "CITY", "2000000.00", "0.00", "2000000.00", "750000.00", "1250000.00");
        assertNode(moved, child, parent, "COUNTY", "750000.00", "0.00", "750000.00", "0.00", "750000.00");
        assertTotals(complete, "2000000.00", "2000000.00", "750000.00", "1250000.00");
    }

    /**
     * Redelivery counts once, and every movement kind changes the budget (and the parent's distributed and
     * undistributed) exactly. Events of one allocation share a partition, so when the carry-over sent after the
     * duplicate is visible, the duplicate has been consumed too.
     */
    @Test
    void duplicates_count_once_and_movements_change_budget_and_undistributed_exactly() {
        String program = uniqueProgram("MOVES");
        Events.AllocationIssued root = issue(program, "城乡医疗救助", 2022).source(Level.CITY)
                .from("140700", "晋中市").toRegion("140702", "榆次区").amount("1000000.00")
                .doc("市财社〔2022〕test-1号", "2022-02-01").build();
        Events.AllocationIssued org = issue(program, "城乡医疗救助", 2022).source(Level.CITY)
                .from("140702", "榆次区").toOrg("YC-YBJ", "榆次区医疗保障局", "140702").under(root)
                .amount("600000.00").doc("榆财社〔2022〕test-2号", "2022-03-01").build();

        var issuedRoot = events().issued(root);
        events().publish(issuedRoot);
        var adjustment = events().adjusted(root.allocationId(), "-50000.00", "市财社〔2022〕test-调减", "2022-06-01");
        events().publish(adjustment);
        events().carriedOver(root.allocationId(), "30000.00", 2023, "2022-12-31");
        events().issued(org);
        events().recovered(org.allocationId(), "20000.00", "2022-12-20");

        JsonNode ledger = awaitLedger(program, 2022, l -> {
            assertThat(l.at("/roots/0/carriedOver").asString()).isEqualTo("30000.00");
            assertThat(l.at("/roots/0/children/0/recovered").asString()).isEqualTo("20000.00");
        });
        assertThat(ledger.get("roots")).hasSize(1);
        JsonNode r = ledger.at("/roots/0");
        assertThat(r.get("amount").asString()).isEqualTo("1000000.00");
        assertThat(r.get("adjustments").asString()).isEqualTo("-50000.00");
        assertThat(r.get("recovered").asString()).isEqualTo("0.00");
        assertThat(r.get("carriedOver").asString()).isEqualTo("30000.00");
        assertThat(r.get("budget").asString()).isEqualTo("920000.00");
        assertThat(r.get("distributed").asString()).isEqualTo("580000.00");
        assertThat(r.get("undistributed").asString()).isEqualTo("340000.00");
        JsonNode o = r.at("/children/0");
        assertThat(o.get("amount").asString()).isEqualTo("600000.00");
        assertThat(o.get("adjustments").asString()).isEqualTo("0.00");
        assertThat(o.get("recovered").asString()).isEqualTo("20000.00");
        assertThat(o.get("carriedOver").asString()).isEqualTo("0.00");
        assertThat(o.get("budget").asString()).isEqualTo("580000.00");
        assertThat(o.get("distributed").asString()).isEqualTo("580000.00");
        assertThat(o.get("undistributed").asString()).isEqualTo("0.00");
        assertTotals(ledger, "1000000.00", "920000.00", "580000.00", "340000.00");
    }

    @Test
    void an_unknown_program_is_an_empty_ledger_not_an_error() {
        String program = uniqueProgram("NONE");
        HttpResponse<byte[]> response = get("/api/reports/fund-flow?programCode=" + program + "&fiscalYear=2022");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ledger = json(response);
        assertThat(ledger.get("programCode").asString()).isEqualTo(program);
        assertThat(ledger.get("programName").isNull()).isTrue();
        assertThat(ledger.get("roots")).isEmpty();
        assertTotals(ledger, "0.00", "0.00", "0.00", "0.00");
    }

    private JsonNode awaitLedger(String program, int year, java.util.function.Consumer<JsonNode> condition) {
        List<JsonNode> last = new ArrayList<>(1);
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            HttpResponse<byte[]> response = get("/api/reports/fund-flow?programCode=" + program + "&fiscalYear="
                    + year);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode ledger = json(response);
            condition.accept(ledger);
            last.clear();
            last.add(ledger);
        });
        return last.get(0);
    }

    private static void assertTotals(JsonNode ledger, String issued, String budget, String distributed,
            String undistributed) {
        JsonNode t = ledger.get("totals");
        assertThat(t.get("issued").asString()).isEqualTo(issued);
        assertThat(t.get("budget").asString()).isEqualTo(budget);
        assertThat(t.get("distributed").asString()).isEqualTo(distributed);
        assertThat(t.get("undistributed").asString()).isEqualTo(undistributed);
    }

    private static void assertNode(JsonNode node, Events.AllocationIssued allocation,
            Events.AllocationIssued parent, String level, String amount, String adjustments, String budget,
            String distributed, String undistributed) {
        assertThat(node.get("allocationId").asString()).isEqualTo(allocation.allocationId().toString());
        if (parent == null) {
            assertThat(node.get("parentAllocationId").isNull()).isTrue();
        } else {
            assertThat(node.get("parentAllocationId").asString()).isEqualTo(parent.allocationId().toString());
        }
        assertThat(node.get("level").asString()).isEqualTo(level);
        assertThat(node.get("amount").asString()).isEqualTo(amount);
        assertThat(node.get("adjustments").asString()).isEqualTo(adjustments);
        assertThat(node.get("budget").asString()).isEqualTo(budget);
        assertThat(node.get("distributed").asString()).isEqualTo(distributed);
        assertThat(node.get("undistributed").asString()).isEqualTo(undistributed);
        assertThat(node.get("parentPending").asBoolean()).isFalse();
        assertThat(node.get("docNo").asString()).isEqualTo(allocation.docNo());
        assertThat(node.get("issuedOn").asString()).isEqualTo(allocation.issuedOn().toString());
    }
}
