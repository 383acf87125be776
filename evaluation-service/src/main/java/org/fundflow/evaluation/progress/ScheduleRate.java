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
}
