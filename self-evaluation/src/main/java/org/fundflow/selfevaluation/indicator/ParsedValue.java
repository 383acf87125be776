package org.fundflow.selfevaluation.indicator;

import java.math.BigDecimal;

/** What a target or actual value says, as read by {@link ValueParser}. */
public sealed interface ParsedValue {

    /** The text as written. */
    String text();

    /**
     * A number with an optional comparison and unit: "≥85%", "≤200次", "122.59万元" (value 122.59, multiplier 10000,
     * unit 元), "0.95" (no unit).
     */
    record Quantity(String text, Comparison comparison, BigDecimal value, BigDecimal multiplier, Unit unit)
            implements ParsedValue {
        /** The value times its multiplier (万 = 10 000, 亿 = 10^8). */
        public BigDecimal base() {
            return value.multiply(multiplier);
        }
    }

    /** A target relative to an earlier period: "不低于上年", "上年度平均水平". */
    record Relative(String text, Comparison comparison, String reference) implements ParsedValue {
    }

    /** Words only: "有效缓解", "逐步拓展", "不晚于年底". Scored by tier. */
    record Qualitative(String text) implements ParsedValue {
    }
}
