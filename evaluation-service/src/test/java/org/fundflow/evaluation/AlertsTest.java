package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.toOrg;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 预算法 第五十二条: central transfers passed down within 30 days; balances left undistributed after that. */
class AlertsTest extends EvaluationServiceTest {
    private static final LocalDate JAN_10 = LocalDate.of(2022, 1, 10);

    @Test
    void latePassDownAndUndistributedBalances() {
        String program = uniqueProgram("alerts");
        // A: a central transfer to 山西, nothing passed down.
        UUID kept = UUID.randomUUID();
        issue(toRegion(kept, null, program, 2022, Level.CENTRAL, "000000", "140000", "2000000.00", JAN_10));
        // B: passed down in full on day 10, and fully on down to an agency.
        UUID passed = UUID.randomUUID();
        UUID passedCity = UUID.randomUUID();
        UUID passedCounty = UUID.randomUUID();
        UUID passedOrg = UUID.randomUUID();
        issue(toRegion(passed, null, program, 2022, Level.CENTRAL, "000000", "140000", "1000000.00", JAN_10));
        issue(toRegion(passedCity, passed, program, 2022, Level.CENTRAL, "140000", "140700", "1000000.00",
                LocalDate.of(2022, 1, 20)));
        issue(toRegion(passedCounty, passedCity, program, 2022, Level.CENTRAL, "140700", "140702", "1000000.00",
                LocalDate.of(2022, 1, 25)));
        issue(toOrg(passedOrg, passedCounty, program, 2022, Level.CENTRAL, "140702", "140702001",
                "榆次区医疗保障局", "140702", "1000000.00", LocalDate.of(2022, 2, 1)));
        // C: passed down on day 10, but only 900,000.00 of 1,500,000.00.
        UUID partial = UUID.randomUUID();
        UUID partialCity = UUID.randomUUID();
        UUID partialOrg = UUID.randomUUID();
        issue(toRegion(partial, null, program, 2022, Level.CENTRAL, "000000", "140000", "1500000.00", JAN_10));
        issue(toRegion(partialCity, partial, program, 2022, Level.CENTRAL, "140000", "140700", "900000.00",
                LocalDate.of(2022, 1, 20)));
        issue(toOrg(partialOrg, partialCity, program, 2022, Level.CENTRAL, "140700", "140700001",
                "晋中市医疗保障局", "140700", "900000.00", LocalDate.of(2022, 1, 25)));
        // D: a city's own money to a county, never assigned to an agency.
        UUID county = UUID.randomUUID();
        issue(toRegion(county, null, program, 2022, Level.CITY, "140700", "140702", "50000.00", JAN_10));
        eventually().untilAsserted(() -> assertThat(execution("programCode", program, "asOf", "2022-12-31")
                .path("rows")).hasSize(9));

        JsonNode early = alerts("fiscalYear", "2022", "asOf", "2022-01-20");
        for (UUID id : List.of(kept, passed, partial, county, partialCity, passedOrg)) {
            assertThat(alert(early, id)).as("nothing is due on 2022-01-20").isEmpty();
        }
        assertThat(alert(alerts("fiscalYear", "2022", "asOf", "2022-02-09"), kept)).as("the due day itself")
                .isEmpty();
        assertThat(alert(alerts("fiscalYear", "2022", "asOf", "2022-02-10"), kept).orElseThrow()
                .path("daysOverdue").asLong()).isEqualTo(1);

        JsonNode march = alerts("fiscalYear", "2022", "region", "140000", "asOf", "2022-03-01");
        assertThat(march.path("asOf").asString()).isEqualTo("2022-03-01");
        JsonNode late = alert(march, kept).orElseThrow();
        assertThat(late.path("type").asString()).isEqualTo("LATE_PASS_DOWN");
        assertThat(late.path("programCode").asString()).isEqualTo(program);
        assertThat(late.path("fiscalYear").asInt()).isEqualTo(2022);
        assertThat(late.path("holderRegion").asString()).isEqualTo("140000");
        assertThat(late.path("holderRegionName").asString()).isEqualTo("山西省");
        assertThat(late.path("issuedOn").asString()).isEqualTo("2022-01-10");
        assertThat(late.path("dueOn").asString()).isEqualTo("2022-02-09");
        assertThat(late.path("daysOverdue").asLong()).isEqualTo(20);
        assertThat(late.path("amount").asString()).isEqualTo("2000000.00");
        assertThat(late.path("message").asString())
                .isEqualTo("中央转移支付未在30日内下达 / central transfer not passed down within 30 days");
        assertThat(count(march, kept)).as("one alert per allocation").isEqualTo(1);

        for (UUID id : List.of(passed, passedCity, passedCounty)) {
            assertThat(alert(march, id)).as("passed down in full in time").isEmpty();
        }
        // Distribution is complete at the agency, but nothing is spent: 3/12 of 1,000,000.00 is due by March.
        JsonNode idle = alert(march, passedOrg).orElseThrow();
        assertThat(idle.path("type").asString()).isEqualTo("LAGGING_EXECUTION");
        assertThat(idle.path("amount").asString()).isEqualTo("250000.00");
        assertThat(idle.path("holderOrg").asString()).isEqualTo("140702001");
        assertThat(idle.path("dueOn").isNull()).isTrue();
        assertThat(count(march, passedOrg)).isEqualTo(1);
        assertThat(alert(march, partialOrg).orElseThrow().path("amount").asString()).isEqualTo("225000.00");
        assertThat(alert(alerts("fiscalYear", "2022", "asOf", "2022-01-31"), passedOrg))
                .as("January: 0.0833 is within the 0.10 margin").isEmpty();

        JsonNode balance = alert(march, partial).orElseThrow();
        assertThat(balance.path("type").asString()).isEqualTo("UNDISTRIBUTED_BALANCE");
        assertThat(balance.path("amount").asString()).isEqualTo("600000.00");
        assertThat(balance.path("dueOn").asString()).isEqualTo("2022-02-09");
        assertThat(balance.path("daysOverdue").asLong()).isEqualTo(20);
        assertThat(count(march, partial)).isEqualTo(1);
        assertThat(alert(march, partialCity)).isEmpty();

        JsonNode countyAlert = alert(march, county).orElseThrow();
        assertThat(countyAlert.path("type").asString()).isEqualTo("UNDISTRIBUTED_BALANCE");
        assertThat(countyAlert.path("amount").asString()).isEqualTo("50000.00");
        assertThat(countyAlert.path("holderRegion").asString()).isEqualTo("140702");

        JsonNode jinzhong = alerts("fiscalYear", "2022", "region", "140700", "asOf", "2022-03-01");
        assertThat(alert(jinzhong, kept)).as("山西's own alert is outside 晋中").isEmpty();
        assertThat(alert(jinzhong, county)).isPresent();
        assertThat(alert(alerts("fiscalYear", "2022", "region", "430000", "asOf", "2022-03-01"), kept)).isEmpty();
        assertThat(alert(alerts("fiscalYear", "2021", "asOf", "2022-03-01"), kept)).isEmpty();
        assertThat(alert(alerts("asOf", "2022-03-01"), kept)).as("no filter: every year").isPresent();
    }

    private static long count(JsonNode report, UUID id) {
        long n = 0;
        for (JsonNode a : report.path("alerts")) {
            if (a.path("allocationId").asString().equals(id.toString())) {
                n++;
            }
        }
        return n;
    }
}
