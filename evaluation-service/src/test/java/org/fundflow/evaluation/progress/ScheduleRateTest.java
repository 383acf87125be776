package org.fundflow.evaluation.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.fundflow.contracts.Rates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleRateTest {

    @ParameterizedTest
    @CsvSource({
            "2020-01-01, 0.0833", "2020-01-31, 0.0833", "2020-02-29, 0.1667", "2020-03-01, 0.2500",
            "2020-06-30, 0.5000", "2020-09-30, 0.7500", "2020-10-15, 0.8333", "2020-11-01, 0.9167",
            "2020-12-01, 1.0000", "2020-12-31, 1.0000"})
    void withinTheFiscalYearItIsTheMonthOverTwelve(LocalDate asOf, String expected) {
        assertThat(Rates.fraction(ScheduleRate.at(2020, asOf))).isEqualTo(expected);
    }

    @Test
    void beforeTheFiscalYearNothingIsDue() {
        assertThat(Rates.fraction(ScheduleRate.at(2021, LocalDate.of(2020, 12, 31)))).isEqualTo("0.0000");
        assertThat(Rates.fraction(ScheduleRate.at(2021, LocalDate.of(2019, 6, 1)))).isEqualTo("0.0000");
    }

    @Test
    void afterTheFiscalYearEverythingIsDue() {
        assertThat(Rates.fraction(ScheduleRate.at(2020, LocalDate.of(2021, 1, 1)))).isEqualTo("1.0000");
        assertThat(Rates.fraction(ScheduleRate.at(2020, LocalDate.of(2025, 7, 1)))).isEqualTo("1.0000");
    }

    @Test
    void whatShouldBeSpentIsTheExactShareOfTheBudgetToTheFen() {
        assertThat(ScheduleRate.expectedCents(120_000_000, 2020, LocalDate.of(2020, 10, 15))).isEqualTo(100_000_000);
        assertThat(ScheduleRate.expectedCents(5, 2020, LocalDate.of(2020, 7, 1))).as("35/12 = 2.92 分").isEqualTo(3);
        assertThat(ScheduleRate.expectedCents(5, 2020, LocalDate.of(2020, 5, 1))).as("25/12 = 2.08 分").isEqualTo(2);
        assertThat(ScheduleRate.expectedCents(5, 2021, LocalDate.of(2020, 12, 31))).isZero();
        assertThat(ScheduleRate.expectedCents(5, 2019, LocalDate.of(2020, 1, 1))).isEqualTo(5);
    }
}
