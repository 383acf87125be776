package org.fundflow.reporting.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.export.PublishedTable;

/**
 * Spending by the payments' function codes (支出功能分类), 类 → 款 → 项 down to {@code depth} digits, names from the
 * registry. A category row is the sum of the rows under it; the total is the sum of the 类 rows. paid = payments,
 * reversed = their reversals, executed = paid − reversed. Amounts are strings in {@code unit}; the CSV and XLSX
 * rows are exactly these rows.
 */
record ByFunctionReport(String title, int fiscalYear, String programCode, RegionRef region, LocalDate asOf,
        int depth, String unit, String note, Instant generatedAt, List<Row> rows, Total total) {

    static final List<String> HEADER = List.of("科目编码", "科目名称", "级次", "支付金额", "冲销金额", "支出金额");

    /** @param tier 类, 款 or 项; null for the (top-level) row of payments without a valid code */
    record Row(String code, String name, String tier, String paid, String reversed, String executed) {
    }

    record Total(String paid, String reversed, String executed) {
    }

    PublishedTable table(AmountUnit amountUnit) {
        List<List<PublishedTable.Cell>> cells = rows.stream().map(r -> List.of(
                PublishedTable.text(r.code()), PublishedTable.text(r.name()), PublishedTable.text(r.tier()),
                PublishedTable.amount(new BigDecimal(r.paid())), PublishedTable.amount(new BigDecimal(r.reversed())),
                PublishedTable.amount(new BigDecimal(r.executed())))).toList();
        List<PublishedTable.Cell> totalRow = List.of(PublishedTable.text(PublishedTable.TOTAL_LABEL),
                PublishedTable.text(null), PublishedTable.text(null),
                PublishedTable.amount(new BigDecimal(total.paid())),
                PublishedTable.amount(new BigDecimal(total.reversed())),
                PublishedTable.amount(new BigDecimal(total.executed())));
        return new PublishedTable(title, amountUnit, HEADER, cells, totalRow);
    }
}
