package org.fundflow.selfevaluation.scoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.math.BigDecimal;
import org.fundflow.selfevaluation.template.Template;

/**
 * 评价等次. The bands (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below) are the template's; none of the seed documents states them, they
 * are the common convention and match every printed total and grade pair found.
 */
public enum Grade {
    EXCELLENT("优"),
    GOOD("良"),
    FAIR("中"),
    POOR("差");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Grade of(BigDecimal total, Template.GradeBands bands) {
        if (total.compareTo(bands.excellent()) >= 0) {
            return EXCELLENT;
        }
        if (total.compareTo(bands.good()) >= 0) {
            return GOOD;
        }
        return total.compareTo(bands.fair()) >= 0 ? FAIR : POOR;
    }

    /** Accepts the enum name or the label ("优"). */
    @JsonCreator
    public static Grade parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        for (Grade g : values()) {
            if (g.name().equalsIgnoreCase(s) || g.label.equals(s)) {
                return g;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a grade: use 优, 良, 中 or 差");
    }
}
