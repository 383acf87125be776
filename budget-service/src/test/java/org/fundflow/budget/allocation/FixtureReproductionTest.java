package org.fundflow.budget.allocation;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.budget.allocation.AllocationChainTest.assertFigures;

import java.util.Map;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The allocations of seeds 000 and 001 (shared/fixtures/fund-flows.json FF002, FF006): 晋中 2020, city money issued by
 * 晋中市财政 to agencies of the city itself.
 */
class FixtureReproductionTest extends BudgetServiceIntegrationTest {

    @Test
    void jinzhongCityFinanceToTheCityTradeUnionForSeriousIllnessMutualAid() {
        String program = newProgram("大病医疗互助", 2020);
        String union = newOrg("晋中市总工会", "140700");
        Map<String, Object> body = allocation(program, 2020, "140700", null, null, "1400000", "2020-06-01");
        body.put("toOrg", union);
        body.put("docNo", "市财政局下拨");

        JsonNode issued = issue(body);
        String id = issued.path("allocationId").asString();
        JsonNode view = get("/api/allocations/" + id).body();
        assertFigures(view, "1400000.00", "1400000.00", "0.00", "1400000.00");
        assertThat(view.path("programName").asString()).isEqualTo("大病医疗互助");
        assertThat(view.path("fiscalYear").asInt()).isEqualTo(2020);
        assertThat(view.path("fromRegionName").asString()).isEqualTo("晋中市");
        assertThat(view.path("toOrgName").asString()).isEqualTo("晋中市总工会");
        assertThat(view.path("toOrgRegion").asString()).isEqualTo("140700");
        assertThat(view.path("sourceLevel").asString()).isEqualTo("CITY");
        assertThat(view.path("level").asString()).isEqualTo("CITY");

        JsonNode event = json.readTree(KafkaTopic.fromBeginning(Topics.ALLOCATION).awaitKey(id, 1).get(0).value());
        assertThat(event.path("payload").path("amount").asString()).isEqualTo("1400000.00");
        assertThat(event.path("payload").path("sourceLevel").asString()).isEqualTo("CITY");
    }

    @Test
    void jinzhongCityFinanceToTheMedicalSecurityBureauForMedicalAssistance() {
        String program = newProgram("城乡医疗救助", 2020);
        String bureau = newOrg("晋中市医疗保障局", "140700");
        Map<String, Object> body = allocation(program, 2020, "140700", null, null, "3250000.00", "2020-04-01");
        body.put("toOrg", bureau);
        body.put("sourceLevel", "CITY");
        assertFigures(issue(body), "3250000.00", "3250000.00", "0.00", "3250000.00");
    }
}
