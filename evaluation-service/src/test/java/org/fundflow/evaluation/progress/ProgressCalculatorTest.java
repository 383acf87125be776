package org.fundflow.evaluation.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.progress.Facts.org;
import static org.fundflow.evaluation.progress.Facts.region;
import static org.fundflow.evaluation.progress.Facts.withExecuted;
import static org.fundflow.evaluation.progress.Facts.withMovements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import org.junit.jupiter.api.Test;

class ProgressCalculatorTest {
    private final ProgressCalculator calculator = new ProgressCalculator(new BigDecimal("0.10"));
    private final UUID province = UUID.randomUUID();
    private final UUID city = UUID.randomUUID();
    private final UUID county = UUID.randomUUID();
    private final UUID agency = UUID.randomUUID();

    private List<AllocationFact> chain() {
        return List.of(
                org(agency, county, "140702", "140702", "100000.00", LocalDate.of(2020, 4, 1)),
                region(county, city, Level.CENTRAL, "140700", "140702", "250000.00", LocalDate.of(2020, 3, 20)),
                region(city, province, Level.CENTRAL, "140000", "140700", "600000.00", LocalDate.of(2020, 3, 12)),
                region(province, null, Level.CENTRAL, "000000", "140000", "1000000.00", LocalDate.of(2020, 3, 2)));
    }

    private static Map<UUID, AllocationProgress> byId(List<AllocationProgress> figures) {
        return figures.stream().collect(Collectors.toMap(p -> p.fact().allocationId(), Function.identity()));
    }

    @Test
    void distributionIsTheSumOfTheChildrensBudgets() {
        Map<UUID, AllocationProgress> f = byId(calculator.compute(chain(), LocalDate.of(2020, 12, 31)));
        assertThat(f.get(province).distributed()).isEqualTo(Money.parse("600000.00"));
        assertThat(f.get(province).undistributed()).isEqualTo(Money.parse("400000.00"));
        assertThat(Rates.fraction(f.get(province).distributionRate())).isEqualTo("0.6000");
        assertThat(Rates.fraction(f.get(city).distributionRate())).isEqualTo("0.4167");
        assertThat(Rates.percent(f.get(city).distributionRate())).isEqualTo("41.67%");
        assertThat(Rates.fraction(f.get(county).distributionRate())).isEqualTo("0.4000");
        // an org allocation has reached its spending unit: fully distributed, nothing undistributed
        assertThat(Rates.fraction(f.get(agency).distributionRate())).isEqualTo("1.0000");
        assertThat(f.get(agency).distributed()).isEqualTo(Money.parse("100000.00"));
        assertThat(f.get(agency).undistributed()).isEqualTo(Money.ZERO);
    }

    @Test
    void rowsComeRootFirstAndKnowTheirDepth() {
        List<AllocationProgress> figures = calculator.compute(chain(), LocalDate.of(2020, 12, 31));
        assertThat(figures).extracting(p -> p.fact().allocationId()).containsExactly(province, city, county, agency);
        assertThat(figures).extracting(AllocationProgress::depth).containsExactly(0, 1, 2, 3);
        assertThat(figures).extracting(AllocationProgress::daysToFirstPassDown).containsExactly(10L, 8L, 12L, null);
    }

    @Test
    void movementsChangeTheBudgetAndTheParentsDistribution() {
        List<AllocationFact> facts = List.of(
                withMovements(region(province, null, Level.CENTRAL, "000000", "140000", "1000000.00",
                        LocalDate.of(2020, 3, 2)), "-0.01"),
                withMovements(region(city, province, Level.CENTRAL, "140000", "140700", "600000.00",
                        LocalDate.of(2020, 3, 12)), "-200000.00"));
        Map<UUID, AllocationProgress> f = byId(calculator.compute(facts, LocalDate.of(2020, 12, 31)));
        assertThat(f.get(province).budget()).isEqualTo(Money.parse("999999.99"));
        assertThat(f.get(province).distributed()).isEqualTo(Money.parse("400000.00"));
        assertThat(f.get(province).undistributed()).isEqualTo(Money.parse("599999.99"));
        assertThat(Rates.fraction(f.get(province).distributionRate())).isEqualTo("0.4000");
    }

