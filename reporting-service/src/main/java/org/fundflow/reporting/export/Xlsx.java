package org.fundflow.reporting.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A {@link PublishedTable} as an Excel workbook laid out like the printed table: the title merged across the
 * columns, the units line, a bold header, bordered data rows and a bold 合计 row, then the note. Amounts are numeric
 * cells with two decimals (so the sheet can be summed), rates numeric with four; text is always written as a string
 * cell, never as a formula, whatever it starts with.
 */
public final class Xlsx {
    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Xlsx() {
    }

    public static byte[] render(PublishedTable table, String sheetName) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(wb);
            Sheet sheet = wb.createSheet(sheetName);
            int last = table.columns() - 1;
            int r = 0;

            Row title = sheet.createRow(r++);
            title.setHeightInPoints(24);
            text(title, 0, table.title(), styles.title);
            if (last > 0) {
                sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, last));
            }
            Row units = sheet.createRow(r++);
            text(units, 0, table.unit().unitLine(), styles.plain);

            Row header = sheet.createRow(r++);
            for (int c = 0; c <= last; c++) {
                text(header, c, table.header().get(c), styles.header);
            }
            for (List<PublishedTable.Cell> cells : table.rows()) {
                write(sheet.createRow(r++), cells, styles, false);
            }
            write(sheet.createRow(r++), table.total(), styles, true);
            if (table.note() != null) {
                text(sheet.createRow(r), 0, "注：" + table.note(), styles.plain);
            }
            for (int c = 0; c <= last; c++) {
                sheet.setColumnWidth(c, (c == 1 ? 30 : 16) * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Row row, List<PublishedTable.Cell> cells, Styles styles, boolean total) {
        for (int c = 0; c < cells.size(); c++) {
            PublishedTable.Cell cell = cells.get(c);
            if (cell instanceof PublishedTable.Amount a) {
                number(row, c, a.value(), total ? styles.totalAmount : styles.amount);
            } else if (cell instanceof PublishedTable.Fraction f) {
                number(row, c, f.value() == null ? null : new BigDecimal(f.value()),
                        total ? styles.totalFraction : styles.fraction);
            } else if (cell instanceof PublishedTable.Percent p) {
                text(row, c, p.value(), total ? styles.totalRight : styles.right);
            } else {
                text(row, c, ((PublishedTable.Text) cell).value(), total ? styles.totalText : styles.cell);
            }
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) {
            // The double nearest to a two-decimal amount reads back as that same decimal (15 significant digits
            // cover 10^13 元 to the 分).
            cell.setCellValue(value.doubleValue());
        }
        cell.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle plain;
        final CellStyle header;
        final CellStyle cell;
        final CellStyle right;
        final CellStyle amount;
        final CellStyle fraction;
        final CellStyle totalText;
        final CellStyle totalRight;
        final CellStyle totalAmount;
        final CellStyle totalFraction;

        Styles(XSSFWorkbook wb) {
            DataFormat format = wb.createDataFormat();
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);

            title = wb.createCellStyle();
            title.setFont(big);
            title.setAlignment(HorizontalAlignment.CENTER);
            plain = wb.createCellStyle();
            header = bordered(wb);
            header.setFont(bold);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setWrapText(true);
            cell = bordered(wb);
            right = bordered(wb);
            right.setAlignment(HorizontalAlignment.RIGHT);
            amount = bordered(wb);
            amount.setDataFormat(format.getFormat("#,##0.00"));
            fraction = bordered(wb);
            fraction.setDataFormat(format.getFormat("0.0000"));
            totalText = bordered(wb);
            totalText.setFont(bold);
            totalRight = bordered(wb);
            totalRight.setFont(bold);
            totalRight.setAlignment(HorizontalAlignment.RIGHT);
            totalAmount = bordered(wb);
            totalAmount.setFont(bold);
            totalAmount.setDataFormat(format.getFormat("#,##0.00"));
            totalFraction = bordered(wb);
            totalFraction.setFont(bold);
            totalFraction.setDataFormat(format.getFormat("0.0000"));
        }

        private static CellStyle bordered(XSSFWorkbook wb) {
            CellStyle s = wb.createCellStyle();
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
            return s;
        }
    }
}
