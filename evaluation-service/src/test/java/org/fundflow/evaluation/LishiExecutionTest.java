package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.payment;
import static org.fundflow.evaluation.TestEvents.toOrg;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002 (离石区医疗保障局 2022): the eight project lines of the department, the central 420万 and provincial 671万
 * passed down level by level, and the department roll-up. The document prints 40.49 % for the 671万 line;
 * 2,617,074.57 / 6,710,000.00 is 39.00 %, which is what must come out.
 */
class LishiExecutionTest extends EvaluationServiceTest {
    private static final LocalDate YEAR_END = LocalDate.of(2022, 12, 31);

    /** One project line: budget, payments (元), whose money, and (for the two chains) the levels above the org. */
    private record Line(String label, String budget, Level source, List<String> payments) {
        Money executed() {
            return payments.stream().map(Money::parse).reduce(Money.ZERO, Money::plus);
        }
    }

    private static final List<Line> LINES = List.of(
            new Line("中央财政医疗救助资金（69万元）", "690000.00", Level.CENTRAL, List.of()),
            new Line("中央财政医疗救助资金（420万元）", "4200000.00", Level.CENTRAL, List.of("3084800.00", "1115200.00")),
            new Line("医疗保障服务能力提升补助资金", "150000.00", Level.CENTRAL, List.of("30000.00", "24100.00")),
            new Line("市级城乡医疗救助资金", "327000.00", Level.CITY, List.of()),
            new Line("省级财政医疗救助补助资金", "6710000.00", Level.PROVINCIAL,
                    List.of("1500000.00", "1000000.00", "117074.57")),
            new Line("区级配套医疗救助基金", "451000.00", Level.COUNTY, List.of()),
            new Line("中央专项彩票公益金（33万元）", "330000.00", Level.CENTRAL, List.of()),
            new Line("中央专项彩票公益金（4万元）", "40000.00", Level.CENTRAL, List.of()));

    private final String org = "141102-YBJ-" + UUID.randomUUID().toString().substring(0, 6);
    private final List<String> programs = new ArrayList<>();
    private final List<UUID> orgAllocations = new ArrayList<>();
    // the allocations above the org, top first: central 000000→140000→141100→141102, provincial 140000→141100→141102
    private final List<UUID> centralChain = new ArrayList<>();
    private final List<UUID> provincialChain = new ArrayList<>();

    @BeforeEach
    void issueAndPay() {
        List<EventEnvelope<?>> payments = new ArrayList<>();
        for (Line line : LINES) {
            String program = uniqueProgram("lishi");
            programs.add(program);
            UUID parent = null;
            String from = "141102";
            if (line.label().contains("420万")) {
                parent = chain(program, line, "000000", List.of("140000", "141100", "141102"), centralChain);
            } else if (line.label().startsWith("省级")) {
                parent = chain(program, line, "140000", List.of("141100", "141102"), provincialChain);
            }
            UUID id = UUID.randomUUID();
            orgAllocations.add(id);
            issue(named(toOrg(id, parent, program, 2022, line.source(), from, org, "吕梁市离石区医疗保障局", "141102",
                    line.budget(), LocalDate.of(2022, 4, 1)), line.label()));
            int day = 1;
            for (String amount : line.payments()) {
                payments.add(TestEvents.paymentEnvelope(payment(id, org, "141102", program, 2022, amount,
                        LocalDate.of(2022, 6, day++), "救助对象")));
            }
        }
        TestEvents.sendAll(payments);
        List<UUID> ids = payments.stream().map(EventEnvelope::eventId).toList();
        eventually().until(() -> processedCount("evaluation.payment", ids) == ids.size()
                && rollup("by", "program", "org", org, "asOf", "2022-12-31").path("totals").path("allocations")
                        .asInt() == LINES.size()
                && execution("programCode", programs.get(1), "asOf", "2022-12-31").path("rows").size() == 4
                && execution("programCode", programs.get(4), "asOf", "2022-12-31").path("rows").size() == 3);
    }

    private UUID chain(String program, Line line, String top, List<String> regions, List<UUID> ids) {
        UUID parent = null;
        String from = top;
        for (String region : regions) {
            UUID id = UUID.randomUUID();
            issue(named(toRegion(id, parent, program, 2022, line.source(), from, region, line.budget(),
                    LocalDate.of(2022, 3, 1)), line.label()));
            ids.add(id);
            parent = id;
            from = region;
        }
        return parent;
    }

