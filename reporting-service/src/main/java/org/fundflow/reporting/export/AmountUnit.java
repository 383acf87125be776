package org.fundflow.reporting.export;

import java.math.BigDecimal;
import java.util.Locale;
import org.fundflow.contracts.Money;
import org.fundflow.platform.web.ApiProblem;

/**
 * The unit a table prints amounts in. Sums are always made in exact 分 and converted last, so a 万元 total is the
 * rounded exact sum, which can differ from the sum of the rounded rows: such tables carry {@link #ROUNDING_NOTE}.
 */
public enum AmountUnit {
    YUAN("元"),
    WAN("万元");

    /** The note the published tables print under a table converted to 万元. */
    public static final String ROUNDING_NOTE = "本表金额单位转换时可能存在尾数误差";

    private final String label;

    AmountUnit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** "单位：元" / "单位：万元", the line under a published table's title. */
    public String unitLine() {
        return "单位：" + label;
    }

    /** The note to print under the table, or null when nothing was converted. */
    public String note() {
        return this == WAN ? ROUNDING_NOTE : null;
    }

    /** Two decimals in this unit; 万元 rounded half-up from the exact 分. */
    public BigDecimal convert(Money amount) {
        return this == WAN ? amount.toWan() : amount.toYuan();
    }

    public String format(Money amount) {
        return convert(amount).toPlainString();
    }

    /** The {@code unit} query parameter: yuan (default) or wan; 元 and 万元 are accepted too. */
    public static AmountUnit parse(String value) {
        if (value == null) {
            return YUAN;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "yuan", "元" -> YUAN;
            case "wan", "万元" -> WAN;
            default -> throw ApiProblem.invalid("unit", "unit must be yuan or wan, not '"
                    + (value.length() <= 40 ? value : value.substring(0, 40) + "…") + "'");
        };
    }
}
