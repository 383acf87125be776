package org.fundflow.reporting.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.export.PublishedTable;

/**
 * 分地区: one row per child region of {@code region} (and one for the region's own level, 本级, when its own orgs
 * have figures). budget = 下达金额, the budgets of the allocations to orgs in the row's subtree (org allocations
 * only, so each 元 counts once); executed = 支出金额; executionRate = 支出进度; scheduleRate = 序时进度. Amounts are
 * strings in {@code unit}; the CSV and XLSX rows are exactly these rows.
 */
record ByRegionReport(String title, int fiscalYear, String programCode, String programName, RegionRef region,
        LocalDate asOf, String unit, String note, String scheduleRate, String schedulePercent, Instant generatedAt,
        List<Row> rows, Total total) {

    static final List<String> HEADER = List.of("地区编码", "地区名称", "下达金额", "支出金额", "支出进度", "支出进度（%）",
            "序时进度", "序时进度（%）");

    record Row(String regionCode, String regionName, String budget, String executed, String executionRate,
            String executionPercent, String scheduleRate, String schedulePercent) {
    }

    record Total(String budget, String executed, String executionRate, String executionPercent,
            String scheduleRate, String schedulePercent) {
    }

    PublishedTable table(AmountUnit amountUnit) {
        List<List<PublishedTable.Cell>> cells = rows.stream().map(r -> List.of(
                PublishedTable.text(r.regionCode()), PublishedTable.text(r.regionName()),
                PublishedTable.amount(new BigDecimal(r.budget())), PublishedTable.amount(new BigDecimal(r.executed())),
                PublishedTable.fraction(r.executionRate()), PublishedTable.percent(r.executionPercent()),
                PublishedTable.fraction(r.scheduleRate()), PublishedTable.percent(r.schedulePercent()))).toList();
        List<PublishedTable.Cell> totalRow = List.of(PublishedTable.text(PublishedTable.TOTAL_LABEL),
                PublishedTable.text(null), PublishedTable.amount(new BigDecimal(total.budget())),
                PublishedTable.amount(new BigDecimal(total.executed())), PublishedTable.fraction(total.executionRate()),
                PublishedTable.percent(total.executionPercent()), PublishedTable.fraction(total.scheduleRate()),
                PublishedTable.percent(total.schedulePercent()));
        return new PublishedTable(title, amountUnit, HEADER, cells, totalRow);
    }
}
