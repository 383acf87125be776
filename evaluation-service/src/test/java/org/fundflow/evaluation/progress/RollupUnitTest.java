package org.fundflow.evaluation.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.progress.Facts.org;
import static org.fundflow.evaluation.progress.Facts.region;
import static org.fundflow.evaluation.progress.Facts.withExecuted;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RollupUnitTest {
    private static final LocalDate MARCH = LocalDate.of(2021, 3, 1);
    private final ProgressCalculator calculator = new ProgressCalculator(new BigDecimal("0.10"));
    private final Rollup rollup = new Rollup(calculator);

    @ParameterizedTest
    @CsvSource({
            "000000, 000000, 000000", "000000, 140000, 140000", "000000, 140702, 140000", "000000, 430121, 430000",
            "140000, 140000, 140000", "140000, 140700, 140700", "140000, 140702, 140700", "140000, 140171, 140100",
            "140700, 140700, 140700", "140700, 140702, 140702", "140702, 140702, 140702"})
    void regionKeysAreTheScopesChildren(String scope, String code, String key) {
        assertThat(Rollup.regionKey(RegionScope.of(scope), code)).isEqualTo(key);
    }

    @Test
    void unknownRegionsAndOddCodesKeepTheirOwnKey() {
        assertThat(Rollup.regionKey(RegionScope.EVERYWHERE, null)).isEqualTo(Rollup.UNKNOWN);
        assertThat(Rollup.regionKey(RegionScope.EVERYWHERE, "14")).isEqualTo("14");
    }

    @ParameterizedTest
    @CsvSource({"2101301, 3, 210", "2101301, 5, 21013", "2101301, 7, 2101301", "210, 5, 210", "21013, 7, 21013"})
    void functionCodesAreCutToTheirClassSectionOrItem(String code, int depth, String key) {
        assertThat(Rollup.functionKey(code, depth)).isEqualTo(key);
    }

    @Test
    void withoutDepthAFunctionCodeIsKeptWholeAndAMissingOneIsUnknown() {
        assertThat(Rollup.functionKey("2101301", null)).isEqualTo("2101301");
        assertThat(Rollup.functionKey(null, 3)).isEqualTo(Rollup.UNKNOWN);
        assertThat(Rollup.functionKey(" ", null)).isEqualTo(Rollup.UNKNOWN);
    }

    /** A region allocation and the org allocations under it: the orgs' money counts, the region's is beside it. */
    @Test
    void moneyIsCountedOnceAtTheOrgsAndWhatRegionsKeepIsBesideIt() {
        UUID province = UUID.randomUUID();
        List<AllocationFact> facts = List.of(
                region(province, null, Level.CENTRAL, "000000", "140000", "1000.00", MARCH),
                withExecuted(org(UUID.randomUUID(), province, "140000", "140702", "600.00", MARCH), "300.00"),
                withExecuted(org(UUID.randomUUID(), province, "140000", "140000", "100.00", MARCH), "100.00"));
        RollupReport report = compute(facts, RollupDimension.REGION, null, RegionScope.of("140000"),
                LocalDate.of(2021, 12, 31));
        assertThat(report.rows()).extracting(RollupReport.Row::key).containsExactly("140000", "140700");
        RollupReport.Row own = report.rows().get(0);
        assertThat(own.budget()).isEqualTo(Money.parse("100.00"));
        assertThat(own.undistributedHeld()).isEqualTo(Money.parse("300.00"));
        assertThat(own.name()).isEqualTo("140000");
        RollupReport.Row city = report.rows().get(1);
        assertThat(city.budget()).isEqualTo(Money.parse("600.00"));
        assertThat(city.executed()).isEqualTo(Money.parse("300.00"));
        assertThat(city.executionRate()).isEqualTo("0.5000");
        assertThat(city.name()).as("named by the lookup").isEqualTo("晋中市");
        assertThat(report.totals().budget()).isEqualTo(Money.parse("700.00"));
        assertThat(report.totals().executed()).isEqualTo(Money.parse("400.00"));
        assertThat(report.totals().undistributedHeld()).isEqualTo(Money.parse("300.00"));
        assertThat(report.totals().allocations()).isEqualTo(2);
    }

    /** No fiscal year asked: a row mixing years is due by the budget-weighted mean of their schedules. */
    @Test
    void aRowMixingFiscalYearsWeighsTheSchedulesByBudget() {
        AllocationFact last = org(UUID.randomUUID(), null, "140000", "140702", "1000.00", LocalDate.of(2020, 3, 1));
        AllocationFact current = org(UUID.randomUUID(), null, "140000", "140702", "3000.00", MARCH);
        RollupReport report = compute(List.of(withExecuted(last, "1000.00"), withExecuted(current, "1000.00")),
                RollupDimension.PROGRAM, null, RegionScope.EVERYWHERE, LocalDate.of(2021, 6, 30));
        RollupReport.Row row = report.rows().get(0);
        // 2020: 1.0000 of 1,000.00; 2021 in June: 0.5000 of 3,000.00 → 2,500.00 of 4,000.00 due.
        assertThat(row.scheduleRate()).isEqualTo("0.6250");
        assertThat(row.executionRate()).isEqualTo("0.5000");
        assertThat(row.lagging()).as("0.5000 is below 0.6250 − 0.10").isTrue();
        assertThat(row.name()).isEqualTo("程序");
    }

    @Test
    void theLookupIsAskedOnlyForNamesTheFactsLack() {
        List<Set<String>> asked = new ArrayList<>();
        AllocationFact a = org(UUID.randomUUID(), null, "140000", "140000", "1.00", MARCH); // from 140000 named "140000"
        AllocationFact b = org(UUID.randomUUID(), null, "000000", "430121", "1.00", MARCH);
        rollup.compute(calculator.compute(List.of(a, b), MARCH), new Rollup.Spec(RollupDimension.REGION, null,
                RegionScope.EVERYWHERE, null), query(MARCH), new BigDecimal("0.10"), codes -> {
                    asked.add(codes);
                    return Map.of();
                });
        assertThat(asked).containsExactly(Set.of("430000"));
    }

    private RollupReport compute(List<AllocationFact> facts, RollupDimension by, Integer depth, RegionScope scope,
            LocalDate asOf) {
        return rollup.compute(calculator.compute(facts, asOf), new Rollup.Spec(by, depth, scope, null), query(asOf),
                new BigDecimal("0.10"), codes -> Map.of("140700", "晋中市"));
    }

    private static ProgressQuery query(LocalDate asOf) {
        return new ProgressQuery(null, null, RegionScope.EVERYWHERE, asOf);
    }
}
