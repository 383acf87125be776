package org.fundflow.budget.allocation;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.Test;

/**
 * Every malformed request (400) and every rule violation (422) of POST /api/allocations names its field, writes
 * no row and publishes no event.
 */
class AllocationRejectionTest extends BudgetServiceIntegrationTest {

    private record Case(String name, int status, String field, Map<String, Object> body, String idempotencyKey,
            String detailContains) {
    }

    @Test
    void rejectsEveryMalformedOrForbiddenAllocationWithItsFieldAndLeavesNoTrace() {
        KafkaTopic topic = KafkaTopic.fromBeginning(Topics.ALLOCATION);
        String program = newProgram("城乡医疗救助", 2024);
        registerProgram(program, "城乡医疗救助", 2025); // same code, another year
        String otherProgram = newProgram("大病医疗互助", 2024);
        String orgInYuci = newOrg("榆次区医疗保障局", "140702");
        String orgInJincheng = newOrg("晋城市医疗保障局", "140500");

        // 中央 → 山西 1,000,000.00; 山西 → 晋中 600,000.00; 晋中 → an org in 榆次 100,000.00 (500,000.00 left in 晋中)
        String root = issue(allocation(program, 2024, "000000", "140000", null, "1000000", "2024-03-01"))
                .path("allocationId").asString();
        String jinzhong = issue(allocation(program, 2024, "140000", "140700", root, "600000", "2024-03-10"))
                .path("allocationId").asString();
        Map<String, Object> toOrgBody = allocation(program, 2024, "140700", null, jinzhong, "100000", "2024-03-20");
        toOrgBody.put("toOrg", orgInYuci);
        String orgAllocation = issue(toOrgBody).path("allocationId").asString();

        // a valid child of the 晋中 allocation; every case breaks exactly one thing in it
        Map<String, Object> valid = allocation(program, 2024, "140700", "140702", jinzhong, "1000.00", "2024-04-01");
        valid.put("economicCode", "30307");
        valid.put("note", "区级医疗救助");

        List<Case> cases = new ArrayList<>();
        // --- 400: malformed ---
        for (String required : List.of("programCode", "fiscalYear", "fromRegion", "amount", "docNo", "issuedOn",
                "functionCode")) {
            cases.add(bad("missing " + required, required, valid, b -> b.remove(required)));
        }
        cases.add(bad("fiscalYear as a string", "fiscalYear", valid, b -> b.put("fiscalYear", "2024")));
        cases.add(bad("fiscalYear out of range", "fiscalYear", valid, b -> b.put("fiscalYear", 1999)));
        cases.add(bad("programCode as a number", "programCode", valid, b -> b.put("programCode", 123)));
        for (String amount : List.of("12.345", "1e5", "-5", "0", "0.00", "10000000000000.01", "", " ", "1,000",
                "abc")) {
            cases.add(bad("amount '" + amount + "'", "amount", valid, b -> b.put("amount", amount)));
        }
        cases.add(bad("amount as a JSON number", "amount", valid, b -> b.put("amount", 1000)));
        cases.add(bad("amount as a JSON decimal", "amount", valid, b -> b.put("amount", 1000.5)));
        for (String date : List.of("2024/04/01", "2024-4-1", "2024-02-30", "01-04-2024", "2024-04-01T00:00:00")) {
            cases.add(bad("issuedOn '" + date + "'", "issuedOn", valid, b -> b.put("issuedOn", date)));
        }
        cases.add(bad("issuedOn as a number", "issuedOn", valid, b -> b.put("issuedOn", 20240401)));
        cases.add(bad("both toRegion and toOrg", "toOrg", valid, b -> b.put("toOrg", orgInYuci)));
        cases.add(bad("neither toRegion nor toOrg", "toRegion", valid, b -> b.remove("toRegion")));
        cases.add(bad("fromRegion of five digits", "fromRegion", valid, b -> b.put("fromRegion", "14070")));
        cases.add(bad("toRegion with a letter", "toRegion", valid, b -> b.put("toRegion", "14070a")));
        cases.add(bad("toOrg with a space", "toOrg", valid, b -> {
            b.remove("toRegion");
            b.put("toOrg", "bad org");
        }));
        cases.add(bad("programCode with a space", "programCode", valid, b -> b.put("programCode", "bad code")));
        cases.add(bad("parentAllocationId not a UUID", "parentAllocationId", valid,
                b -> b.put("parentAllocationId", "not-a-uuid")));
        cases.add(bad("docNo of 101 characters", "docNo", valid, b -> b.put("docNo", "文".repeat(101))));
        cases.add(bad("blank docNo", "docNo", valid, b -> b.put("docNo", "  ")));
        cases.add(bad("note of 501 characters", "note", valid, b -> b.put("note", "注".repeat(501))));
        cases.add(bad("functionCode of 4 digits", "functionCode", valid, b -> b.put("functionCode", "2101")));
        cases.add(bad("functionCode with letters", "functionCode", valid, b -> b.put("functionCode", "21013a")));
        cases.add(bad("economicCode of 4 digits", "economicCode", valid, b -> b.put("economicCode", "3030")));
        cases.add(bad("economicCode of 7 digits", "economicCode", valid, b -> b.put("economicCode", "3030701")));
        cases.add(bad("unknown sourceLevel", "sourceLevel", valid, b -> b.put("sourceLevel", "NATIONAL")));
        cases.add(bad("unknown field", "budget", valid, b -> b.put("budget", "1000.00")));
        cases.add(new Case("no Idempotency-Key", 400, "Idempotency-Key", new LinkedHashMap<>(valid), null, null));

        // --- 422: rules ---
        cases.add(rule("unknown program", "programCode", valid, b -> b.put("programCode", unique("NOPE")), null));
        cases.add(rule("program unknown in that year", "programCode", valid, b -> b.put("fiscalYear", 2026), null));
        cases.add(rule("unknown fromRegion", "fromRegion", valid, b -> b.put("fromRegion", "999999"), null));
        cases.add(rule("unknown toRegion", "toRegion", valid, b -> b.put("toRegion", "140799"), null));
        cases.add(rule("toRegion a grandchild", "toRegion", valid, b -> {
            b.put("fromRegion", "140000");
            b.put("parentAllocationId", root);
        }, "not a direct child"));
        cases.add(rule("toRegion a sibling", "toRegion", valid, b -> b.put("toRegion", "141102"), null));
        cases.add(rule("toRegion the parent", "toRegion", valid, b -> b.put("toRegion", "140000"), null));
        cases.add(rule("unknown org", "toOrg", valid, b -> {
            b.remove("toRegion");
            b.put("toOrg", unique("NOORG"));
        }, null));
        cases.add(rule("org outside fromRegion's subtree", "toOrg", valid, b -> {
            b.remove("toRegion");
            b.put("toOrg", orgInJincheng);
        }, null));
        cases.add(rule("unknown parent", "parentAllocationId", valid,
                b -> b.put("parentAllocationId", UUID.randomUUID().toString()), null));
        cases.add(rule("parent went to an org", "parentAllocationId", valid,
                b -> b.put("parentAllocationId", orgAllocation), null));
        cases.add(rule("parent went to another region", "parentAllocationId", valid,
                b -> b.put("parentAllocationId", root), null));
        cases.add(rule("parent of another program", "programCode", valid, b -> b.put("programCode", otherProgram),
                null));
        cases.add(rule("parent of another year", "programCode", valid, b -> b.put("fiscalYear", 2025), null));
        cases.add(rule("sourceLevel other than the parent's", "sourceLevel", valid, b -> b.put("sourceLevel", "CITY"),
                null));
        cases.add(rule("root with a sourceLevel not its own", "sourceLevel", valid, b -> {
            b.remove("parentAllocationId");
            b.put("sourceLevel", "CENTRAL");
        }, null));
        cases.add(rule("issued before its parent", "issuedOn", valid, b -> b.put("issuedOn", "2024-03-09"), null));
        cases.add(rule("more than is left of the parent", "amount", valid, b -> b.put("amount", "500000.01"),
                "exceeds what is left of allocation " + jinzhong + ": 500000.00 left"));

        awaitRelayCaughtUp(topic, "allocation");
        long eventsBefore = topic.size();
        Map<String, Long> rowsBefore = writtenRows();
        for (Case c : cases) {
            String key = c.name().equals("no Idempotency-Key") ? null : UUID.randomUUID().toString();
            Response r = post("/api/allocations", key, c.body());
            assertThat(r.status()).as("%s → %s", c.name(), r.body()).isEqualTo(c.status());
            assertThat(r.field()).as("%s → %s", c.name(), r.body()).isEqualTo(c.field());
            assertThat(r.header("Content-Type")).as(c.name()).startsWith("application/problem+json");
            assertThat(r.detail()).as(c.name()).isNotBlank();
            if (c.detailContains() != null) {
                assertThat(r.detail()).as(c.name()).contains(c.detailContains());
            }
        }
        assertThat(post("/api/allocations", "{\"programCode\":").status()).as("truncated JSON").isEqualTo(400);
        assertThat(post("/api/allocations", "[]").status()).as("an array").isEqualTo(400);
        assertThat(post("/api/allocations", "").status()).as("no body").isEqualTo(400);
        assertThat(writtenRows()).as("rows after %d rejected requests", cases.size()).isEqualTo(rowsBefore);

        // the sentinel: one accepted write, then exactly one more record on the topic
        String sentinel = issue(valid).path("allocationId").asString();
        topic.awaitKey(sentinel, 1);
        assertThat(topic.size()).isEqualTo(eventsBefore + 1);
        assertThat(get("/api/allocations/" + jinzhong).body().path("distributed").asString()).isEqualTo("101000.00");

        // a root allocation may omit sourceLevel (it is fromRegion's) or state it correctly
        Map<String, Object> ownMoney = allocation(program, 2024, "140700", "140702", null, "50", "2024-01-01");
        assertThat(issue(ownMoney).path("sourceLevel").asString()).isEqualTo("CITY");
        ownMoney.put("sourceLevel", "CITY");
        assertThat(issue(ownMoney).path("sourceLevel").asString()).isEqualTo("CITY");
    }

    private static Case bad(String name, String field, Map<String, Object> valid,
            Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        change.accept(body);
        return new Case(name, 400, field, body, "key", null);
    }

    private static Case rule(String name, String field, Map<String, Object> valid,
            Consumer<Map<String, Object>> change, String detailContains) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        change.accept(body);
        return new Case(name, 422, field, body, "key", detailContains);
    }
}
