package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionsTest {

    @Test
    void subtree_prefixes_follow_the_code_levels() {
        assertThat(Regions.prefix("000000")).isNull();
        assertThat(Regions.prefix("140000")).isEqualTo("14");
        assertThat(Regions.prefix("140700")).isEqualTo("1407");
        assertThat(Regions.prefix("140702")).isEqualTo("140702");
        assertThat(Regions.contains("140000", "141102")).isTrue();
        assertThat(Regions.contains("140700", "141102")).isFalse();
        assertThat(Regions.contains("000000", null)).isTrue();
        assertThat(Regions.contains("140700", null)).isFalse();
    }

    @Test
    void a_code_falls_into_the_child_row_of_the_region_or_its_own_level() {
        assertThat(Regions.childOf("000000", "141102")).isEqualTo("140000");
        assertThat(Regions.childOf("000000", "000000")).isEqualTo("000000");
        assertThat(Regions.childOf("140000", "141102")).isEqualTo("141100");
        assertThat(Regions.childOf("140000", "141100")).isEqualTo("141100");
        assertThat(Regions.childOf("140000", "140000")).isEqualTo("140000");
        assertThat(Regions.childOf("141100", "141102")).isEqualTo("141102");
        assertThat(Regions.childOf("141100", "141100")).isEqualTo("141100");
        assertThat(Regions.childOf("141102", "141102")).isEqualTo("141102");
        assertThat(Regions.childOf("000000", "ORG-X")).isEqualTo("ORG-X");
        assertThat(Regions.childOf("000000", null)).isNull();
    }

    @Test
    void only_six_digits_are_a_region_code() {
        assertThat(Regions.isCode("140700")).isTrue();
        assertThat(Regions.isCode("14070")).isFalse();
        assertThat(Regions.isCode("14070a")).isFalse();
        assertThat(Regions.isCode("14070%")).isFalse();
        assertThat(Regions.isCode(null)).isFalse();
    }

    @Test
    void the_schedule_rate_is_elapsed_months_of_twelve() {
        assertThat(ScheduleRate.at(2022, java.time.LocalDate.parse("2021-12-31"))).hasToString("0.0000");
        assertThat(ScheduleRate.at(2022, java.time.LocalDate.parse("2022-01-15"))).hasToString("0.0833");
        assertThat(ScheduleRate.at(2022, java.time.LocalDate.parse("2022-06-30"))).hasToString("0.5000");
        assertThat(ScheduleRate.at(2022, java.time.LocalDate.parse("2022-12-31"))).hasToString("1.0000");
        assertThat(ScheduleRate.at(2022, java.time.LocalDate.parse("2023-03-01"))).hasToString("1.0000");
    }
}
