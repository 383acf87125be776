package org.fundflow.reporting.export;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A report laid out like a published table (公开表): a title row, the units line ("单位：元"), one header row, the
 * data rows, the 合计 row and, for converted tables, the note. CSV and XLSX are both rendered from this one layout,
 * so the two files always carry the same rows as each other and as the JSON the table was built from.
 */
public record PublishedTable(String title, AmountUnit unit, List<String> header, List<List<Cell>> rows,
        List<Cell> total) {

    public PublishedTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        total = List.copyOf(total);
        for (List<Cell> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells for " + header.size()
                        + " columns");
            }
        }
        if (total.size() != header.size()) {
            throw new IllegalArgumentException("the total row has " + total.size() + " cells for " + header.size()
                    + " columns");
        }
    }

    /** The label of the total row, in its first cell. */
    public static final String TOTAL_LABEL = "合计";

    /** A cell: text from users or the registry, an amount in the table's unit, or a rate. */
    public sealed interface Cell permits Text, Amount, Fraction, Percent {
    }

    /** Text, written as a string (guarded against formula injection in CSV; a plain string cell in XLSX). */
    public record Text(String value) implements Cell {
    }

    /** An amount already converted to the table's unit (two decimals). */
    public record Amount(BigDecimal value) implements Cell {
    }

    /** A rate as a four-decimal fraction ("0.3900"). */
    public record Fraction(String value) implements Cell {
    }

    /** A rate for reading ("39.00%"), formatted by the service. */
    public record Percent(String value) implements Cell {
    }

    public static Cell text(String value) {
        return new Text(value);
    }

    public static Cell amount(BigDecimal value) {
        return new Amount(value);
    }

    public static Cell fraction(String value) {
        return new Fraction(value);
    }

    public static Cell percent(String value) {
        return new Percent(value);
    }

    /** "本表金额单位转换时可能存在尾数误差" for a 万元 table, else null. */
    public String note() {
        return unit.note();
    }

    public int columns() {
        return header.size();
    }

    /** UTF-8 CSV with a BOM: title, units line, header, rows, 合计, note. */
    public byte[] toCsv() {
        Csv csv = new Csv(columns());
        csv.row(padded(Csv.text(title)));
        csv.row(padded(Csv.text(unit.unitLine())));
        csv.row(header.stream().map(Csv::text).toList());
        for (List<Cell> row : rows) {
            csv.row(row.stream().map(PublishedTable::csvCell).toList());
        }
        csv.row(total.stream().map(PublishedTable::csvCell).toList());
        if (note() != null) {
            csv.row(padded(Csv.text("注：" + note())));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private List<Csv.Cell> padded(Csv.Cell first) {
        List<Csv.Cell> cells = new ArrayList<>(Collections.nCopies(columns(), Csv.value(null)));
        cells.set(0, first);
        return cells;
    }

    private static Csv.Cell csvCell(Cell cell) {
        if (cell instanceof Text t) {
            return Csv.text(t.value());
        }
        if (cell instanceof Amount a) {
            return Csv.value(a.value() == null ? null : a.value().toPlainString());
        }
        if (cell instanceof Fraction f) {
            return Csv.value(f.value());
        }
        return Csv.value(((Percent) cell).value());
    }
}
