package org.fundflow.reporting.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.export.PublishedTable;

/**
 * 分资金: one row per program. budget = the money that entered the scope for the program (each 元 once: for the
 * whole country the ledger's root budgets, for a region the allocations into its subtree); executed = payments −
 * reversals of the orgs in the scope; executionRate = executed / budget. sourceLevel is the 资金来源 of the
 * entering allocations (comma-separated if they differ). Amounts are strings in {@code unit}; the CSV and XLSX rows
 * are exactly these rows.
 */
record ByFundReport(String title, int fiscalYear, RegionRef region, LocalDate asOf, String unit, String note,
        String scheduleRate, String schedulePercent, Instant generatedAt, List<Row> rows, Total total) {

    static final List<String> HEADER = List.of("项目编码", "项目名称", "资金性质", "资金来源", "预算金额", "支出金额",
            "执行率", "执行率（%）");

    record Row(String programCode, String programName, String fundType, String sourceLevel, String budget,
            String executed, String executionRate, String executionPercent) {
    }

    record Total(String budget, String executed, String executionRate, String executionPercent) {
    }

    PublishedTable table(AmountUnit amountUnit) {
        List<List<PublishedTable.Cell>> cells = rows.stream().map(r -> List.of(
                PublishedTable.text(r.programCode()), PublishedTable.text(r.programName()),
                PublishedTable.text(r.fundType()), PublishedTable.text(r.sourceLevel()),
                PublishedTable.amount(new BigDecimal(r.budget())), PublishedTable.amount(new BigDecimal(r.executed())),
                PublishedTable.fraction(r.executionRate()), PublishedTable.percent(r.executionPercent()))).toList();
        List<PublishedTable.Cell> totalRow = List.of(PublishedTable.text(PublishedTable.TOTAL_LABEL),
                PublishedTable.text(null), PublishedTable.text(null), PublishedTable.text(null),
                PublishedTable.amount(new BigDecimal(total.budget())),
                PublishedTable.amount(new BigDecimal(total.executed())), PublishedTable.fraction(total.executionRate()),
                PublishedTable.percent(total.executionPercent()));
        return new PublishedTable(title, amountUnit, HEADER, cells, totalRow);
    }
}
