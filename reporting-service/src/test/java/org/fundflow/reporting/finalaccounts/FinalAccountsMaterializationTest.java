package org.fundflow.reporting.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Events.ProcurementCategory;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The materialization rules on a small synthetic org (文水县, 2021): income by fund type from allocations (with
 * adjustments and recoveries), 结转 in from 2020 and out to 2022, spending by function / economic code / basic or
 * project net of reversals, category rows summing their children, a payment booked on a 类 code, 三公 from
 * economic codes (actual from payments, 预算数 from an allocation's economic code), procurement lines, 机关运行经费,
 * and the narrative's shares, start-of-year execution and year-on-year change. Every figure to the 分.
 */
class FinalAccountsMaterializationTest extends FinalAccountsTestSupport {
    private static final String REGION = "141121";
    private static final ExpenditureKind BASIC = ExpenditureKind.BASIC;
    private static final ExpenditureKind PROJECT = ExpenditureKind.PROJECT;

    @Test
    void every_table_follows_from_the_events() {
        String org = newOrg("FA-WS");
        String gb = uniqueProgram("FA-GB");
        String gb2020 = uniqueProgram("FA-GB20");
        String gf = uniqueProgram("FA-GF");
        String other = uniqueProgram("FA-OT");
        events().org(Events.ORG_REGISTERED, new Events.OrgRegistered(org, "文水县测试局", REGION, "文水县"));
        events().registered(new Events.ProgramRegistered(gb, "基本支出与项目", 2021, "2101501", "GENERAL_BUDGET"));
        events().registered(new Events.ProgramRegistered(gb2020, "上年资金", 2020, "2101301", "GENERAL_BUDGET"));
        events().registered(new Events.ProgramRegistered(gf, "彩票公益金", 2021, "2296013", "GOVERNMENT_FUND"));
        events().registered(new Events.ProgramRegistered(other, "其他资金", 2021, "2101599", "OTHER"));

        Events.AllocationIssued a2020 = toOrg(issue(gb2020, "上年资金", 2020).function("2101301"), org)
                .amount("100000.00").doc("文财〔2020〕1号", "2020-03-01").build();
        Events.AllocationIssued a1 = toOrg(issue(gb, "基本支出与项目", 2021).function("2101501"), org)
                .amount("500000.00").doc("文财〔2021〕1号", "2021-01-15").build();
        Events.AllocationIssued a2 = toOrg(issue(gb, "基本支出与项目", 2021).function("2101301"), org)
                .amount("300000.00").doc("文财〔2021〕7号", "2021-07-01").build();
        Events.AllocationIssued a3 = toOrg(issue(gf, "彩票公益金", 2021).function("2296013"), org)
                .amount("80000.00").doc("文财〔2021〕2号", "2021-02-01").build();
        Events.AllocationIssued a4 = toOrg(issue(other, "其他资金", 2021).function("2101599"), org)
                .amount("10000.00").doc("文财〔2021〕3号", "2021-02-01").build();
        Events.AllocationIssued a5 = toOrg(issue(gb, "基本支出与项目", 2021).function("2101501").economic("30217"),
                org).amount("6000.00").doc("文财〔2021〕4号", "2021-02-01").build();
        Events.PaymentRecorded p7 = pay(a2).amount("200000.00", "2021-08-01").function("2101301")
                .economic("30307", PROJECT).build();
        // a reversal before its payment, payments before their allocations: any order works
        events().reversed(p7, "10000.50", "2021-09-01");
        events().paid(p7);
        events().paid(pay(a1).amount("100000.00", "2021-02-01").function("2101501").economic("30101", BASIC).build());
        events().paid(pay(a1).amount("2345.67", "2021-02-01").function("2101501").economic("30201", BASIC)
                .procurement(ProcurementCategory.GOODS).build());
        events().paid(pay(a5).amount("3000.00", "2021-03-01").function("2101501").economic("30217", BASIC).build());
        events().paid(pay(a1).amount("1200.00", "2021-03-01").function("2101501").economic("30231", BASIC).build());
        events().paid(pay(a1).amount("150000.00", "2021-04-01").function("2101501").economic("31013", PROJECT)
                .procurement(ProcurementCategory.GOODS).build());
        events().paid(pay(a1).amount("8000.00", "2021-04-01").function("2101501").economic("30212", PROJECT).build());
        events().paid(pay(a1).amount("50000.00", "2021-05-01").function("2101501").economic("31005", PROJECT)
                .procurement(ProcurementCategory.WORKS).build());
        events().paid(pay(a1).amount("20000.00", "2021-05-01").function("2101501").economic("30227", PROJECT)
                .procurement(ProcurementCategory.SERVICES).build());
        events().paid(pay(a2).amount("1000.00", "2021-08-01").function("210").economic("30299", PROJECT).build());
        // the fund type from the program's registration when the payment does not carry one
        events().paid(pay(a3).amount("70000.00", "2021-06-01").function("2296013").economic("30399", PROJECT)
                .fund(null).build());
        events().paid(pay(a4).amount("5000.00", "2021-06-01").function("2101599").economic("30201", BASIC)
                .fund("OTHER").build());
        for (Events.AllocationIssued a : new Events.AllocationIssued[] {a2020, a1, a2, a3, a4, a5}) {
            events().issued(a);
        }
        events().carriedOver(a2020.allocationId(), "30000.00", 2021, "2020-12-20");
        events().adjusted(a1.allocationId(), "50000.00", "文财〔2021〕9号", "2021-06-01");
        events().recovered(a1.allocationId(), "20000.00", "2021-11-30");
        events().carriedOver(a2.allocationId(), "40000.00", 2022, "2021-12-20");

        // 公开01 收入支出决算总表
        JsonNode t01 = awaitTable(org, 2021, "公开01", t -> {
            assertThat(value(t, "general-budget", "amount")).isEqualTo("836000.00");
            assertThat(value(t, "government-fund", "amount")).isEqualTo("80000.00");
            assertThat(value(t, "other", "amount")).isEqualTo("10000.00");
            assertThat(value(t, "carry-in", "amount")).isEqualTo("30000.00");
            assertThat(value(t, "expenditure-total", "amount")).isEqualTo("600545.17");
            assertThat(t.at("/details/carryOutCarriedOver").asString()).isEqualTo("40000.00");
        });
        assertThat(t01.get("kind").asString()).isEqualTo("income-expenditure-summary");
        assertThat(t01.at("/org/name").asString()).isEqualTo("文水县测试局");
        assertThat(value(t01, "income-total", "amount")).isEqualTo("926000.00");
        assertThat(value(t01, "income-grand-total", "amount")).isEqualTo("956000.00");
        assertThat(value(t01, "class:210", "amount")).isEqualTo("530545.17");
        assertThat(value(t01, "class:229", "amount")).isEqualTo("70000.00");
        assertThat(value(t01, "class:201", "amount")).isEqualTo("0.00");
        // 年末结转和结余 = 956,000.00 − 600,545.17; of it 40,000.00 carried over by the 结转 event
        assertThat(value(t01, "carry-out", "amount")).isEqualTo("355454.83");
        assertThat(value(t01, "expenditure-grand-total", "amount")).isEqualTo("956000.00");
        assertThat(t01.at("/details/carryInFromEarlierYears").asString()).isEqualTo("30000.00");
        assertThat(t01.at("/details/carryOutUnspent").asString()).isEqualTo("285454.83");

        // 公开02 收入决算表: income by the allocations' function codes (结转 does not reduce income)
        JsonNode t02 = table(org, 2021, "income", "");
        assertThat(value(t02, "total", "total")).isEqualTo("926000.00");
        assertThat(value(t02, "total", "appropriation")).isEqualTo("916000.00");
        assertThat(value(t02, "total", "other")).isEqualTo("10000.00");
        assertThat(value(t02, "2101501", "appropriation")).isEqualTo("536000.00");
        assertThat(value(t02, "2101301", "total")).isEqualTo("300000.00");
        assertThat(value(t02, "2101599", "other")).isEqualTo("10000.00");
        assertThat(value(t02, "2296013", "appropriation")).isEqualTo("80000.00");
        assertThat(value(t02, "210", "total")).isEqualTo("846000.00");
        assertCategoriesAddUp(t02, "total", "appropriation", "other");

        // 公开03 支出决算表: every fund, net of the reversal, basic / project
        JsonNode t03 = table(org, 2021, "公开03", "");
        assertThat(value(t03, "total", "total")).isEqualTo("600545.17");
        assertThat(value(t03, "total", "basic")).isEqualTo("111545.67");
        assertThat(value(t03, "total", "project")).isEqualTo("488999.50");
        assertThat(value(t03, "210", "total")).isEqualTo("530545.17");
        assertThat(value(t03, "210/direct", "project")).isEqualTo("1000.00");
        assertThat(row(t03, "210/direct").get("name").asString()).isEqualTo("（未细化）");
        assertThat(value(t03, "2101301", "total")).isEqualTo("189999.50");
        assertThat(value(t03, "21015", "total")).isEqualTo("339545.67");
        assertThat(value(t03, "2101501", "basic")).isEqualTo("106545.67");
        assertThat(value(t03, "2101501", "project")).isEqualTo("228000.00");
        assertThat(value(t03, "2101599", "basic")).isEqualTo("5000.00");
        assertThat(value(t03, "2296013", "project")).isEqualTo("70000.00");
        assertThat(row(t03, "210").get("style").asString()).isEqualTo("CATEGORY");
        assertThat(row(t03, "2101501").get("level").asInt()).isEqualTo(3);
        assertCategoriesAddUp(t03, "total", "basic", "project");

        // 公开04 财政拨款收入支出决算总表: appropriations only (the OTHER fund is out), by fund
        JsonNode t04 = table(org, 2021, "公开04", "");
        assertThat(value(t04, "income-total", "amount")).isEqualTo("916000.00");
        assertThat(value(t04, "carry-in:general-budget", "amount")).isEqualTo("30000.00");
        assertThat(value(t04, "income-grand-total", "amount")).isEqualTo("946000.00");
        assertThat(value(t04, "class:210", "general-budget")).isEqualTo("525545.17");
        assertThat(value(t04, "class:229", "government-fund")).isEqualTo("70000.00");
        assertThat(value(t04, "expenditure-total", "total")).isEqualTo("595545.17");
        assertThat(value(t04, "carry-out", "general-budget")).isEqualTo("340454.83");
        assertThat(value(t04, "carry-out", "government-fund")).isEqualTo("10000.00");
        assertThat(value(t04, "expenditure-grand-total", "total")).isEqualTo("946000.00");

        // 公开05 一般公共预算财政拨款支出决算表
        JsonNode t05 = table(org, 2021, "general-budget-expenditure", "");
        assertThat(value(t05, "total", "total")).isEqualTo("525545.17");
        assertThat(value(t05, "total", "basic")).isEqualTo("106545.67");
        assertThat(value(t05, "total", "project")).isEqualTo("418999.50");
        assertThat(value(t05, "2101501", "total")).isEqualTo("334545.67");
        assertCategoriesAddUp(t05, "total", "basic", "project");

        // 公开06 by economic code: 人员经费 = 301 + 303, 公用经费 = the rest
        JsonNode t06 = table(org, 2021, "expenditure-by-economic-code", "");
        assertThat(t06.get("number").asString()).isEqualTo("公开06");
        assertThat(value(t06, "301", "amount")).isEqualTo("100000.00");
        assertThat(value(t06, "303", "amount")).isEqualTo("189999.50");
        assertThat(value(t06, "302", "amount")).isEqualTo("35545.67");
        assertThat(value(t06, "302", "basic")).isEqualTo("6545.67");
        assertThat(value(t06, "30212", "amount")).isEqualTo("8000.00");
        assertThat(value(t06, "310", "amount")).isEqualTo("200000.00");
        assertThat(value(t06, "31013", "amount")).isEqualTo("150000.00");
        assertThat(value(t06, "personnel-total", "amount")).isEqualTo("289999.50");
        assertThat(value(t06, "personnel-total", "basic")).isEqualTo("100000.00");
        assertThat(value(t06, "public-total", "amount")).isEqualTo("235545.67");
        assertThat(value(t06, "public-total", "basic")).isEqualTo("6545.67");
        assertThat(value(t06, "30106", "amount")).isEqualTo("0.00");

        // 公开07 三公: actual from the payments' economic codes, 预算数 from the allocation's
        JsonNode t07 = table(org, 2021, "three-public-expenses", "");
        assertThat(t07.get("number").asString()).isEqualTo("公开07");
        assertThat(value(t07, "total", "budget-reception")).isEqualTo("6000.00");
        assertThat(value(t07, "total", "budget-total")).isEqualTo("6000.00");
        assertThat(value(t07, "total", "actual-abroad")).isEqualTo("8000.00");
        assertThat(value(t07, "total", "actual-vehicle-purchase")).isEqualTo("150000.00");
        assertThat(value(t07, "total", "actual-vehicle-operation")).isEqualTo("1200.00");
        assertThat(value(t07, "total", "actual-vehicle")).isEqualTo("151200.00");
        assertThat(value(t07, "total", "actual-reception")).isEqualTo("3000.00");
        assertThat(value(t07, "total", "actual-total")).isEqualTo("162200.00");
        assertThat(t07.get("noData").asBoolean()).isFalse();

        // 公开08 政府性基金, 公开09 国有资本经营
        JsonNode t08 = table(org, 2021, "公开08", "");
        assertThat(value(t08, "2296013", "income")).isEqualTo("80000.00");
        assertThat(value(t08, "2296013", "total")).isEqualTo("70000.00");
        assertThat(value(t08, "2296013", "carry-out")).isEqualTo("10000.00");
        assertThat(value(t08, "total", "carry-out")).isEqualTo("10000.00");
        assertThat(table(org, 2021, "公开09", "").get("noData").asBoolean()).isTrue();

        // 公开10 政府采购 and 机关运行经费 (一般公共预算 basic spending on 302 and 310)
        JsonNode t10 = table(org, 2021, "公开10", "");
        assertThat(value(t10, "procurement-total", "amount")).isEqualTo("222345.67");
        assertThat(value(t10, "goods", "amount")).isEqualTo("152345.67");
        assertThat(value(t10, "works", "amount")).isEqualTo("50000.00");
        assertThat(value(t10, "services", "amount")).isEqualTo("20000.00");
        assertThat(value(t10, "office-operation", "amount")).isEqualTo("6545.67");
        assertThat(value(t10, "vehicles", "count")).isNull();

        // 第三部分: computed from the tables
        HttpResponse narrative = new HttpResponse(get("/api/reports/final-accounts/" + org + "/2021/narrative"));
        JsonNode n = narrative.json();
        assertThat(n.at("/previousYear/fiscalYear").asInt()).isEqualTo(2020);
        assertThat(n.at("/previousYear/source").asString()).isEqualTo("live");
        assertThat(n.at("/overview/incomeTotal").asString()).isEqualTo("956000.00");
        assertThat(n.at("/overview/incomeChange/previous").asString()).isEqualTo("100000.00");
        assertThat(n.at("/overview/incomeChange/change").asString()).isEqualTo("856000.00");
        assertThat(n.at("/overview/incomeChange/percent").asString()).isEqualTo("856.00%");
        assertThat(n.at("/expenditure/items/0/amount").asString()).isEqualTo("111545.67");
        assertThat(n.at("/expenditure/items/0/share").asString()).isEqualTo("0.1857");
        assertThat(n.at("/generalBudget/total").asString()).isEqualTo("525545.17");
        assertThat(n.at("/generalBudget/shareOfExpenditurePercent").asString()).isEqualTo("87.51%");
        assertThat(n.at("/generalBudget/execution/startOfYearBudget").asString()).isEqualTo("506000.00");
        assertThat(n.at("/generalBudget/execution/fullYearBudget").asString()).isEqualTo("796000.00");
        assertThat(n.at("/generalBudget/execution/completionRate").asString()).isEqualTo("1.0386");
        assertThat(n.at("/generalBudget/execution/completionPercent").asString()).isEqualTo("103.86%");
        assertThat(n.at("/threePublic/actual").asString()).isEqualTo("162200.00");
        assertThat(n.at("/officeOperation/amount").asString()).isEqualTo("6545.67");
        assertThat(n.at("/procurement/goods").asString()).isEqualTo("152345.67");

        // a rename (OrgUpdated) shows in the tables
        events().org(Events.ORG_UPDATED, new Events.OrgRegistered(org, "文水县医疗保障局（更名）", REGION, "文水县"));
        awaitTable(org, 2021, "公开01", t -> assertThat(t.at("/org/name").asString()).isEqualTo("文水县医疗保障局（更名）"));
    }

    private static org.fundflow.testsupport.AllocationIssuedBuilder toOrg(
            org.fundflow.testsupport.AllocationIssuedBuilder issue, String org) {
        return issue.source(Level.COUNTY).from(REGION, "文水县").toOrg(org, "文水县测试局（指标）", REGION);
    }

    /** A response read as JSON, checked for 200. */
    private record HttpResponse(java.net.http.HttpResponse<byte[]> response) {
        JsonNode json() {
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
            return JSON.readTree(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
