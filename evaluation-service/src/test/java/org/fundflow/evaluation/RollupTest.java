package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.payment;
import static org.fundflow.evaluation.TestEvents.toOrg;
import static org.fundflow.evaluation.TestEvents.toRegion;
import static org.fundflow.evaluation.TestEvents.withFunctionCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Roll-ups over one program: 山西 (a chain down to 榆次 plus orgs at every level), 湖南 (an org in a city nobody
 * named) and a central org. Budget and executed come from org allocations only; money still undistributed by
 * regions is shown beside them.
 *
 * <pre>
 * 000000 → 140000 山西 1,000,000 (keeps 300,000)
 *            ├→ 140700 晋中 600,000 (keeps 350,000) → 140702 榆次 250,000 (keeps 150,000) → org A 100,000, paid 40,000
 *            └→ org C (140000) 100,000, paid 0
 * 140700 own money → org B (140700) 200,000, paid 150,000
 * 000000 → 430000 湖南 50,000 → org D (430100) 50,000, paid 50,000
 * 000000 → org E (000000) 30,000, paid 10,000
 * </pre>
 */
class RollupTest extends EvaluationServiceTest {
    private final String program = uniqueProgram("rollup");

    @BeforeEach
    void issueAndPay() {
        LocalDate march = LocalDate.of(2020, 3, 2);
        UUID shanxi = UUID.randomUUID();
        UUID jinzhong = UUID.randomUUID();
        UUID yuci = UUID.randomUUID();
        UUID hunan = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        UUID e = UUID.randomUUID();
        issue(toRegion(shanxi, null, program, 2020, Level.CENTRAL, "000000", "140000", "1000000.00", march));
        issue(toRegion(jinzhong, shanxi, program, 2020, Level.CENTRAL, "140000", "140700", "600000.00", march));
        issue(toRegion(yuci, jinzhong, program, 2020, Level.CENTRAL, "140700", "140702", "250000.00", march));
        issue(toOrg(a, yuci, program, 2020, Level.CENTRAL, "140702", "ORG-A", "榆次区医疗保障局", "140702",
                "100000.00", march));
        issue(withFunctionCode(toOrg(b, null, program, 2020, Level.CITY, "140700", "ORG-B", "晋中市医疗保障局",
                "140700", "200000.00", march), "2101501"));
        issue(withFunctionCode(toOrg(c, shanxi, program, 2020, Level.CENTRAL, "140000", "ORG-C", "山西省医疗保障局",
                "140000", "100000.00", march), "2101599"));
        issue(toRegion(hunan, null, program, 2020, Level.CENTRAL, "000000", "430000", "50000.00", march));
        issue(withFunctionCode(toOrg(d, hunan, program, 2020, Level.CENTRAL, "430000", "ORG-D", "长沙市医疗保障局",
                "430100", "50000.00", march), "2080801"));
        issue(withFunctionCode(toOrg(e, null, program, 2020, Level.CENTRAL, "000000", "ORG-E", "国家医疗保障局",
                "000000", "30000.00", march), null));
        List<EventEnvelope<?>> payments = List.of(
                TestEvents.paymentEnvelope(payment(a, "ORG-A", "140702", program, 2020, "40000.00", march, "甲")),
                TestEvents.paymentEnvelope(payment(b, "ORG-B", "140700", program, 2020, "150000.00", march, "乙")),
                TestEvents.paymentEnvelope(payment(d, "ORG-D", "430100", program, 2020, "50000.00", march, "丙")),
                TestEvents.paymentEnvelope(payment(e, "ORG-E", "000000", program, 2020, "10000.00", march, "丁")));
        TestEvents.sendAll(payments);
        List<UUID> ids = new ArrayList<>(payments.stream().map(EventEnvelope::eventId).toList());
        eventually().until(() -> processedCount("evaluation.payment", ids) == ids.size()
                && execution("programCode", program, "asOf", "2020-12-31").path("rows").size() == 9);
    }

