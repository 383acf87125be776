package org.fundflow.reporting.finalaccounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fundflow.contracts.Money;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.export.Grid;
import org.fundflow.reporting.export.Grid.GridCell;
import org.fundflow.reporting.export.Grid.Style;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Block;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Column;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Label;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Row;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Table;

/**
 * A table of a {@link FinalAccountsDocument} as the public reads it: JSON in 元 or 万元, or a sheet laid out like
 * the printed form (title, 公开NN表, 部门名称 / 年度 / 金额单位 line, multi-row header, 栏次, rows, notes) for CSV and
 * XLSX. 万元 figures are each rounded half-up from their exact 分 (a 合计 is the rounded exact sum, which may differ
 * from the sum of rounded rows: the 尾数 note says so). As on the printed forms, a zero prints as an empty cell in
 * CSV/XLSX; JSON always carries "0.00" (and null only for what fundflow does not track).
 */
final class TableRenderer {
    static final String NO_DATA = "说明：本表无数据";

    private TableRenderer() {
    }

    /** Where the table comes from: live figures or a published version. */
    record Source(Integer version, String contentHash, Instant publishedAt, Instant generatedAt) {
        static Source live(Instant generatedAt, String contentHash) {
            return new Source(null, contentHash, null, generatedAt);
        }
    }

    record OrgRef(String code, String name, String regionCode) {
    }

    /** The JSON of one table. */
    record TableView(String number, String kind, String name, String title, OrgRef org, int fiscalYear,
            String unit, String note, String layoutId, String status, Integer version, String contentHash,
            Instant publishedAt, Instant generatedAt, String arrangement, List<Block> blocks, List<String> notes,
            Map<String, String> details, boolean noData) {
    }

    static TableView view(FinalAccountsDocument doc, Table table, AmountUnit unit, Source source) {
        List<Block> blocks = new ArrayList<>();
        for (Block b : table.blocks()) {
            List<Row> rows = new ArrayList<>();
            for (Row r : b.rows()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (Column c : b.columns()) {
                    String v = r.value(c.key());
                    values.put(c.key(), v == null || !c.isAmount() ? v : unit.format(Money.parse(v)));
                }
                rows.add(new Row(r.key(), r.line(), r.code(), r.name(), r.level(), r.style(), values));
            }
            blocks.add(new Block(b.key(), b.title(), b.labels(), b.columns(), rows));
        }
        Map<String, String> details = new LinkedHashMap<>();
        table.details().forEach((k, v) -> details.put(k, convertible(v) ? unit.format(Money.parse(v)) : v));
        return new TableView(table.number(), table.kind(), table.name(), title(doc, table),
                new OrgRef(doc.orgCode(), doc.orgName(), doc.regionCode()), doc.fiscalYear(), unit.label(),
                unit.note(), doc.layoutId(), source.version() == null ? "live" : "published", source.version(),
                source.contentHash(), source.publishedAt(), source.generatedAt(), table.arrangement(), blocks,
                table.notes(), details, table.noData());
    }

    private static boolean convertible(String v) {
        return v != null && v.matches("-?[0-9]+\\.[0-9]{2}");
    }

    /** "吕梁市离石区医疗保障局2022年度收入支出决算总表". */
    static String title(FinalAccountsDocument doc, Table table) {
        return doc.orgName() + doc.fiscalYear() + "年度" + table.name();
    }