    @Test
    void executionCountsTheWholeSubtree() {
        List<AllocationFact> facts = List.of(
                region(province, null, Level.CENTRAL, "000000", "140000", "6710000.00", LocalDate.of(2022, 3, 1)),
                withExecuted(org(agency, province, "140000", "141102", "6710000.00", LocalDate.of(2022, 3, 5)),
                        "2617074.57"));
        Map<UUID, AllocationProgress> f = byId(calculator.compute(facts, LocalDate.of(2022, 12, 31)));
        assertThat(f.get(agency).executed()).isEqualTo(Money.parse("2617074.57"));
        assertThat(Rates.fraction(f.get(agency).executionRate())).isEqualTo("0.3900");
        assertThat(Rates.percent(f.get(agency).executionRate())).isEqualTo("39.00%");
        assertThat(f.get(province).executed()).isEqualTo(Money.ZERO);
        assertThat(f.get(province).executedInSubtree()).isEqualTo(Money.parse("2617074.57"));
        assertThat(Rates.fraction(f.get(province).executionRate())).isEqualTo("0.3900");
        assertThat(f.get(agency).lagging()).as("0.3900 < 1.0000 - 0.10").isTrue();
    }

    @Test
    void laggingComparesTheShownRatesWithTheMargin() {
        AllocationFact a = withExecuted(org(agency, null, "140000", "140000", "1200.00", LocalDate.of(2020, 1, 2)),
                "780.00");
        // October: schedule 0.8333; 780/1200 = 0.6500 < 0.7333 → lagging.
        assertThat(calculator.compute(List.of(a), LocalDate.of(2020, 10, 15)).get(0).lagging()).isTrue();
        // 880/1200 = 0.7333, not below 0.7333.
        AllocationFact b = withExecuted(a, "880.00");
        assertThat(calculator.compute(List.of(b), LocalDate.of(2020, 10, 15)).get(0).lagging()).isFalse();
        assertThat(new ProgressCalculator(BigDecimal.ZERO).compute(List.of(b), LocalDate.of(2020, 10, 15)).get(0)
                .lagging()).isTrue();
    }

    @Test
    void aZeroBudgetGivesZeroRatesAndNeverLags() {
        AllocationFact recovered = withMovements(
                region(county, null, Level.COUNTY, "141100", "141102", "451000.00", LocalDate.of(2022, 3, 15)),
                "-451000.00");
        AllocationProgress p = calculator.compute(List.of(recovered), LocalDate.of(2022, 12, 31)).get(0);
        assertThat(p.budget()).isEqualTo(Money.ZERO);
        assertThat(Rates.fraction(p.distributionRate())).isEqualTo("0.0000");
        assertThat(Rates.fraction(p.executionRate())).isEqualTo("0.0000");
        assertThat(Rates.percent(p.executionRate())).isEqualTo("0.00%");
        assertThat(p.lagging()).isFalse();
    }

    @Test
    void allocationsIssuedAfterAsOfAreNeitherRowsNorChildren() {
        Map<UUID, AllocationProgress> f = byId(calculator.compute(chain(), LocalDate.of(2020, 3, 15)));
        assertThat(f).containsOnlyKeys(province, city);
        assertThat(f.get(city).distributed()).isEqualTo(Money.ZERO);
        assertThat(f.get(city).firstChildIssuedOn()).isNull();
    }

    @Test
    void aChildWithoutItsParentIsARootForNow() {
        List<AllocationFact> facts = chain().subList(0, 2); // agency and county, parents not arrived
        List<AllocationProgress> figures = calculator.compute(facts, LocalDate.of(2020, 12, 31));
        assertThat(figures).extracting(p -> p.fact().allocationId()).containsExactly(county, agency);
        assertThat(figures.get(0).depth()).isZero();
        assertThat(figures.get(0).distributed()).isEqualTo(Money.parse("100000.00"));
    }

    @Test
    void aParentCycleInBadDataStillTerminates() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<AllocationFact> facts = List.of(
                region(a, b, Level.CENTRAL, "000000", "140000", "10.00", LocalDate.of(2020, 1, 1)),
                region(b, a, Level.CENTRAL, "140000", "140700", "5.00", LocalDate.of(2020, 1, 2)));
        assertThat(calculator.compute(facts, LocalDate.of(2020, 12, 31))).hasSize(2);
    }
}