    private JsonNode rollupOf(String... keyValues) {
        List<String> kv = new ArrayList<>(List.of("programCode", program, "asOf", "2020-12-31"));
        kv.addAll(List.of(keyValues));
        JsonNode report = rollup(kv.toArray(String[]::new));
        RollupAssertions.totalsAreTheSumOfTheRows(report);
        return report;
    }

    private static void assertRow(JsonNode report, String key, String name, String budget, String executed,
            int allocations, String held) {
        JsonNode r = rollupRow(report, key).orElseThrow(() -> new AssertionError("no row " + key + " in " + report));
        assertThat(r.path("name").asString()).as("name of %s", key).isEqualTo(name);
        assertThat(r.path("budget").asString()).as("budget of %s", key).isEqualTo(budget);
        assertThat(r.path("executed").asString()).as("executed of %s", key).isEqualTo(executed);
        assertThat(r.path("allocations").asInt()).as("allocations of %s", key).isEqualTo(allocations);
        assertThat(r.path("undistributedHeld").asString()).as("undistributedHeld of %s", key).isEqualTo(held);
    }

    private static List<String> keys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.path("rows").forEach(r -> keys.add(r.path("key").asString()));
        return keys;
    }

    @Test
    void byRegionTheCountryIsProvincesAndTheCentre() {
        JsonNode report = rollupOf("by", "region");
        assertThat(keys(report)).containsExactly("000000", "140000", "430000");
        assertRow(report, "000000", "中央", "30000.00", "10000.00", 1, "0.00");
        assertRow(report, "140000", "山西省", "400000.00", "190000.00", 3, "800000.00");
        assertRow(report, "430000", "湖南省", "50000.00", "50000.00", 1, "0.00");
        JsonNode shanxi = rollupRow(report, "140000").orElseThrow();
        assertThat(shanxi.path("executionRate").asString()).isEqualTo("0.4750");
        assertThat(shanxi.path("executionPercent").asString()).isEqualTo("47.50%");
        assertThat(shanxi.path("scheduleRate").asString()).isEqualTo("1.0000");
        assertThat(shanxi.path("lagging").asBoolean()).isTrue();
        assertThat(rollupRow(report, "430000").orElseThrow().path("lagging").asBoolean()).isFalse();
        JsonNode totals = report.path("totals");
        assertThat(totals.path("budget").asString()).isEqualTo("480000.00");
        assertThat(totals.path("executed").asString()).isEqualTo("250000.00");
        assertThat(totals.path("undistributedHeld").asString()).isEqualTo("800000.00");
        assertThat(totals.path("allocations").asInt()).isEqualTo(5);
        assertThat(totals.path("executionRate").asString()).isEqualTo("0.5208");
        assertThat(report.path("region").isNull()).isTrue();
    }

    @Test
    void byRegionAProvinceIsItsCitiesAndACityItsCounties() {
        JsonNode province = rollupOf("by", "region", "region", "140000");
        assertThat(province.path("region").asString()).isEqualTo("140000");
        assertThat(keys(province)).as("the province's own orgs, then its cities").containsExactly("140000", "140700");
        assertRow(province, "140000", "山西省", "100000.00", "0.00", 1, "300000.00");
        assertRow(province, "140700", "晋中市", "300000.00", "190000.00", 2, "500000.00");

        JsonNode city = rollupOf("by", "region", "region", "140700");
        assertThat(keys(city)).containsExactly("140700", "140702");
        assertRow(city, "140700", "晋中市", "200000.00", "150000.00", 1, "350000.00");
        assertRow(city, "140702", "榆次区", "100000.00", "40000.00", 1, "150000.00");
        assertThat(rollupRow(city, "140702").orElseThrow().path("executionRate").asString()).isEqualTo("0.4000");

        JsonNode county = rollupOf("by", "region", "region", "140702");
        assertThat(keys(county)).containsExactly("140702");

        JsonNode unnamed = rollupOf("by", "region", "region", "430000");
        assertRow(unnamed, "430100", "430100", "50000.00", "50000.00", 1, "0.00");
        assertThat(keys(unnamed)).as("湖南 passed everything down: no row of its own").containsExactly("430100");
    }

    @Test
    void byLevelSourceProgramAndFunctionCode() {
        JsonNode level = rollupOf("by", "level");
        assertThat(keys(level)).containsExactly("CENTRAL", "PROVINCIAL", "CITY", "COUNTY");
        assertRow(level, "CENTRAL", "中央", "30000.00", "10000.00", 1, "0.00");
        assertRow(level, "PROVINCIAL", "省级", "100000.00", "0.00", 1, "300000.00");
        assertRow(level, "CITY", "市级", "250000.00", "200000.00", 2, "350000.00");
        assertRow(level, "COUNTY", "县级", "100000.00", "40000.00", 1, "150000.00");

        JsonNode source = rollupOf("by", "sourceLevel");
        assertThat(keys(source)).containsExactly("CENTRAL", "CITY");
        assertRow(source, "CENTRAL", "中央", "280000.00", "100000.00", 4, "800000.00");
        assertRow(source, "CITY", "市级", "200000.00", "150000.00", 1, "0.00");

        JsonNode byProgram = rollupOf("by", "program");
        assertRow(byProgram, program, program + " 资金", "480000.00", "250000.00", 5, "800000.00");

        JsonNode items = rollupOf("by", "functionCode");
        assertThat(keys(items)).containsExactly("2080801", "2101301", "2101501", "2101599", "UNKNOWN");
        assertRow(items, "2101301", "2101301", "100000.00", "40000.00", 1, "800000.00");
        assertRow(items, "UNKNOWN", "未注明 / not given", "30000.00", "10000.00", 1, "0.00");

        JsonNode classes = rollupOf("by", "functionCode", "depth", "3");
        assertThat(classes.path("depth").asInt()).isEqualTo(3);
        assertThat(keys(classes)).containsExactly("208", "210", "UNKNOWN");
        assertRow(classes, "210", "210", "400000.00", "190000.00", 3, "800000.00");
        assertRow(classes, "208", "208", "50000.00", "50000.00", 1, "0.00");

        JsonNode sections = rollupOf("by", "functionCode", "depth", "5");
        assertThat(keys(sections)).containsExactly("20808", "21013", "21015", "UNKNOWN");
        assertRow(sections, "21015", "21015", "300000.00", "150000.00", 2, "0.00");

        for (JsonNode report : List.of(level, source, byProgram, items, classes, sections)) {
            assertThat(report.path("totals").path("budget").asString()).isEqualTo("480000.00");
            assertThat(report.path("totals").path("executed").asString()).isEqualTo("250000.00");
            assertThat(report.path("totals").path("undistributedHeld").asString()).isEqualTo("800000.00");
        }
    }

    @Test
    void asOfAppliesToTheRollUpToo() {
        JsonNode february = rollupOf("by", "program", "asOf", "2020-02-29");
        assertThat(february.path("rows")).as("nothing issued yet").isEmpty();
        assertThat(february.path("totals").path("budget").asString()).isEqualTo("0.00");
        assertThat(february.path("totals").path("executionRate").asString()).isEqualTo("0.0000");
    }

    @Test
    void badRollUpParametersAreProblemsNamingTheParameter() {
        for (List<String> bad : List.of(List.of("by", ""), List.of("by", "county"), List.of("by", "region", "depth",
                "3"), List.of("by", "functionCode", "depth", "4"), List.of("by", "functionCode", "depth", "x"),
                List.of("by", "region", "region", "1407"), List.of("by", "level", "asOf", "2020-02-30"))) {
            Response r = get("/api/execution/rollup", params(bad.toArray(String[]::new)));
            String field = bad.get(bad.size() - 2);
            assertThat(r.status()).as("%s", bad).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().path("field").asString()).as("%s", bad).isEqualTo(field);
        }
        Response none = get("/api/execution/rollup", params());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().path("field").asString()).isEqualTo("by");
        assertThat(none.body().path("detail").asString()).contains("region, level, program, sourceLevel, functionCode");
    }
}
