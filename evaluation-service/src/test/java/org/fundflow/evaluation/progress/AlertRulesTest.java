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
    private final AlertRules rules = new AlertRules(30);
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
                org(child, parent, "140000", "140000", "999.99", LocalDate.of(2022, 2, 10)));
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
    void orgsAndFullyDistributedOrRecoveredAllocationsHaveNoAlerts() {
        List<AllocationFact> facts = List.of(
                region(parent, null, Level.CENTRAL, "000000", "140000", "1000.00", JAN_10),
                org(child, parent, "140000", "140000", "1000.00", LocalDate.of(2022, 1, 11)),
                Facts.withMovements(region(UUID.randomUUID(), null, Level.CENTRAL, "000000", "430000", "5.00",
                        JAN_10), "-5.00"));
        assertThat(alerts(facts, LocalDate.of(2022, 12, 31))).isEmpty();
    }

    @Test
    void theLimitIsConfigurable() {
        List<AllocationFact> facts = List.of(region(parent, null, Level.CENTRAL, "000000", "140000", "1.00", JAN_10));
        List<Alert> alerts = new AlertRules(15).evaluate(calculator.compute(facts, LocalDate.of(2022, 1, 26)),
                LocalDate.of(2022, 1, 26));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.dueOn()).isEqualTo(LocalDate.of(2022, 1, 25));
            assertThat(a.message()).startsWith("中央转移支付未在15日内下达");
        });
    }
}