    /** The sheet of one table, for CSV and XLSX. */
    static Grid grid(FinalAccountsDocument doc, Table table, AmountUnit unit) {
        boolean sideBySide = TableBuilder.SIDE_BY_SIDE.equals(table.arrangement());
        int width = 0;
        for (Block b : table.blocks()) {
            int w = b.labels().size() + b.columns().size();
            width = sideBySide ? width + w : Math.max(width, w);
        }
        width = Math.max(width, 3);
        Grid g = new Grid(width);
        int last = width - 1;

        int r = g.addRow(Style.TITLE);
        g.set(r, 0, GridCell.text(table.name(), Style.TITLE)).merge(r, r, 0, last);
        r = g.addRow(Style.PLAIN);
        g.set(r, last, GridCell.text(table.number() + "表", Style.RIGHT));
        r = g.addRow(Style.PLAIN);
        int middle = width / 2;
        g.set(r, 0, GridCell.text("部门名称：" + doc.orgName(), Style.PLAIN));
        if (middle > 1) {
            g.merge(r, r, 0, middle - 1);
        }
        g.set(r, middle, GridCell.text(doc.fiscalYear() + "年度", Style.PLAIN));
        g.set(r, last, GridCell.text("金额单位：" + unit.label(), Style.RIGHT));

        if (sideBySide) {
            int column = 0;
            List<Integer> offsets = new ArrayList<>();
            List<List<List<String>>> headers = new ArrayList<>();
            for (Block b : table.blocks()) {
                offsets.add(column);
                List<List<String>> h = new ArrayList<>();
                for (List<String> path : headerPaths(b)) {
                    List<String> p = new ArrayList<>();
                    if (b.title() != null) {
                        p.add(b.title());
                    }
                    p.addAll(path);
                    h.add(p);
                }
                headers.add(h);
                column += b.labels().size() + b.columns().size();
            }
            List<List<String>> all = new ArrayList<>();
            headers.forEach(all::addAll);
            header(g, all, 0);
            columnNumbers(g, table.blocks(), offsets);
            // Align the blocks' footers (本年收入合计 | 本年支出合计 …): pad each block's body to the longest.
            int bodyLength = 0;
            int footerLength = 0;
            for (Block b : table.blocks()) {
                int split = footerStart(b);
                bodyLength = Math.max(bodyLength, split);
                footerLength = Math.max(footerLength, b.rows().size() - split);
            }
            int first = g.rowCount();
            for (int i = 0; i < bodyLength + footerLength; i++) {
                g.addRow(Style.TEXT);
            }
            for (int k = 0; k < table.blocks().size(); k++) {
                Block b = table.blocks().get(k);
                int split = footerStart(b);
                for (int i = 0; i < b.rows().size(); i++) {
                    int at = i < split ? first + i : first + bodyLength + (i - split);
                    writeRow(g, at, offsets.get(k), b, b.rows().get(i), unit);
                }
            }
        } else {
            for (Block b : table.blocks()) {
                if (b.title() != null) {
                    r = g.addRow(Style.SECTION);
                    g.set(r, 0, GridCell.text(b.title(), Style.SECTION)).merge(r, r, 0, last);
                }
                header(g, headerPaths(b), 0);
                columnNumbers(g, List.of(b), List.of(0));
                for (Row row : b.rows()) {
                    writeRow(g, g.addRow(Style.TEXT), 0, b, row, unit);
                }
            }
        }
        for (String note : table.notes()) {
            r = g.addRow(Style.NOTE);
            g.set(r, 0, GridCell.text("注：" + note, Style.NOTE));
        }
        if (unit.note() != null) {
            r = g.addRow(Style.NOTE);
            g.set(r, 0, GridCell.text("注：" + unit.note(), Style.NOTE));
        }
        if (table.noData()) {
            r = g.addRow(Style.NOTE);
            g.set(r, 0, GridCell.text(NO_DATA, Style.NOTE));
        }
        widths(g, table, sideBySide);
        return g;
    }

    private static void widths(Grid g, Table table, boolean sideBySide) {
        int column = 0;
        for (Block b : table.blocks()) {
            int start = sideBySide ? column : 0;
            for (int i = 0; i < b.labels().size(); i++) {
                String field = b.labels().get(i).field();
                g.width(start + i, field.equals("name") ? 28 : field.equals("line") ? 6 : 12);
            }
            for (int i = 0; i < b.columns().size(); i++) {
                g.width(start + b.labels().size() + i, 16);
            }
            column += b.labels().size() + b.columns().size();
        }
    }

    /** The first footer row of a block: its first 合计-style row (everything before is the body). */
    private static int footerStart(Block b) {
        for (int i = 0; i < b.rows().size(); i++) {
            if (TableBuilder.TOTAL.equals(b.rows().get(i).style()) && i > 0) {
                return i;
            }
        }
        return b.rows().size();
    }

