package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.adjust;
import static org.fundflow.evaluation.TestEvents.carryOver;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.recover;
import static org.fundflow.evaluation.TestEvents.toOrg;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 财政收回 and 结转 take money out of the year's budget, exactly; a zero budget gives zero rates, never an error. */
class RecoveryAndCarryOverTest extends EvaluationServiceTest {

    /** Seed 002 (离石 2022): 区级配套医疗救助基金 45.1万, 实际支出 0, 年底财政收回. */
    @Test
    void lishiMatchingFundRecoveredInFull() {
        String program = uniqueProgram("lishi-matching");
        UUID matching = UUID.randomUUID();
        issue(toOrg(matching, null, program, 2022, Level.COUNTY, "141102", "141102-YB", "吕梁市离石区医疗保障局",
                "141102", "451000.00", LocalDate.of(2022, 3, 15)));
        var recovery = recover(matching, "451000.00", LocalDate.of(2022, 12, 31));
        eventually().until(() -> processed("evaluation.allocation", recovery.eventId())
                && execution("programCode", program, "asOf", "2022-12-31").path("rows").size() == 1);

        JsonNode before = row(execution("programCode", program, "asOf", "2022-12-30"), matching).orElseThrow();
        assertThat(before.path("budget").asString()).isEqualTo("451000.00");

        JsonNode after = row(execution("programCode", program, "fiscalYear", "2022", "asOf", "2022-12-31"), matching)
                .orElseThrow();
        assertThat(after.path("budget").asString()).isEqualTo("0.00");
        assertThat(after.path("undistributed").asString()).isEqualTo("0.00");
        assertThat(after.path("executed").asString()).isEqualTo("0.00");
        assertThat(after.path("executionRate").asString()).isEqualTo("0.0000");
        assertThat(after.path("executionPercent").asString()).isEqualTo("0.00%");
        assertThat(after.path("scheduleRate").asString()).isEqualTo("1.0000");
        assertThat(after.path("lagging").asBoolean()).as("nothing left to execute").isFalse();
        assertThat(after.path("distributionRate").asString()).as("zero budget never divides").isEqualTo("0.0000");
    }

    @Test
    void regionHeldAllocationRecoveredInFullHasZeroRates() {
        String program = uniqueProgram("recovered-region");
        UUID lishi = UUID.randomUUID();
        issue(toRegion(lishi, null, program, 2022, Level.CITY, "141100", "141102", "451000.00",
                LocalDate.of(2022, 3, 15)));
        var recovery = recover(lishi, "451000.00", LocalDate.of(2022, 12, 31));
        eventually().until(() -> processed("evaluation.allocation", recovery.eventId())
                && execution("programCode", program, "asOf", "2022-12-31").path("rows").size() == 1);

        JsonNode row = row(execution("programCode", program, "asOf", "2023-01-15"), lishi).orElseThrow();
        assertThat(row.path("budget").asString()).isEqualTo("0.00");
        assertThat(row.path("distributed").asString()).isEqualTo("0.00");
        assertThat(row.path("distributionRate").asString()).isEqualTo("0.0000");
        assertThat(row.path("distributionPercent").asString()).isEqualTo("0.00%");
        assertThat(row.path("executionRate").asString()).isEqualTo("0.0000");
        assertThat(alert(alerts("fiscalYear", "2022", "asOf", "2023-01-15"), lishi))
                .as("nothing left undistributed").isEmpty();
    }

    /** Seed 002: 中央专项彩票公益金 33万, with part carried over to the next year and part recovered. */
    @Test
    void carryOverAndRecoveryReduceTheBudgetExactly() {
        String program = uniqueProgram("lottery");
        UUID lishi = UUID.randomUUID();
        UUID bureau = UUID.randomUUID();
        issue(toRegion(lishi, null, program, 2022, Level.CENTRAL, "141100", "141102", "330000.00",
                LocalDate.of(2022, 4, 1)));
        issue(toOrg(bureau, lishi, program, 2022, Level.CENTRAL, "141102", "141102-YB2", "吕梁市离石区医疗保障局",
                "141102", "330000.00", LocalDate.of(2022, 4, 15)));
        var carried = carryOver(bureau, "40000.00", 2023, LocalDate.of(2022, 12, 31));
        var recovered = recover(bureau, "12345.67", LocalDate.of(2022, 12, 20));
        var added = adjust(lishi, "0.01", LocalDate.of(2022, 6, 1));
        eventually().until(() -> processed("evaluation.allocation", carried.eventId())
                && processed("evaluation.allocation", recovered.eventId())
                && processed("evaluation.allocation", added.eventId())
                && execution("programCode", program, "asOf", "2022-12-31").path("rows").size() == 2);

        JsonNode december20 = execution("programCode", program, "asOf", "2022-12-20");
        assertThat(row(december20, bureau).orElseThrow().path("budget").asString()).isEqualTo("317654.33");
        JsonNode yearEnd = execution("programCode", program, "asOf", "2022-12-31");
        JsonNode org = row(yearEnd, bureau).orElseThrow();
        assertThat(org.path("budget").asString()).isEqualTo("277654.33");
        JsonNode county = row(yearEnd, lishi).orElseThrow();
        assertThat(county.path("budget").asString()).isEqualTo("330000.01");
        assertThat(county.path("distributed").asString()).isEqualTo("277654.33");
        assertThat(county.path("undistributed").asString()).isEqualTo("52345.68");
        assertThat(county.path("distributionRate").asString()).isEqualTo("0.8414");
    }
}
