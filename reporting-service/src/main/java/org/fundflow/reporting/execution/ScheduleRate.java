package org.fundflow.reporting.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** 序时进度: the elapsed share of the fiscal year at a date, by month (month m of 12 → m/12). */
final class ScheduleRate {
    private ScheduleRate() {
    }

    static BigDecimal at(int fiscalYear, LocalDate asOf) {
        if (asOf.getYear() < fiscalYear) {
            return BigDecimal.ZERO.setScale(4);
        }
        if (asOf.getYear() > fiscalYear) {
            return BigDecimal.ONE.setScale(4);
        }
        return BigDecimal.valueOf(asOf.getMonthValue()).divide(BigDecimal.valueOf(12), 4, RoundingMode.HALF_UP);
    }
}