    private static List<List<String>> headerPaths(Block b) {
        List<List<String>> paths = new ArrayList<>();
        b.labels().forEach(l -> paths.add(l.header()));
        b.columns().forEach(c -> paths.add(c.header()));
        return paths;
    }

    /**
     * Header rows from each column's path (top to bottom): neighbours with the same path prefix share a merged
     * cell; a path shorter than the deepest one spans down to the last header row.
     */
    private static void header(Grid g, List<List<String>> paths, int offset) {
        int depth = paths.stream().mapToInt(List::size).max().orElse(1);
        int top = g.rowCount();
        for (int level = 0; level < depth; level++) {
            g.addRow(Style.HEADER);
        }
        for (int level = 0; level < depth; level++) {
            int c = 0;
            while (c < paths.size()) {
                List<String> path = paths.get(c);
                if (path.size() <= level) {
                    c++;
                    continue;
                }
                int end = c;
                while (end + 1 < paths.size() && paths.get(end + 1).size() > level
                        && paths.get(end + 1).subList(0, level + 1).equals(path.subList(0, level + 1))) {
                    end++;
                }
                g.set(top + level, offset + c, GridCell.text(path.get(level), Style.HEADER));
                boolean allEndHere = true;
                for (int k = c; k <= end; k++) {
                    allEndHere &= paths.get(k).size() == level + 1;
                }
                int lastRow = allEndHere ? top + depth - 1 : top + level;
                g.merge(top + level, lastRow, offset + c, offset + end);
                c = end + 1;
            }
        }
    }

    /** The 栏次 row, when the columns are numbered: 栏次 over the label columns, each column's number. */
    private static void columnNumbers(Grid g, List<Block> blocks, List<Integer> offsets) {
        boolean numbered = blocks.stream().flatMap(b -> b.columns().stream()).anyMatch(c -> c.columnNo() != null);
        if (!numbered) {
            return;
        }
        int r = g.addRow(Style.HEADER);
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            int at = offsets.get(k);
            if (!b.labels().isEmpty()) {
                g.set(r, at, GridCell.text("栏次", Style.HEADER));
                g.merge(r, r, at, at + b.labels().size() - 1);
            }
            for (int i = 0; i < b.columns().size(); i++) {
                g.set(r, at + b.labels().size() + i, GridCell.text(b.columns().get(i).columnNo(), Style.HEADER));
            }
        }
    }

    private static void writeRow(Grid g, int at, int offset, Block b, Row row, AmountUnit unit) {
        boolean total = TableBuilder.TOTAL.equals(row.style());
        boolean category = TableBuilder.CATEGORY.equals(row.style());
        Style text = total || category ? Style.TOTAL_TEXT : Style.TEXT;
        List<Label> labels = b.labels();
        boolean nameInCodeColumn = row.code() == null && !labels.isEmpty() && labels.get(0).field().equals("code")
                && labels.size() > 1 && labels.get(1).field().equals("name");
        for (int i = 0; i < labels.size(); i++) {
            String field = labels.get(i).field();
            String value = switch (field) {
                case "code" -> nameInCodeColumn ? row.name() : row.code();
                case "name" -> nameInCodeColumn ? null : row.name();
                case "line" -> row.line() == null ? null : String.valueOf(row.line());
                default -> null;
            };
            g.set(at, offset + i, GridCell.text(value, text));
        }
        if (nameInCodeColumn) {
            g.merge(at, at, offset, offset + 1);
        }
        for (int i = 0; i < b.columns().size(); i++) {
            Column c = b.columns().get(i);
            String v = row.value(c.key());
            int column = offset + labels.size() + i;
            Style style = c.isAmount() ? (total ? Style.TOTAL_AMOUNT : Style.AMOUNT)
                    : (total ? Style.TOTAL_COUNT : Style.COUNT);
            if (v == null) {
                g.set(at, column, GridCell.empty(style));
            } else if (c.isAmount()) {
                Money m = Money.parse(v);
                g.set(at, column, m.isZero() ? GridCell.empty(style) : GridCell.number(unit.convert(m), style));
            } else {
                BigDecimal n = new BigDecimal(v);
                g.set(at, column, n.signum() == 0 ? GridCell.empty(style) : GridCell.number(n, style));
            }
        }
    }
}
