package org.fundflow.reporting.classification;

/** The levels of a classification code; the level is given by the code's length (3, 5 or 7 digits). */
public enum Tier {
    /** 类: three digits, e.g. 210 卫生健康支出. */
    CLASS(3, "类"),
    /** 款: five digits, e.g. 21013 医疗救助. */
    SECTION(5, "款"),
    /** 项: seven digits, e.g. 2101301 城乡医疗救助. */
    ITEM(7, "项");

    private final int digits;
    private final String label;

    Tier(int digits, String label) {
        this.digits = digits;
        this.label = label;
    }

    public int digits() {
        return digits;
    }

    public String label() {
        return label;
    }

    /** The tier of a code of digits, or null when its length is not 3, 5 or 7 or it is not all digits. */
    public static Tier of(String code) {
        if (code == null || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        for (Tier t : values()) {
            if (t.digits == code.length()) {
                return t;
            }
        }
        return null;
    }
}
