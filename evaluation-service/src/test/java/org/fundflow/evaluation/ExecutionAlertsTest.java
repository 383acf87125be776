package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.adjust;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.pay;
import static org.fundflow.evaluation.TestEvents.payment;
import static org.fundflow.evaluation.TestEvents.recover;
import static org.fundflow.evaluation.TestEvents.toOrg;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** LAGGING_EXECUTION and NEGATIVE_BALANCE on money held by orgs, with exact amounts. */
class ExecutionAlertsTest extends EvaluationServiceTest {
    private static final LocalDate JAN_10 = LocalDate.of(2022, 1, 10);

    @Test
    void anOrgBehindTheScheduleLagsByItsShortfall() {
        String program = uniqueProgram("lagging");
        UUID behind = UUID.randomUUID();
        UUID onTrack = UUID.randomUUID();
        issue(toOrg(behind, null, program, 2022, Level.COUNTY, "140702", "140702-A", "榆次区甲单位", "140702",
                "10000.00", JAN_10));
        issue(toOrg(onTrack, null, program, 2022, Level.COUNTY, "140702", "140702-B", "榆次区乙单位", "140702",
                "10000.00", JAN_10));
        var first = pay(payment(behind, "140702-A", "140702", program, 2022, "3900.00", LocalDate.of(2022, 3, 1),
                "甲"));
        var last = pay(payment(onTrack, "140702-B", "140702", program, 2022, "4000.00", LocalDate.of(2022, 3, 1),
                "乙"));
        eventually().until(() -> processedCount("evaluation.payment", List.of(first.eventId(), last.eventId())) == 2
                && execution("programCode", program, "asOf", "2022-12-31").path("rows").size() == 2);

        // June: schedule 0.5000, margin 0.10 → lagging below 0.4000.
        JsonNode june = alerts("programCode", program, "asOf", "2022-06-30");
        assertThat(june.path("lagMargin").asString()).isEqualTo("0.1000");
        JsonNode lagging = alert(june, behind).orElseThrow();
        assertThat(lagging.path("type").asString()).isEqualTo("LAGGING_EXECUTION");
        assertThat(lagging.path("amount").asString()).isEqualTo("1100.00"); // 10,000.00 × 6/12 − 3,900.00
        assertThat(lagging.path("executionRate").asString()).isEqualTo("0.3900");
        assertThat(lagging.path("scheduleRate").asString()).isEqualTo("0.5000");
        assertThat(lagging.path("holderOrg").asString()).isEqualTo("140702-A");
        assertThat(lagging.path("holderOrgName").asString()).isEqualTo("榆次区甲单位");
        assertThat(lagging.path("holderRegion").asString()).isEqualTo("140702");
        assertThat(lagging.path("programCode").asString()).isEqualTo(program);
        assertThat(lagging.path("daysOverdue").isNull()).isTrue();
        assertThat(lagging.path("message").asString()).startsWith("执行进度滞后：执行率 39.00% 低于序时进度 50.00%")
                .contains("1100.00 yuan behind");
        assertThat(alert(june, onTrack)).as("0.4000 is not below 0.5000 − 0.10").isEmpty();
        assertThat(row(execution("programCode", program, "asOf", "2022-06-30"), behind).orElseThrow()
                .path("lagging").asBoolean()).as("the row says the same").isTrue();

        JsonNode yearEnd = alerts("programCode", program, "asOf", "2022-12-31");
        assertThat(alert(yearEnd, behind).orElseThrow().path("amount").asString()).isEqualTo("6100.00");
        assertThat(alert(yearEnd, onTrack).orElseThrow().path("amount").asString()).isEqualTo("6000.00");
        assertThat(yearEnd.path("alerts").get(0).path("allocationId").asString()).as("largest shortfall first")
                .isEqualTo(behind.toString());
        assertThat(alert(alerts("programCode", program, "region", "140700", "asOf", "2022-12-31"), behind))
                .as("the org's region is in 晋中").isPresent();
        assertThat(alert(alerts("programCode", program, "region", "141100", "asOf", "2022-12-31"), behind))
                .isEmpty();
    }

    /** Paid 80,000.00, then the budget cut below that: the org is overspent by the difference. */
    @Test
    void aRecoveryOrCutAfterThePaymentsLeavesANegativeBalance() {
        String program = uniqueProgram("overspent");
        UUID recovered = UUID.randomUUID();
        UUID cut = UUID.randomUUID();
        issue(toOrg(recovered, null, program, 2022, Level.COUNTY, "141102", "141102-X", "离石区某单位", "141102",
                "100000.00", JAN_10));
        issue(toOrg(cut, null, program, 2022, Level.COUNTY, "141102", "141102-Y", "离石区另一单位", "141102",
                "100000.00", JAN_10));
        var paidX = pay(payment(recovered, "141102-X", "141102", program, 2022, "80000.00", LocalDate.of(2022, 3, 1),
                "甲"));
        var paid = pay(payment(cut, "141102-Y", "141102", program, 2022, "80000.00", LocalDate.of(2022, 3, 1), "乙"));
        var recovery = recover(recovered, "30000.00", LocalDate.of(2022, 9, 1));
        var adjustment = adjust(cut, "-25000.50", LocalDate.of(2022, 9, 15));
        eventually().until(() -> processedCount("evaluation.payment", List.of(paidX.eventId(), paid.eventId())) == 2
                && processed("evaluation.allocation", recovery.eventId())
                && processed("evaluation.allocation", adjustment.eventId()));

        JsonNode august = alerts("programCode", program, "asOf", "2022-08-31");
        assertThat(alert(august, recovered)).as("80 % spent by August: on schedule").isEmpty();
        assertThat(alert(august, cut)).isEmpty();

        JsonNode september = alerts("programCode", program, "asOf", "2022-09-30");
        JsonNode overspent = alert(september, recovered).orElseThrow();
        assertThat(overspent.path("type").asString()).isEqualTo("NEGATIVE_BALANCE");
        assertThat(overspent.path("amount").asString()).isEqualTo("10000.00");
        assertThat(overspent.path("executionRate").asString()).isEqualTo("1.1429");
        assertThat(overspent.path("message").asString()).isEqualTo("超支：执行数 80000.00 元超过预算数 70000.00 元，超出 10000.00 元"
                + " / overspent: 80000.00 yuan executed against a budget of 70000.00 yuan, 10000.00 yuan over");
        JsonNode overCut = alert(september, cut).orElseThrow();
        assertThat(overCut.path("type").asString()).isEqualTo("NEGATIVE_BALANCE");
        assertThat(overCut.path("amount").asString()).isEqualTo("5000.50");

        JsonNode row = row(execution("programCode", program, "asOf", "2022-09-30"), recovered).orElseThrow();
        assertThat(row.path("budget").asString()).isEqualTo("70000.00");
        assertThat(row.path("executed").asString()).isEqualTo("80000.00");
        assertThat(row.path("executionPercent").asString()).isEqualTo("114.29%");
    }
}
