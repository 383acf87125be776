package org.fundflow.evaluation.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegionScopeTest {

    @Test
    void theCentreCoversEverything() {
        RegionScope all = RegionScope.of("000000");
        assertThat(all.contains("000000")).isTrue();
        assertThat(all.contains("140000")).isTrue();
        assertThat(all.contains("430102")).isTrue();
        assertThat(all.contains(null)).as("even an unknown region").isTrue();
    }

    @Test
    void aProvinceCoversItsCitiesAndCounties() {
        RegionScope shanxi = RegionScope.of("140000");
        assertThat(shanxi.contains("140000")).isTrue();
        assertThat(shanxi.contains("140700")).isTrue();
        assertThat(shanxi.contains("140702")).isTrue();
        assertThat(shanxi.contains("141102")).isTrue();
        assertThat(shanxi.contains("430000")).isFalse();
        assertThat(shanxi.contains("000000")).isFalse();
        assertThat(shanxi.contains(null)).isFalse();
    }

    @Test
    void aCityCoversItsCountiesOnly() {
        RegionScope jinzhong = RegionScope.of("140700");
        assertThat(jinzhong.contains("140700")).isTrue();
        assertThat(jinzhong.contains("140702")).isTrue();
        assertThat(jinzhong.contains("140781")).isTrue();
        assertThat(jinzhong.contains("140500")).isFalse();
        assertThat(jinzhong.contains("140000")).as("not its province").isFalse();
        assertThat(jinzhong.contains("141102")).isFalse();
    }

    @Test
    void aCountyIsJustItself() {
        RegionScope yuci = RegionScope.of("140702");
        assertThat(yuci.contains("140702")).isTrue();
        assertThat(yuci.contains("140703")).isFalse();
        assertThat(yuci.contains("140700")).isFalse();
        assertThat(yuci.contains("1407021")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "14070", "1407000", "abcdef", "14o700", " 140700", "１４０７００"})
    void anythingButSixDigitsIsRejected(String code) {
        assertThatThrownBy(() -> RegionScope.of(code)).isInstanceOf(IllegalArgumentException.class);
    }
}
