package org.fundflow.reporting.export;

import java.util.List;

/**
 * CSV as Excel opens it correctly: UTF-8 with a byte-order mark (else Chinese is garbled), RFC 4180 quoting and
 * CRLF line ends. Cells holding user-typed text (document numbers, names, notes) are guarded against formula
 * injection: text starting with = + - @ (or a tab / carriage return) gets a leading apostrophe so a spreadsheet shows
 * it instead of evaluating it. Values the service formats itself (amounts, dates, ids) are written as they are, so
 * "-50000.00" stays a number.
 */
public final class Csv {
    public static final char BOM = '\uFEFF';
    private static final String EOL = "\r\n";

    private final StringBuilder out = new StringBuilder().append(BOM);
    private final int columns;

    public Csv(List<String> header) {
        this.columns = header.size();
        row(header.stream().map(Csv::text).toList());
    }

    /** A file whose rows the caller writes from the first (e.g. a published table with its title lines first). */
    public Csv(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a CSV file has at least one column");
        }
        this.columns = columns;
    }

    public Csv row(List<Cell> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.size());
        }
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(cells.get(i).text()));
        }
        out.append(EOL);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** User text: guarded against formula injection. Null is an empty cell. */
    public static Cell text(String value) {
        if (value == null) {
            return new Cell("");
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return new Cell("'" + value);
        }
        return new Cell(value);
    }

    /** A value the service formatted itself (number, amount, date, id, enum). Null is an empty cell. */
    public static Cell value(Object value) {
        return new Cell(value == null ? "" : value.toString());
    }

    private static String quoted(String s) {
        boolean needsQuotes = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0;
        return needsQuotes ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** One cell's text, already guarded; quoting happens when the row is written. */
    public record Cell(String text) {
    }
}
