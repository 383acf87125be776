package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * 分地区: 山西 → 晋中 → 榆次 / 太谷 / 市本级, money counted once (the region allocations pass it down; only the org
 * allocations are 下达金额), payments and a reversal by the orgs' regions, as of dates.
 */
class ExecutionByRegionTest extends ExecutionTestSupport {

    @Test
    void jinzhong_2021_by_county_counts_each_yuan_once() {
        String program = uniqueProgram("JZ2021-REGION");
        String name = "2021年分地区测试资金";
        Events.AllocationIssued city = issue(program, name, 2021).source(Level.PROVINCIAL).from("140000", "山西省")
                .toRegion("140700", "晋中市").amount("1000000.00").doc("晋财〔2021〕1号", "2021-02-01").build();
        Events.AllocationIssued yuci = issue(program, name, 2021).source(Level.PROVINCIAL).from("140700", "晋中市")
                .toRegion("140702", "榆次区").under(city).amount("500000.00").doc("市财〔2021〕2号", "2021-02-10").build();
        Events.AllocationIssued yuciOrg = issue(program, name, 2021).source(Level.PROVINCIAL).from("140702", "榆次区")
                .toOrg("YC-MZJ", "榆次区民政局", "140702").under(yuci).amount("500000.00")
                .doc("榆财〔2021〕3号", "2021-02-20").build();
        Events.AllocationIssued taigu = issue(program, name, 2021).source(Level.PROVINCIAL).from("140700", "晋中市")
                .toRegion("140703", "太谷区").under(city).amount("300000.00").doc("市财〔2021〕4号", "2021-03-05").build();
        Events.AllocationIssued taiguOrg = issue(program, name, 2021).source(Level.PROVINCIAL).from("140703", "太谷区")
                .toOrg("TG-MZJ", "太谷区民政局", "140703").under(taigu).amount("300000.00")
                .doc("太财〔2021〕5号", "2021-03-15").build();
        Events.AllocationIssued cityOrg = issue(program, name, 2021).source(Level.PROVINCIAL).from("140700", "晋中市")
                .toOrg("JZ-MZJ", "晋中市民政局", "140700").under(city).amount("200000.00")
                .doc("市财〔2021〕6号", "2021-04-01").build();
        // Children first: any order works.
        for (Events.AllocationIssued a : List.of(cityOrg, taiguOrg, yuciOrg, taigu, yuci, city)) {
            events().issued(a);
        }
        Events.PaymentRecorded yuciPaid = pay(yuciOrg).amount("200000.00", "2021-05-10").build();
        events().paid(yuciPaid);
        events().reversed(yuciPaid, "10000.00", "2021-06-01");
        events().paid(pay(taiguOrg).amount("300000.00", "2021-05-20").build());
        events().paid(pay(cityOrg).amount("50000.00", "2021-06-15").build());
        events().adjusted(yuciOrg.allocationId(), "-100000.00", "榆财〔2021〕调减", "2021-07-01");

        String base = "/api/reports/execution/by-region?fiscalYear=2021&programCode=" + program;
        JsonNode june = awaitReport(base + "&region=140700&asOf=2021-06-30",
                r -> assertThat(r.at("/total/executed").asString()).isEqualTo("540000.00"));
        assertThat(rows(june)).containsExactly(
                tuple("140700", "晋中市本级", "200000.00", "50000.00", "0.2500", "25.00%", "0.5000", "50.00%"),
                tuple("140702", "榆次区", "500000.00", "190000.00", "0.3800", "38.00%", "0.5000", "50.00%"),
                tuple("140703", "太谷区", "300000.00", "300000.00", "1.0000", "100.00%", "0.5000", "50.00%"));
        assertThat(june.at("/total/budget").asString()).isEqualTo("1000000.00");
        assertThat(june.at("/total/executionRate").asString()).isEqualTo("0.5400");
        assertThat(june.at("/total/executionPercent").asString()).isEqualTo("54.00%");
        assertThat(june.at("/total/scheduleRate").asString()).isEqualTo("0.5000");
        assertThat(june.get("programName").asString()).isEqualTo(name);
        assertThat(june.at("/region/name").asString()).isEqualTo("晋中市");
        assertTotalIsSumOfRows(june, "budget", "executed");

        // The whole country, rows by province: the same money once, not once per level.
        JsonNode country = report(base + "&asOf=2021-06-30");
        assertThat(rows(country)).containsExactly(
                tuple("140000", "山西省", "1000000.00", "540000.00", "0.5400", "54.00%", "0.5000", "50.00%"));
        assertTotalIsSumOfRows(country, "budget", "executed");
        // By city within the province.
        assertThat(rows(report(base + "&region=140000&asOf=2021-06-30"))).extracting(t -> t.toList().get(0))
                .containsExactly("140700");

        // End of March: the city's own allocation (1 April) and every payment are later.
        assertThat(rows(report(base + "&region=140700&asOf=2021-03-31"))).containsExactly(
                tuple("140702", "榆次区", "500000.00", "0.00", "0.0000", "0.00%", "0.2500", "25.00%"),
                tuple("140703", "太谷区", "300000.00", "0.00", "0.0000", "0.00%", "0.2500", "25.00%"));

        // After the 1 July 调减 of 榆次's allocation.
        JsonNode december = awaitReport(base + "&region=140700&asOf=2021-12-31",
                r -> assertThat(r.at("/total/budget").asString()).isEqualTo("900000.00"));
        assertThat(rows(december)).containsExactly(
                tuple("140700", "晋中市本级", "200000.00", "50000.00", "0.2500", "25.00%", "1.0000", "100.00%"),
                tuple("140702", "榆次区", "400000.00", "190000.00", "0.4750", "47.50%", "1.0000", "100.00%"),
                tuple("140703", "太谷区", "300000.00", "300000.00", "1.0000", "100.00%", "1.0000", "100.00%"));
        assertTotalIsSumOfRows(december, "budget", "executed");

        // 分资金 of the same program: what entered each scope, once.
        // The 调减 of the org's allocation returned money to 榆次; it did not leave the county or the city.
        assertThat(fund(program, "140700")).containsExactly("1000000.00", "540000.00", "0.5400");
        assertThat(fund(program, "140702")).containsExactly("500000.00", "190000.00", "0.3800");
        assertThat(fund(program, "000000")).containsExactly("1000000.00", "540000.00", "0.5400");

        String csv = text(get(base + "&region=140700&asOf=2021-12-31&format=csv"));
        assertThat(csv).startsWith("\uFEFF2021年度晋中市分地区支出进度表（2021年分地区测试资金，截至2021-12-31）,,,,,,,\r\n"
                + "单位：元,,,,,,,\r\n"
                + "地区编码,地区名称,下达金额,支出金额,支出进度,支出进度（%）,序时进度,序时进度（%）\r\n"
                + "140700,晋中市本级,200000.00,50000.00,0.2500,25.00%,1.0000,100.00%\r\n");
        assertThat(csv).endsWith("合计,,900000.00,540000.00,0.6000,60.00%,1.0000,100.00%\r\n");
    }

    private List<String> fund(String program, String region) {
        JsonNode report = report("/api/reports/execution/by-fund?fiscalYear=2021&region=" + region
                + "&asOf=2021-12-31");
        assertTotalIsSumOfRows(report, "budget", "executed");
        JsonNode row = requireRow(report, "programCode", program);
        return List.of(s(row, "budget"), s(row, "executed"), s(row, "executionRate"));
    }

    private static List<Tuple> rows(JsonNode report) {
        List<Tuple> rows = new ArrayList<>();
        for (JsonNode r : report.get("rows")) {
            rows.add(tuple(s(r, "regionCode"), s(r, "regionName"), s(r, "budget"), s(r, "executed"),
                    s(r, "executionRate"), s(r, "executionPercent"), s(r, "scheduleRate"), s(r, "schedulePercent")));
        }
        return rows;
    }
}
