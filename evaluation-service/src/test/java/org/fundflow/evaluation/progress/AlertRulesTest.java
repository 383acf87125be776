package org.fundflow.evaluation.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.progress.Facts.org;
import static org.fundflow.evaluation.progress.Facts.region;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static final LocalDate JAN_10 = LocalDate.of(2022, 1, 10);
    private final ProgressCalculator calculator = new ProgressCalculator(new BigDecimal("0.10"));
    private final AlertRules rules = new AlertRules(30, new BigDecimal("0.10"));
    private final UUID parent = UUID.randomUUID();
    private final UUID child = UUID.randomUUID();

    private List<Alert> alerts(List<AllocationFact> facts, LocalDate asOf) {
        return rules.evaluate(calculator.compute(facts, asOf), asOf);
    }

    @Test
    void aCentralTransferKeptPastThirtyDaysIsLate() {
        List<AllocationFact> facts = List.of(
                region(parent, null, Level.CENTRAL, "000000", "140000", "1000.00", JAN_10));
        assertThat(alerts(facts, LocalDate.of(2022, 2, 9))).isEmpty();
        List<Alert> alerts = alerts(facts, LocalDate.of(2022, 3, 1));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(Alert.LATE_PASS_DOWN);
            assertThat(a.dueOn()).isEqualTo(LocalDate.of(2022, 2, 9));
            assertThat(a.daysOverdue()).isEqualTo(20);
            assertThat(a.amount()).isEqualTo(Money.parse("1000.00"));
        });
    }

    @Test
    void aPassDownOnTheDueDayIsInTime() {
        List<AllocationFact> facts = List.of(
                region(parent, null, Level.CENTRAL, "000000", "140700", "1000.00", JAN_10),
                region(child, parent, Level.CENTRAL, "140700", "140702", "400.00", LocalDate.of(2022, 2, 9)));
        List<Alert> alerts = alerts(facts, LocalDate.of(2022, 3, 1));
        assertThat(alerts).as("the county's own 30 days run to 2022-03-11").extracting(Alert::allocationId)
                .containsExactly(parent);
        Alert forParent = alerts.get(0);
        assertThat(forParent.type()).isEqualTo(Alert.UNDISTRIBUTED_BALANCE);
        assertThat(forParent.amount()).isEqualTo(Money.parse("600.00"));
    }

    @Test
    void aPassDownAfterTheDueDateDoesNotExcuseTheDelay() {
        List<AllocationFact> facts = List.of(
                region(parent, null, Level.CENTRAL, "000000", "140000", "1000.00", JAN_10),
                Facts.withExecuted(org(child, parent, "140000", "140000", "999.99", LocalDate.of(2022, 2, 10)),
                        "999.99"));
        assertThat(alerts(facts, LocalDate.of(2022, 3, 1))).singleElement()
                .satisfies(a -> {
                    assertThat(a.type()).isEqualTo(Alert.LATE_PASS_DOWN);
                    assertThat(a.amount()).isEqualTo(Money.parse("0.01"));
                });
    }

    @Test
    void countiesAndOtherSourcesOnlyGetBalanceAlerts() {
        List<AllocationFact> facts = List.of(
                region(parent, null, Level.CENTRAL, "140700", "140702", "1000.00", JAN_10),
                region(child, null, Level.PROVINCIAL, "140000", "140700", "500.00", JAN_10));
        assertThat(alerts(facts, LocalDate.of(2022, 3, 1))).extracting(Alert::type)
                .containsOnly(Alert.UNDISTRIBUTED_BALANCE).hasSize(2);
    }

    @Test
    void spentOrgsAndFullyDistributedOrRecoveredAllocationsHaveNoAlerts() {
        List<AllocationFact> facts = List.of(
                region(parent, null, Level.CENTRAL, "000000", "140000", "1000.00", JAN_10),
                Facts.withExecuted(org(child, parent, "140000", "140000", "1000.00", LocalDate.of(2022, 1, 11)),
                        "1000.00"),
                Facts.withMovements(region(UUID.randomUUID(), null, Level.CENTRAL, "000000", "430000", "5.00",
                        JAN_10), "-5.00"));
        assertThat(alerts(facts, LocalDate.of(2022, 12, 31))).isEmpty();
    }

    @Test
    void theLimitIsConfigurable() {
        List<AllocationFact> facts = List.of(region(parent, null, Level.CENTRAL, "000000", "140000", "1.00", JAN_10));
        List<Alert> alerts = new AlertRules(15, BigDecimal.ZERO)
                .evaluate(calculator.compute(facts, LocalDate.of(2022, 1, 26)), LocalDate.of(2022, 1, 26));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.dueOn()).isEqualTo(LocalDate.of(2022, 1, 25));
            assertThat(a.message()).startsWith("中央转移支付未在15日内下达");
        });
    }

    @Test
    void anOrgBehindTheScheduleByMoreThanTheMarginLags() {
        // June: schedule 0.5000; 0.3900 < 0.4000 → lagging, 10,000.00 × 6/12 − 3,900.00 = 1,100.00 behind.
        List<AllocationFact> facts = List.of(Facts.withExecuted(
                org(child, null, "140000", "140702", "10000.00", JAN_10), "3900.00"));
        assertThat(alerts(facts, LocalDate.of(2022, 6, 30))).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(Alert.LAGGING_EXECUTION);
            assertThat(a.amount()).isEqualTo(Money.parse("1100.00"));
            assertThat(a.holderOrg()).isEqualTo("ORG");
            assertThat(a.holderRegion()).isEqualTo("140702");
            assertThat(a.executionRate()).isEqualTo("0.3900");
            assertThat(a.scheduleRate()).isEqualTo("0.5000");
            assertThat(a.dueOn()).isNull();
            assertThat(a.daysOverdue()).isNull();
            assertThat(a.message()).isEqualTo("执行进度滞后：执行率 39.00% 低于序时进度 50.00% 超过 10.00%，差额 1100.00 元"
                    + " / execution lagging: 39.00% executed against a schedule of 50.00% (margin 10.00%), "
                    + "1100.00 yuan behind");
        });
        // 0.4000 is not below 0.5000 − 0.10: within the margin.
        assertThat(alerts(List.of(Facts.withExecuted(facts.get(0), "4000.00")), LocalDate.of(2022, 6, 30)))
                .isEmpty();
    }

    @Test
    void theShortfallUsesTheExactScheduleNotItsFourDecimalDisplay() {
        // October: 10/12 of 1,200,000.00 is 1,000,000.00 (0.8333 × 1,200,000.00 would be 999,960.00).
        List<AllocationFact> facts = List.of(Facts.withExecuted(
                org(child, null, "140000", "140702", "1200000.00", JAN_10), "780000.00"));
        assertThat(alerts(facts, LocalDate.of(2022, 10, 15))).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(Alert.LAGGING_EXECUTION);
            assertThat(a.amount()).isEqualTo(Money.parse("220000.00"));
        });
        // 7/12 of 5 分 is 2.9166… 分: rounded half-up to the 分.
        List<AllocationFact> tiny = List.of(org(child, null, "140000", "140702", "0.05", JAN_10));
        assertThat(alerts(tiny, LocalDate.of(2022, 7, 1))).singleElement()
                .satisfies(a -> assertThat(a.amount()).isEqualTo(Money.parse("0.03")));
    }

    @Test
    void anOrgThatSpentMoreThanItsBudgetIsOverspentNotLagging() {
        // 80,000.00 paid, then 30,000.00 recovered: budget 70,000.00, 10,000.00 over.
        List<AllocationFact> facts = List.of(Facts.withExecuted(Facts.withMovements(
                org(child, null, "140000", "140702", "100000.00", JAN_10), "-30000.00"), "80000.00"));
        assertThat(alerts(facts, LocalDate.of(2022, 12, 31))).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(Alert.NEGATIVE_BALANCE);
            assertThat(a.amount()).isEqualTo(Money.parse("10000.00"));
            assertThat(a.message()).startsWith("超支").contains("10000.00 yuan over");
        });
        List<AllocationFact> exact = List.of(Facts.withExecuted(Facts.withMovements(
                org(child, null, "140000", "140702", "100000.00", JAN_10), "-30000.00"), "70000.00"));
        assertThat(alerts(exact, LocalDate.of(2022, 12, 31))).as("a zero balance is not overspent").isEmpty();
    }

    @Test
    void overdueDistributionComesFirstThenTheLargestExecutionAlerts() {
        UUID small = UUID.randomUUID();
        List<AllocationFact> facts = List.of(
                region(parent, null, Level.CENTRAL, "000000", "140000", "1000.00", JAN_10),
                org(child, null, "140000", "140702", "5000.00", JAN_10),
                org(small, null, "140000", "140702", "100.00", JAN_10));
        assertThat(alerts(facts, LocalDate.of(2022, 12, 31))).extracting(Alert::allocationId)
                .containsExactly(parent, child, small);
    }
}
