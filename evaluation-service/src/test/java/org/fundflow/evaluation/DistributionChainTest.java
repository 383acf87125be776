package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.toOrg;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 中央 → 山西 → 晋中 → 榆次 → an agency: every level's budget, distribution and execution, to the 分. */
class DistributionChainTest extends EvaluationServiceTest {
    private final String program = uniqueProgram("chain");
    private final UUID shanxi = UUID.randomUUID();
    private final UUID jinzhong = UUID.randomUUID();
    private final UUID yuci = UUID.randomUUID();
    private final UUID bureau = UUID.randomUUID();
    private final String orgCode = "ORG-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void issueChain() {
        issue(toRegion(shanxi, null, program, 2020, Level.CENTRAL, "000000", "140000", "1000000.00",
                LocalDate.of(2020, 3, 2)));
        issue(toRegion(jinzhong, shanxi, program, 2020, Level.CENTRAL, "140000", "140700", "600000.00",
                LocalDate.of(2020, 3, 12)));
        issue(toRegion(yuci, jinzhong, program, 2020, Level.CENTRAL, "140700", "140702", "250000.00",
                LocalDate.of(2020, 3, 20)));
        issue(toOrg(bureau, yuci, program, 2020, Level.CENTRAL, "140702", orgCode, "榆次区医疗保障局", "140702",
                "100000.00", LocalDate.of(2020, 4, 1)));
        eventually().untilAsserted(() -> assertThat(execution("programCode", program, "asOf", "2020-12-31")
                .path("rows")).hasSize(4));
    }

    @Test
    void everyLevelHasExactFigures() {
        JsonNode report = execution("programCode", program, "fiscalYear", "2020", "asOf", "2020-06-30");
        assertThat(report.path("asOf").asString()).isEqualTo("2020-06-30");

        JsonNode province = row(report, shanxi).orElseThrow();
        assertThat(province.path("budget").asString()).isEqualTo("1000000.00");
        assertThat(province.path("distributed").asString()).isEqualTo("600000.00");
        assertThat(province.path("undistributed").asString()).isEqualTo("400000.00");
        assertThat(province.path("distributionRate").asString()).isEqualTo("0.6000");
        assertThat(province.path("distributionPercent").asString()).isEqualTo("60.00%");
        assertThat(province.path("executed").asString()).isEqualTo("0.00");
        assertThat(province.path("executedInSubtree").asString()).isEqualTo("0.00");
        assertThat(province.path("executionRate").asString()).isEqualTo("0.0000");
        assertThat(province.path("executionPercent").asString()).isEqualTo("0.00%");
        assertThat(province.path("scheduleRate").asString()).isEqualTo("0.5000");
        assertThat(province.path("lagging").asBoolean()).isTrue();
        assertThat(province.path("daysToFirstPassDown").asLong()).isEqualTo(10);
        assertThat(province.path("parentAllocationId").isNull()).isTrue();
        assertThat(province.path("fromRegion").asString()).isEqualTo("000000");
        assertThat(province.path("fromRegionName").asString()).isEqualTo("中央");
        assertThat(province.path("toRegion").asString()).isEqualTo("140000");
        assertThat(province.path("toRegionName").asString()).isEqualTo("山西省");
        assertThat(province.path("level").asString()).isEqualTo("PROVINCIAL");
        assertThat(province.path("sourceLevel").asString()).isEqualTo("CENTRAL");
        assertThat(province.path("programName").asString()).isEqualTo(program + " 资金");
        assertThat(province.path("issuedOn").asString()).isEqualTo("2020-03-02");

        JsonNode city = row(report, jinzhong).orElseThrow();
        assertThat(city.path("budget").asString()).isEqualTo("600000.00");
        assertThat(city.path("distributed").asString()).isEqualTo("250000.00");
        assertThat(city.path("undistributed").asString()).isEqualTo("350000.00");
        assertThat(city.path("distributionRate").asString()).isEqualTo("0.4167");
        assertThat(city.path("distributionPercent").asString()).isEqualTo("41.67%");
        assertThat(city.path("parentAllocationId").asString()).isEqualTo(shanxi.toString());
        assertThat(city.path("daysToFirstPassDown").asLong()).isEqualTo(8);

        JsonNode county = row(report, yuci).orElseThrow();
        assertThat(county.path("budget").asString()).isEqualTo("250000.00");
        assertThat(county.path("distributed").asString()).isEqualTo("100000.00");
        assertThat(county.path("undistributed").asString()).isEqualTo("150000.00");
        assertThat(county.path("distributionRate").asString()).isEqualTo("0.4000");
        assertThat(county.path("level").asString()).isEqualTo("COUNTY");
        assertThat(county.path("daysToFirstPassDown").asLong()).isEqualTo(12);

        JsonNode org = row(report, bureau).orElseThrow();
        assertThat(org.path("budget").asString()).isEqualTo("100000.00");
        // assigned to its spending org: distribution is complete, what is left there is unspent
        assertThat(org.path("distributed").asString()).isEqualTo("100000.00");
        assertThat(org.path("undistributed").asString()).isEqualTo("0.00");
        assertThat(org.path("distributionRate").asString()).isEqualTo("1.0000");
        assertThat(org.path("distributionPercent").asString()).isEqualTo("100.00%");
        assertThat(org.path("executed").asString()).isEqualTo("0.00");
        assertThat(org.path("executionRate").asString()).isEqualTo("0.0000");
        assertThat(org.path("toOrg").asString()).isEqualTo(orgCode);
        assertThat(org.path("toOrgName").asString()).isEqualTo("榆次区医疗保障局");
        assertThat(org.path("toRegion").isNull()).isTrue();
        assertThat(org.path("daysToFirstPassDown").isNull()).isTrue();

        assertThat(ids(report)).as("root first, in tree order")
                .containsExactly(shanxi.toString(), jinzhong.toString(), yuci.toString(), bureau.toString());
        JsonNode totals = report.path("totals");
        assertThat(totals.path("topRows").asInt()).isEqualTo(1);
        assertThat(totals.path("budget").asString()).isEqualTo("1000000.00");
    }

    @Test
    void regionFilterKeepsTheRecipientsSubtree() {
        assertThat(ids(execution("programCode", program, "region", "000000", "asOf", "2020-12-31")))
                .containsExactly(shanxi.toString(), jinzhong.toString(), yuci.toString(), bureau.toString());
        assertThat(ids(execution("programCode", program, "region", "140000", "asOf", "2020-12-31")))
                .containsExactly(shanxi.toString(), jinzhong.toString(), yuci.toString(), bureau.toString());
        JsonNode city = execution("programCode", program, "region", "140700", "asOf", "2020-12-31");
        assertThat(ids(city)).containsExactly(jinzhong.toString(), yuci.toString(), bureau.toString());
        assertThat(city.path("totals").path("budget").asString()).isEqualTo("600000.00");
        assertThat(city.path("totals").path("undistributed").asString()).isEqualTo("350000.00");
        assertThat(ids(execution("programCode", program, "region", "140702", "asOf", "2020-12-31")))
                .as("the org counts where its region is").containsExactly(yuci.toString(), bureau.toString());
        assertThat(ids(execution("programCode", program, "region", "140500", "asOf", "2020-12-31"))).isEmpty();
        assertThat(ids(execution("programCode", program, "region", "430000", "asOf", "2020-12-31"))).isEmpty();
        assertThat(ids(execution("programCode", program, "fiscalYear", "2021", "asOf", "2021-12-31"))).isEmpty();
    }

    @Test
    void anOrgRenamedLaterShowsItsCurrentName() {
        var renamed = TestEvents.send(TestEvents.envelope(Topics.ORG_AGGREGATE, orgCode, Events.ORG_UPDATED,
                new Events.OrgRegistered(orgCode, "晋中市医疗保障局榆次分局", "140702", "榆次区")));
        var registered = TestEvents.send(TestEvents.envelope(Topics.PROGRAM_AGGREGATE, program,
                Events.PROGRAM_REGISTERED, new Events.ProgramRegistered(program, "城乡医疗救助", 2020, "2101301",
                        "一般公共预算")));
        eventually().until(() -> processed("evaluation.org", renamed.eventId())
                && processed("evaluation.program", registered.eventId()));
        JsonNode report = execution("programCode", program, "asOf", "2020-12-31");
        assertThat(row(report, bureau).orElseThrow().path("toOrgName").asString()).isEqualTo("晋中市医疗保障局榆次分局");
        assertThat(row(report, shanxi).orElseThrow().path("programName").asString()).isEqualTo("城乡医疗救助");
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        for (List<String> bad : List.of(List.of("asOf", "2020-13-01"), List.of("asOf", "20201001"),
                List.of("region", "14070"), List.of("region", "abcdef"), List.of("fiscalYear", "twenty"),
                List.of("fiscalYear", "99999"))) {
            for (String path : List.of("/api/execution", "/api/alerts")) {
                Response r = get(path, params(bad.get(0), bad.get(1)));
                assertThat(r.status()).as("%s %s", path, bad).isEqualTo(400);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.body().path("field").asString()).isEqualTo(bad.get(0));
                assertThat(r.body().path("detail").asString()).contains(bad.get(0));
            }
        }
    }
}
