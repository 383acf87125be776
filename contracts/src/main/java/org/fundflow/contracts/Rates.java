package org.fundflow.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rates travel as strings: a fraction with four decimals ("0.3900") and a display percent ("39.00%"). */
public final class Rates {
    private Rates() {
    }

    public static String fraction(BigDecimal rate) {
        return rate.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    public static String percent(BigDecimal rate) {
        return rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
