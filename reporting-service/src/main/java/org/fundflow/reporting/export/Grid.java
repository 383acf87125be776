package org.fundflow.reporting.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A printed form as a rectangle of cells with merged regions, for tables whose layout is richer than
 * {@link PublishedTable}'s single header row: the 部门决算公开 tables have multi-row headers, a 栏次 row, two blocks
 * side by side (收入 | 支出) and notes under the table. Rendered to CSV (UTF-8 with BOM, merged cells written once
 * in their top-left cell) and to XLSX (merged regions kept, amounts as numeric cells).
 */
public final class Grid {

    /** How a cell is printed; XLSX styles follow from it, CSV only distinguishes text from numbers. */
    public enum Style {
        TITLE, RIGHT, PLAIN, HEADER, TEXT, AMOUNT, COUNT, TOTAL_TEXT, TOTAL_AMOUNT, TOTAL_COUNT, SECTION, NOTE
    }

    /** A cell: text (guarded against formula injection in CSV, a string cell in XLSX) or a number. */
    public record GridCell(String text, BigDecimal number, Style style) {
        public static GridCell text(String text, Style style) {
            return new GridCell(text, null, style);
        }

        public static GridCell number(BigDecimal number, Style style) {
            return new GridCell(null, number, style);
        }

        public static GridCell empty(Style style) {
            return new GridCell(null, null, style);
        }
    }

    /** A merged region, inclusive bounds. */
    public record Merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
    }

    private final int columns;
    private final List<GridCell[]> rows = new ArrayList<>();
    private final List<Merge> merges = new ArrayList<>();
    private final int[] widths;

    public Grid(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a grid has at least one column");
        }
        this.columns = columns;
        this.widths = new int[columns];
        java.util.Arrays.fill(widths, 14);
    }

    public int columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Appends an empty row (every cell empty, in {@code style}) and returns its index. */
    public int addRow(Style style) {
        GridCell[] row = new GridCell[columns];
        java.util.Arrays.fill(row, GridCell.empty(style));
        rows.add(row);
        return rows.size() - 1;
    }

    public Grid set(int row, int column, GridCell cell) {
        rows.get(row)[column] = cell;
        return this;
    }

    public GridCell get(int row, int column) {
        return rows.get(row)[column];
    }

    public Grid merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        if (firstRow == lastRow && firstColumn == lastColumn) {
            return this;
        }
        for (Merge m : merges) {
            boolean overlaps = firstRow <= m.lastRow() && m.firstRow() <= lastRow && firstColumn <= m.lastColumn()
                    && m.firstColumn() <= lastColumn;
            if (overlaps) {
                throw new IllegalArgumentException("merged regions overlap: " + m + " and rows " + firstRow + "-"
                        + lastRow + " columns " + firstColumn + "-" + lastColumn);
            }
        }
        merges.add(new Merge(firstRow, lastRow, firstColumn, lastColumn));
        return this;
    }

    public List<Merge> merges() {
        return Collections.unmodifiableList(merges);
    }

    /** Column width in characters (XLSX only). */
    public Grid width(int column, int characters) {
        widths[column] = characters;
        return this;
    }

    /** UTF-8 with BOM, CRLF, RFC 4180; a merged region's text is in its top-left cell, the others are empty. */
    public byte[] toCsv() {
        Csv csv = new Csv(columns);
        for (GridCell[] row : rows) {
            List<Csv.Cell> cells = new ArrayList<>(columns);
            for (GridCell cell : row) {
                if (cell.number() != null) {
                    cells.add(Csv.value(cell.number().toPlainString()));
                } else {
                    cells.add(Csv.text(cell.text()));
                }
            }
            csv.row(cells);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One sheet laid out like the printed form. */
    public byte[] toXlsx(String sheetName) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Map<Style, CellStyle> styles = styles(wb);
            Sheet sheet = wb.createSheet(sheetName);
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                GridCell[] cells = rows.get(r);
                if (cells[0].style() == Style.TITLE) {
                    row.setHeightInPoints(24);
                }
                for (int c = 0; c < columns; c++) {
                    GridCell g = cells[c];
                    Cell cell = row.createCell(c);
                    cell.setCellStyle(styles.get(g.style()));
                    if (g.number() != null) {
                        // The double nearest to a two-decimal amount reads back as that decimal (15 significant
                        // digits cover 10^13 元 to the 分).
                        cell.setCellValue(g.number().doubleValue());
                    } else if (g.text() != null) {
                        cell.setCellValue(g.text());
                    }
                }
            }
            for (Merge m : merges) {
                sheet.addMergedRegion(new CellRangeAddress(m.firstRow(), m.lastRow(), m.firstColumn(),
                        m.lastColumn()));
            }
            for (int c = 0; c < columns; c++) {
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Style, CellStyle> styles(XSSFWorkbook wb) {
        DataFormat format = wb.createDataFormat();
        Font bold = wb.createFont();
        bold.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 16);
        Map<Style, CellStyle> s = new EnumMap<>(Style.class);

        CellStyle title = wb.createCellStyle();
        title.setFont(big);
        title.setAlignment(HorizontalAlignment.CENTER);
        s.put(Style.TITLE, title);
        CellStyle right = wb.createCellStyle();
        right.setAlignment(HorizontalAlignment.RIGHT);
        s.put(Style.RIGHT, right);
        s.put(Style.PLAIN, wb.createCellStyle());
        CellStyle note = wb.createCellStyle();
        note.setWrapText(false);
        s.put(Style.NOTE, note);

        CellStyle header = bordered(wb);
        header.setFont(bold);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setWrapText(true);
        s.put(Style.HEADER, header);
        CellStyle section = bordered(wb);
        section.setFont(bold);
        s.put(Style.SECTION, section);
        s.put(Style.TEXT, bordered(wb));
        CellStyle amount = bordered(wb);
        amount.setDataFormat(format.getFormat("#,##0.00"));
        s.put(Style.AMOUNT, amount);
        CellStyle count = bordered(wb);
        count.setDataFormat(format.getFormat("0"));
        s.put(Style.COUNT, count);
        CellStyle totalText = bordered(wb);
        totalText.setFont(bold);
        s.put(Style.TOTAL_TEXT, totalText);
        CellStyle totalAmount = bordered(wb);
        totalAmount.setFont(bold);
        totalAmount.setDataFormat(format.getFormat("#,##0.00"));
        s.put(Style.TOTAL_AMOUNT, totalAmount);
        CellStyle totalCount = bordered(wb);
        totalCount.setFont(bold);
        totalCount.setDataFormat(format.getFormat("0"));
        s.put(Style.TOTAL_COUNT, totalCount);
        return s;
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
