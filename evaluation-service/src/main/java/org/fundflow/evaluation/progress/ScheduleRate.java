package org.fundflow.evaluation.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * 序时进度: the share of the fiscal year (the calendar year in China) that has elapsed, counted in months as the
 * finance bureaus do: in month m the schedule is m/12, so a fund is expected to be fully spent in December.
 */
final class ScheduleRate {
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    private ScheduleRate() {
    }

    /** @return a fraction with four decimals: 0 before the fiscal year, 1 after it */
    static BigDecimal at(int fiscalYear, LocalDate asOf) {
        if (asOf.getYear() < fiscalYear) {
            return BigDecimal.ZERO.setScale(4);
        }
        if (asOf.getYear() > fiscalYear) {
            return BigDecimal.ONE.setScale(4);
        }
        return BigDecimal.valueOf(asOf.getMonthValue()).divide(TWELVE, 4, RoundingMode.HALF_UP);
    }

    /**
     * What should have been spent by {@code asOf}: budget × month/12, from the exact fraction (not its four-decimal
     * display, which would make 10/12 of 1,200,000.00 come out 40 元 short), rounded half-up to the 分.
     */
    static long expectedCents(long budgetCents, int fiscalYear, LocalDate asOf) {
        if (asOf.getYear() < fiscalYear) {
            return 0;
        }
        if (asOf.getYear() > fiscalYear) {
            return budgetCents;
        }
        return BigDecimal.valueOf(budgetCents).multiply(BigDecimal.valueOf(asOf.getMonthValue()))
                .divide(TWELVE, 0, RoundingMode.HALF_UP).longValueExact();
    }
}