    private static Events.AllocationIssued named(Events.AllocationIssued a, String programName) {
        return new Events.AllocationIssued(a.allocationId(), a.programCode(), "2022年" + programName, a.fiscalYear(),
                a.sourceLevel(), a.fromRegion(), a.fromRegionName(), a.toRegion(), a.toRegionName(), a.toOrg(),
                a.toOrgName(), a.toOrgRegion(), a.level(), a.parentAllocationId(), a.rootAllocationId(), a.amount(),
                a.docNo(), a.issuedOn(), a.functionCode(), a.economicCode(), a.note());
    }

    @Test
    void provincialFundsAreThirtyNinePercentAtEveryLevelOfTheChain() {
        String program = programs.get(4);
        JsonNode report = execution("programCode", program, "fiscalYear", "2022", "asOf", "2022-12-31");
        assertThat(report.path("rows")).hasSize(3);
        JsonNode atOrg = row(report, orgAllocations.get(4)).orElseThrow();
        assertThat(atOrg.path("budget").asString()).isEqualTo("6710000.00");
        assertThat(atOrg.path("executed").asString()).isEqualTo("2617074.57");
        assertThat(atOrg.path("executionRate").asString()).isEqualTo("0.3900");
        assertThat(atOrg.path("executionPercent").asString()).isEqualTo("39.00%");
        assertThat(atOrg.path("lagging").asBoolean()).isTrue();
        for (UUID level : provincialChain) {
            JsonNode r = row(report, level).orElseThrow();
            assertThat(r.path("executed").asString()).as("a region pays nothing itself").isEqualTo("0.00");
            assertThat(r.path("executedInSubtree").asString()).isEqualTo("2617074.57");
            assertThat(r.path("executionRate").asString()).isEqualTo("0.3900");
        }
        // the province's own money, issued by 140000 to 吕梁: the top of the chain
        JsonNode province = row(report, provincialChain.get(0)).orElseThrow();
        assertThat(province.path("fromRegion").asString()).isEqualTo("140000");
        assertThat(province.path("toRegion").asString()).isEqualTo("141100");
        assertThat(province.path("sourceLevel").asString()).isEqualTo("PROVINCIAL");
        assertThat(ids(report).get(0)).isEqualTo(provincialChain.get(0).toString());
        assertThat(report.path("totals").path("executedInSubtree").asString()).isEqualTo("2617074.57");
        assertThat(report.path("totals").path("executionRate").asString()).isEqualTo("0.3900");
    }

    @Test
    void centralFundsAreFullyExecutedFromTheCentreDown() {
        JsonNode report = execution("programCode", programs.get(1), "asOf", "2022-12-31");
        assertThat(report.path("rows")).hasSize(4);
        for (UUID id : List.of(centralChain.get(0), centralChain.get(1), centralChain.get(2), orgAllocations.get(1))) {
            JsonNode r = row(report, id).orElseThrow();
            assertThat(r.path("budget").asString()).isEqualTo("4200000.00");
            assertThat(r.path("executedInSubtree").asString()).isEqualTo("4200000.00");
            assertThat(r.path("executionRate").asString()).isEqualTo("1.0000");
            assertThat(r.path("executionPercent").asString()).isEqualTo("100.00%");
        }
        JsonNode capacity = row(execution("programCode", programs.get(2), "asOf", "2022-12-31"),
                orgAllocations.get(2)).orElseThrow();
        assertThat(capacity.path("executed").asString()).isEqualTo("54100.00");
        assertThat(capacity.path("executionRate").asString()).isEqualTo("0.3607");
        assertThat(capacity.path("executionPercent").asString()).isEqualTo("36.07%");
    }

