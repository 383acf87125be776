package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import java.util.List;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 分资金: budget, executed and rate per program, from allocation and payment events on the real topics. */
class ExecutionByFundTest extends ExecutionTestSupport {

    /**
     * Seed 001 / fixture check 1: 晋中 2020 大病医疗互助, 市财政 → 市总工会 140万, paid to 11 recipients (榆次15 太谷15 祁县5
     * 平遥10 灵石15 寿阳15 昔阳10 左权15 和顺10 榆社15 汾西15 万元) → executed 1,400,000.00 of 1,400,000.00 = 100 %.
     */
    @Test
    void jinzhong_2020_serious_illness_mutual_aid_is_fully_executed() {
        String program = uniqueProgram("JZ2020-DBYLHZ");
        Events.AllocationIssued allocation = issue(program, "2020年大病医疗互助", 2020).source(Level.CITY)
                .from("140700", "晋中市").toOrg("140700-208", "晋中市总工会", "140700").amount("1400000.00")
                .doc("市财社〔2020〕test号", "2020-04-01").build();
        events().issued(allocation);
        String[][] recipients = {{"榆次", "150000"}, {"太谷", "150000"}, {"祁县", "50000"}, {"平遥", "100000"},
                {"灵石", "150000"}, {"寿阳", "150000"}, {"昔阳", "100000"}, {"左权", "150000"}, {"和顺", "100000"},
                {"榆社", "150000"}, {"汾西", "150000"}};
        int month = 5;
        for (String[] r : recipients) {
            events().paid(pay(allocation).amount(r[1], "2020-" + String.format("%02d", month) + "-10")
                    .payee(r[0] + "县总工会").function("2080299").economic("30399", Events.ExpenditureKind.PROJECT)
                    .build());
            month = Math.min(month + 1, 12);
        }

        JsonNode report = awaitReport("/api/reports/execution/by-fund?fiscalYear=2020&asOf=2020-12-31",
                r -> assertThat(s(requireRow(r, "programCode", program), "executed")).isEqualTo("1400000.00"));
        JsonNode row = requireRow(report, "programCode", program);
        assertThat(s(row, "programName")).isEqualTo("2020年大病医疗互助");
        assertThat(s(row, "fundType")).isEqualTo("GENERAL_BUDGET");
        assertThat(s(row, "sourceLevel")).isEqualTo("CITY");
        assertThat(s(row, "budget")).isEqualTo("1400000.00");
        assertThat(s(row, "executed")).isEqualTo("1400000.00");
        assertThat(s(row, "executionRate")).isEqualTo("1.0000");
        assertThat(s(row, "executionPercent")).isEqualTo("100.00%");
        assertThat(s(report, "unit")).isEqualTo("元");
        assertThat(report.get("note").isNull()).isTrue();
        assertThat(s(report, "asOf")).isEqualTo("2020-12-31");
        assertThat(s(report, "scheduleRate")).isEqualTo("1.0000");
        assertThat(report.at("/region/code").asString()).isEqualTo("000000");
        assertThat(report.at("/region/name").asString()).isEqualTo("全国");
        assertTotalIsSumOfRows(report, "budget", "executed");

        // In the city's subtree the same money; in a county's subtree none of it.
        JsonNode city = report("/api/reports/execution/by-fund?fiscalYear=2020&region=140700&asOf=2020-12-31");
        JsonNode inCity = requireRow(city, "programCode", program);
        assertThat(s(inCity, "budget")).isEqualTo("1400000.00");
        assertThat(s(inCity, "executed")).isEqualTo("1400000.00");
        assertThat(city.at("/region/name").asString()).isEqualTo("晋中市");
        assertTotalIsSumOfRows(city, "budget", "executed");
        assertThat(row(report("/api/reports/execution/by-fund?fiscalYear=2020&region=140702&asOf=2020-12-31"),
                "programCode", program)).isEmpty();

        // As of the end of July: the payments of May, June and July (150000 + 150000 + 50000).
        JsonNode july = report("/api/reports/execution/by-fund?fiscalYear=2020&asOf=2020-07-31");
        JsonNode inJuly = requireRow(july, "programCode", program);
        assertThat(s(inJuly, "executed")).isEqualTo("350000.00");
        assertThat(s(inJuly, "executionRate")).isEqualTo("0.2500");
        assertThat(s(july, "scheduleRate")).isEqualTo("0.5833");
        assertThat(s(july, "schedulePercent")).isEqualTo("58.33%");
        // Before the allocation was issued there is no budget yet, and nothing paid.
        assertThat(row(report("/api/reports/execution/by-fund?fiscalYear=2020&asOf=2020-03-31"), "programCode",
                program)).isEmpty();
    }

    /** A payment consumed before its allocation counts at once; the budget follows when the allocation arrives. */
    @Test
    void a_payment_before_its_allocation_counts_and_the_budget_follows() {
        String program = uniqueProgram("QX2023-EARLY");
        Events.AllocationIssued allocation = issue(program, "祁县先付后到测试", 2023).source(Level.COUNTY)
                .from("140727", "祁县").toOrg("QX-YBJ", "祁县医疗保障局", "140727").amount("1000.00")
                .doc("祁财〔2023〕test号", "2023-02-01").build();
        events().paid(pay(allocation).amount("800.00", "2023-03-01").build());

        String query = "/api/reports/execution/by-fund?fiscalYear=2023&region=140727&asOf=2023-12-31";
        JsonNode before = awaitReport(query,
                r -> assertThat(s(requireRow(r, "programCode", program), "executed")).isEqualTo("800.00"));
        JsonNode early = requireRow(before, "programCode", program);
        assertThat(s(early, "budget")).isEqualTo("0.00");
        assertThat(s(early, "executionRate")).isEqualTo("0.0000");
        assertThat(s(early, "programName")).isNull();
        assertThat(s(early, "fundType")).isEqualTo("GENERAL_BUDGET");

        events().issued(allocation);
        JsonNode after = awaitReport(query,
                r -> assertThat(s(requireRow(r, "programCode", program), "budget")).isEqualTo("1000.00"));
        JsonNode row = requireRow(after, "programCode", program);
        assertThat(s(row, "executed")).isEqualTo("800.00");
        assertThat(s(row, "executionRate")).isEqualTo("0.8000");
        assertThat(s(row, "executionPercent")).isEqualTo("80.00%");
        assertThat(s(row, "programName")).isEqualTo("祁县先付后到测试");
        assertThat(s(row, "sourceLevel")).isEqualTo("COUNTY");
        assertTotalIsSumOfRows(after, "budget", "executed");
    }

    @Test
    void a_year_without_facts_is_an_empty_table_with_zero_totals() {
        JsonNode report = report("/api/reports/execution/by-fund?fiscalYear=1991");
        assertThat(report.get("rows")).isEmpty();
        assertThat(report.at("/total/budget").asString()).isEqualTo("0.00");
        assertThat(report.at("/total/executed").asString()).isEqualTo("0.00");
        assertThat(report.at("/total/executionRate").asString()).isEqualTo("0.0000");
        assertThat(report.get("asOf").asString()).isNotBlank();
        assertThat(List.of(report.get("title").asString())).allSatisfy(t -> assertThat(t).contains("1991年"));
    }
}
