package org.fundflow.selfevaluation.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.fundflow.selfevaluation.template.Template;
import org.fundflow.selfevaluation.template.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradeTest {
    static final Template.GradeBands BANDS = Templates.national().grades();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"100.00, EXCELLENT", "90.00, EXCELLENT", "90, EXCELLENT", "89.99, GOOD", "80.00, GOOD", "79.99, FAIR",
            "60.00, FAIR", "59.99, POOR", "0.00, POOR", "36.00, POOR", "40.00, POOR"})
    void bandsAreInclusiveAtTheirLowerBound(String total, Grade grade) {
        assertThat(Grade.of(new BigDecimal(total), BANDS)).isEqualTo(grade);
    }

    @Test
    void bandsAreTemplateData() {
        Template.GradeBands strict = new Template.GradeBands(new BigDecimal("95"), new BigDecimal("85"),
                new BigDecimal("70"));
        assertThat(Grade.of(new BigDecimal("94.99"), strict)).isEqualTo(Grade.GOOD);
        assertThat(Grade.of(new BigDecimal("69.99"), strict)).isEqualTo(Grade.POOR);
        assertThatThrownBy(() -> new Template.GradeBands(new BigDecimal("80"), new BigDecimal("90"),
                new BigDecimal("60"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsAndNamesParse() {
        assertThat(Grade.parse("优")).isEqualTo(Grade.EXCELLENT);
        assertThat(Grade.parse("良")).isEqualTo(Grade.GOOD);
        assertThat(Grade.parse("中")).isEqualTo(Grade.FAIR);
        assertThat(Grade.parse("差")).isEqualTo(Grade.POOR);
        assertThat(Grade.parse("good")).isEqualTo(Grade.GOOD);
        assertThat(Grade.parse(" ")).isNull();
        assertThatThrownBy(() -> Grade.parse("合格")).isInstanceOf(IllegalArgumentException.class);
    }
}