    @Test
    void theDepartmentRollsUpByProgramCountingEachLineOnce() {
        JsonNode report = rollup("by", "program", "org", org, "fiscalYear", "2022", "asOf", "2022-12-31");
        assertThat(report.path("by").asString()).isEqualTo("program");
        assertThat(report.path("org").asString()).isEqualTo(org);
        assertThat(report.path("rows")).hasSize(LINES.size());
        Money budget = Money.ZERO;
        Money executed = Money.ZERO;
        for (int i = 0; i < LINES.size(); i++) {
            Line line = LINES.get(i);
            JsonNode r = rollupRow(report, programs.get(i)).orElseThrow();
            Money lineBudget = Money.parse(line.budget());
            assertThat(r.path("name").asString()).isEqualTo("2022年" + line.label());
            assertThat(r.path("budget").asString()).isEqualTo(lineBudget.toString());
            assertThat(r.path("executed").asString()).isEqualTo(line.executed().toString());
            assertThat(r.path("executionRate").asString())
                    .isEqualTo(Rates.fraction(line.executed().ratioTo(lineBudget)));
            assertThat(r.path("allocations").asInt()).isEqualTo(1);
            assertThat(r.path("undistributedHeld").asString()).isEqualTo("0.00");
            budget = budget.plus(lineBudget);
            executed = executed.plus(line.executed());
        }
        assertThat(rollupRow(report, programs.get(1)).orElseThrow().path("executionRate").asString())
                .isEqualTo("1.0000");
        assertThat(rollupRow(report, programs.get(4)).orElseThrow().path("executionRate").asString())
                .isEqualTo("0.3900");
        assertThat(rollupRow(report, programs.get(2)).orElseThrow().path("executionRate").asString())
                .isEqualTo("0.3607");
        JsonNode totals = report.path("totals");
        assertThat(budget).isEqualTo(Money.parse("12898000.00")); // 69 + 420 + 15 + 32.7 + 671 + 45.1 + 33 + 4 万
        assertThat(totals.path("budget").asString()).isEqualTo(budget.toString());
        assertThat(totals.path("executed").asString()).isEqualTo(executed.toString());
        assertThat(totals.path("executionRate").asString()).isEqualTo(Rates.fraction(executed.ratioTo(budget)));
        assertThat(totals.path("executionPercent").asString()).isEqualTo(Rates.percent(executed.ratioTo(budget)));
        assertThat(totals.path("allocations").asInt()).isEqualTo(LINES.size());
        assertThat(totals.path("scheduleRate").asString()).isEqualTo("1.0000");
        RollupAssertions.totalsAreTheSumOfTheRows(report);
    }

    @Test
    void theDepartmentRollsUpBySourceAndLevel() {
        JsonNode bySource = rollup("by", "sourceLevel", "org", org, "asOf", "2022-12-31");
        assertThat(bySource.path("rows")).extracting(r -> r.path("key").asString())
                .containsExactly("CENTRAL", "PROVINCIAL", "CITY", "COUNTY");
        JsonNode central = rollupRow(bySource, "CENTRAL").orElseThrow();
        assertThat(central.path("name").asString()).isEqualTo("中央");
        assertThat(central.path("budget").asString()).isEqualTo("5410000.00"); // 69 + 420 + 15 + 33 + 4 万
        assertThat(central.path("executed").asString()).isEqualTo("4254100.00");
        assertThat(central.path("allocations").asInt()).isEqualTo(5);
        JsonNode provincial = rollupRow(bySource, "PROVINCIAL").orElseThrow();
        assertThat(provincial.path("executed").asString()).isEqualTo("2617074.57");
        assertThat(provincial.path("executionRate").asString()).isEqualTo("0.3900");
        assertThat(provincial.path("lagging").asBoolean()).isTrue();
        RollupAssertions.totalsAreTheSumOfTheRows(bySource);

        JsonNode byLevel = rollup("by", "level", "org", org, "asOf", "2022-12-31");
        assertThat(byLevel.path("rows")).singleElement().satisfies(r -> {
            assertThat(r.path("key").asString()).isEqualTo("COUNTY");
            assertThat(r.path("budget").asString()).isEqualTo("12898000.00");
            assertThat(r.path("allocations").asInt()).isEqualTo(LINES.size());
        });
        RollupAssertions.totalsAreTheSumOfTheRows(byLevel);
    }

    @Test
    void theProvincialLineLagsByItsExactShortfallAtYearEnd() {
        JsonNode alerts = alerts("programCode", programs.get(4), "asOf", YEAR_END.toString());
        JsonNode lagging = alert(alerts, orgAllocations.get(4)).orElseThrow();
        assertThat(lagging.path("type").asString()).isEqualTo("LAGGING_EXECUTION");
        assertThat(lagging.path("amount").asString()).isEqualTo("4092925.43"); // 6,710,000.00 − 2,617,074.57
        assertThat(lagging.path("holderOrg").asString()).isEqualTo(org);
        assertThat(lagging.path("holderOrgName").asString()).isEqualTo("吕梁市离石区医疗保障局");
        assertThat(lagging.path("holderRegion").asString()).isEqualTo("141102");
        assertThat(lagging.path("executionRate").asString()).isEqualTo("0.3900");
        assertThat(lagging.path("scheduleRate").asString()).isEqualTo("1.0000");
        assertThat(lagging.path("message").asString()).isEqualTo("执行进度滞后：执行率 39.00% 低于序时进度 100.00% 超过 10.00%，"
                + "差额 4092925.43 元 / execution lagging: 39.00% executed against a schedule of 100.00% "
                + "(margin 10.00%), 4092925.43 yuan behind");
        assertThat(alert(alerts("programCode", programs.get(1), "asOf", YEAR_END.toString()), orgAllocations.get(1)))
                .as("fully executed").isEmpty();
    }
}
