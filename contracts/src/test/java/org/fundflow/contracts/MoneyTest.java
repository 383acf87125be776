package org.fundflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"3250000, 325000000, 3250000.00", "3250000.5, 325000050, 3250000.50",
            "3250000.50, 325000050, 3250000.50", "0.01, 1, 0.01", "-50000.00, -5000000, -50000.00",
            "10000000000000, 1000000000000000, 10000000000000.00"})
    void parsesAmountsInYuanExactly(String text, long cents, String printed) {
        Money m = Money.parse(text);
        assertThat(m.cents()).isEqualTo(cents);
        assertThat(m.toString()).isEqualTo(printed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.345", "1e5", "1E5", "01", "+5", "1,000", "abc", "", " ", "10000000000000.01",
            "99999999999999", "0x10", "NaN", "1.", ".5"})
    void rejectsWhatIsNotAnAmount(String text) {
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(Money.InvalidAmountException.class);
    }

    @Test
    void ratesAreFourDecimalsHalfUpAndZeroBudgetIsZero() {
        // 离石 2022 省级财政医疗救助补助资金: 2,617,074.57 / 6,710,000.00 = 39.00 % (printed 40.49 %)
        assertThat(Rates.fraction(Money.parse("2617074.57").ratioTo(Money.parse("6710000.00")))).isEqualTo("0.3900");
        assertThat(Rates.percent(Money.parse("2617074.57").ratioTo(Money.parse("6710000.00")))).isEqualTo("39.00%");
        // 能力提升 54,100 / 150,000 = 36.07 % (printed 36.10 %)
        assertThat(Rates.percent(Money.parse("54100").ratioTo(Money.parse("150000")))).isEqualTo("36.07%");
        // department: 7,035,950.57 / 12,898,000 = 54.55 % (printed "55%")
        assertThat(Rates.percent(Money.parse("7035950.57").ratioTo(Money.parse("12898000")))).isEqualTo("54.55%");
        assertThat(Rates.fraction(Money.parse("5").ratioTo(Money.ZERO))).isEqualTo("0.0000");
    }

    @Test
    void wanIsRoundedFromExactFen() {
        assertThat(Money.parse("2617074.57").toWan()).isEqualByComparingTo("261.71");
        assertThat(Money.parse("7824626.42").toWan()).isEqualByComparingTo("782.46");
    }

    @Test
    void levelsFollowTheRegionCode() {
        assertThat(Level.ofRegionCode("000000")).isEqualTo(Level.CENTRAL);
        assertThat(Level.ofRegionCode("140000")).isEqualTo(Level.PROVINCIAL);
        assertThat(Level.ofRegionCode("141100")).isEqualTo(Level.CITY);
        assertThat(Level.ofRegionCode("141102")).isEqualTo(Level.COUNTY);
    }
}
