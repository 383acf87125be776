package org.fundflow.reporting.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The same kind of table under another place's numbering: an org of 泽州县 (晋城) in 2023 gets the 晋城 2023
 * layout, where 三公 is 公开09 and the economic-classification table shows 基本支出 only; in 2022 the same org gets
 * the default (离石 2022) numbering, where 三公 is 公开07.
 */
class FinalAccountsLayoutTest extends FinalAccountsTestSupport {
    private static final String REGION = "140525";

    @Test
    void jincheng_2023_numbers_three_public_expenses_as_gongkai_09() {
        String org = newOrg("FA-ZZ");
        String program = uniqueProgram("FA-LAYOUT");
        events().org(Events.ORG_REGISTERED, new Events.OrgRegistered(org, "泽州县测试局", REGION, "泽州县"));
        for (int year : new int[] {2022, 2023}) {
            events().registered(new Events.ProgramRegistered(program, "版式测试", year, "2101501", "GENERAL_BUDGET"));
            Events.AllocationIssued a = issue(program, "版式测试", year).source(Level.COUNTY).from(REGION, "泽州县")
                    .toOrg(org, "泽州县测试局", REGION).function("2101501").amount("50000.00")
                    .doc("泽财〔" + year + "〕1号", year + "-01-10").build();
            events().issued(a);
            events().paid(pay(a).amount("3000.00", year + "-03-01").function("2101501")
                    .economic("30217", ExpenditureKind.BASIC).build());
            events().paid(pay(a).amount("7000.00", year + "-03-01").function("2101501")
                    .economic("30227", ExpenditureKind.PROJECT).build());
        }
        JsonNode t09 = awaitTable(org, 2023, "公开09",
                t -> assertThat(value(t, "total", "actual-reception")).isEqualTo("3000.00"));
        assertThat(t09.get("kind").asString()).isEqualTo("three-public-expenses");
        assertThat(t09.get("layoutId").asString()).isEqualTo("jincheng-2023");
        assertThat(value(t09, "total", "actual-total")).isEqualTo("3000.00");
        assertThat(table(org, 2023, "公开07", "").get("kind").asString()).isEqualTo("government-fund");
        assertThat(table(org, 2023, "three-public-expenses", "").get("number").asString()).isEqualTo("公开09");

        JsonNode t06 = table(org, 2023, "公开06", "");
        assertThat(t06.get("name").asString()).isEqualTo("一般公共预算财政拨款基本支出决算明细表");
        assertThat(t06.at("/blocks/0/columns")).hasSize(1);
        assertThat(t06.at("/blocks/0/columns/0/key").asString()).isEqualTo("basic");
        assertThat(value(t06, "30217", "basic")).isEqualTo("3000.00");
        assertThat(value(t06, "30227", "basic")).isEqualTo("0.00");
        assertThat(value(t06, "public-total", "basic")).isEqualTo("3000.00");

        JsonNode index = json(get("/api/reports/final-accounts/" + org + "/2023"));
        assertThat(index.at("/layout/id").asString()).isEqualTo("jincheng-2023");
        assertThat(index.at("/tables/8/number").asString()).isEqualTo("公开09");
        assertThat(index.at("/tables/8/kind").asString()).isEqualTo("three-public-expenses");

        JsonNode y2022 = awaitTable(org, 2022, "公开07",
                t -> assertThat(value(t, "total", "actual-reception")).isEqualTo("3000.00"));
        assertThat(y2022.get("kind").asString()).isEqualTo("three-public-expenses");
        assertThat(y2022.get("layoutId").asString()).isEqualTo("lishi-2022");
        assertThat(table(org, 2022, "公开09", "").get("kind").asString()).isEqualTo("state-capital");

        // a 晋城 XLSX sheet is named after its own number
        assertThat(get(path(org, 2023, "公开09") + "?format=xlsx").statusCode()).isEqualTo(200);
        // the narrative finds 三公 by kind, whatever its number
        JsonNode narrative = json(get("/api/reports/final-accounts/" + org + "/2023/narrative"));
        assertThat(narrative.at("/threePublic/table").asString()).isEqualTo("公开09");
        assertThat(narrative.at("/threePublic/actual").asString()).isEqualTo("3000.00");
        assertThat(narrative.at("/previousYear/fiscalYear").asInt()).isEqualTo(2022);
        assertThat(narrative.at("/threePublic/change/previous").asString()).isEqualTo("3000.00");
        assertThat(narrative.at("/threePublic/change/change").asString()).isEqualTo("0.00");
    }
}
