package org.fundflow.selfevaluation.template;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The three tiers of a qualitative indicator, as quoted in every 离石 2022 report: 达成年度指标 / 部分达成年度指标并具有一定成效 /
 * 未达成年度指标且效果较差. The share of the weight each tier allows is template data ({@link Template.TierBand}).
 */
public enum Tier {
    ACHIEVED("达成"),
    PARTIALLY_ACHIEVED("部分达成"),
    NOT_ACHIEVED("未达成");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the enum name or the Chinese label ("部分达成"). */
    @JsonCreator
    public static Tier parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        for (Tier t : values()) {
            if (t.name().equalsIgnoreCase(s) || t.label.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a tier: use 达成, 部分达成 or 未达成");
    }
}
