package org.fundflow.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * An exact amount of money in 分 (cents). On the wire it is a string in 元 with two decimals ("3250000.00"),
 * never a JSON number, so no client or consumer ever rounds it through a double.
 */
public record Money(long cents) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);
    /** 10^13 元: above any real budget line, well inside a long of 分. */
    public static final long MAX_CENTS = 1_000_000_000_000_000L;

    private static final Pattern YUAN = Pattern.compile("-?(0|[1-9][0-9]{0,13})(\\.[0-9]{1,2})?");

    /**
     * Parses an amount in 元 as written in the API: digits with at most two decimals, an optional leading minus.
     *
     * @throws InvalidAmountException with a message a clerk can act on
     */
    @JsonCreator
    public static Money parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidAmountException("is required (a string in 元, e.g. \"3250000.00\")");
        }
        String s = text.strip();
        if (!YUAN.matcher(s).matches()) {
            throw new InvalidAmountException("'" + abbreviate(s)
                    + "' is not an amount in 元: use digits with at most two decimals, e.g. \"3250000.50\"");
        }
        BigDecimal value = new BigDecimal(s).setScale(2, RoundingMode.UNNECESSARY);
        BigDecimal cents = value.movePointRight(2);
        if (cents.abs().compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
            throw new InvalidAmountException("must not exceed 10000000000000 元 (10^13)");
        }
        return new Money(cents.longValueExact());
    }

    public static Money ofYuan(String text) {
        return parse(text);
    }

    public static Money ofCents(long cents) {
        return new Money(cents);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(cents, other.cents));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(cents, other.cents));
    }

    public Money negate() {
        return new Money(-cents);
    }

    public boolean isPositive() {
        return cents > 0;
    }

    public boolean isNegative() {
        return cents < 0;
    }

    public boolean isZero() {
        return cents == 0;
    }

    public BigDecimal toYuan() {
        return BigDecimal.valueOf(cents, 2);
    }

    /** 万元 with two decimals, rounded half-up from the exact 分 (for the published tables). */
    public BigDecimal toWan() {
        return BigDecimal.valueOf(cents, 6).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * This amount divided by {@code denominator}, as a fraction with four decimals ("0.3900"), rounded half-up.
     * A zero denominator gives zero: a fund with no budget has nothing to execute.
     */
    public BigDecimal ratioTo(Money denominator) {
        if (denominator.cents == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(denominator.cents), 4, RoundingMode.HALF_UP);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(cents, other.cents);
    }

    @JsonValue
    @Override
    public String toString() {
        return toYuan().toPlainString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** A malformed or out-of-range amount; the message completes "amount ...". */
    public static final class InvalidAmountException extends IllegalArgumentException {
        public InvalidAmountException(String message) {
            super(message);
        }
    }
}
