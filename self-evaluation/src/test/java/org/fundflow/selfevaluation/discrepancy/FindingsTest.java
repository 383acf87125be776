package org.fundflow.selfevaluation.discrepancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindingsTest {

    /** A printed figure agrees when the recomputed one, rounded half-up to the printed decimals, equals it. */
    @ParameterizedTest(name = "printed {0}, recomputed {1} → {2}")
    @CsvSource({"55, 54.55, true", "54, 54.55, false", "40.49, 39.0030, false", "39.00, 39.0030, true",
            "36.10, 36.0667, false", "36.07, 36.0667, true", "36, 36.07, true", "40, 39.00, false", "3.0, 3.00, true",
            "100, 100.00, true", "0, 0.00, true", "0, 96.70, false", "6.7, 6.67, true", "7, 6.67, true"})
    void agreesAtThePrintedPrecision(String printed, String recomputed, boolean agrees) {
        assertThat(Findings.agrees(new BigDecimal(printed), new BigDecimal(recomputed))).isEqualTo(agrees);
    }

    @ParameterizedTest
    @CsvSource({"40, 39.00, 39.00", "20, 0, 0.00", "0, 100, 100.00"})
    void aDisagreementIsRecordedWithTheRecomputedScoreToTwoDecimals(String printed, String recomputed, String shown) {
        Findings f = new Findings();
        assertThat(f.compareScore(Discrepancy.Figure.ROW_SCORE, "x", new BigDecimal(printed),
                new BigDecimal(recomputed), "rule")).isTrue();
        assertThat(f.discrepancies()).containsExactly(new Discrepancy(Discrepancy.Figure.ROW_SCORE, "x", printed,
                shown, "rule"));
        assertThat(f.compareScore(Discrepancy.Figure.ROW_SCORE, "x", null, BigDecimal.ONE, "rule")).isFalse();
    }
}
