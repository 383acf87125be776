package org.fundflow.reporting.finalaccounts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every table of one org's final accounts for one fiscal year, exactly as published: this is what is hashed and
 * frozen when a year is published, and what the CSV, XLSX and JSON of a table are rendered from. Amounts are strings
 * in 元 with two decimals, exact sums of 分 (万元 is a rendering); {@code null} means "not tracked by fundflow"
 * (e.g. vehicle counts), never zero. No timestamps: the same figures give the same document, byte for byte.
 *
 * @param budget the start-of-year budget the narrative compares execution against (not a published table)
 */
public record FinalAccountsDocument(String orgCode, String orgName, String regionCode, int fiscalYear,
        String layoutId, String layoutName, List<Table> tables, Budget budget) {

    public FinalAccountsDocument {
        tables = List.copyOf(tables);
    }

    /**
     * One table (公开01 …).
     *
     * @param arrangement {@code stacked} (blocks one under the other) or {@code side-by-side} (收入 | 支出)
     * @param details     figures behind a row, for readers who want them (e.g. how much of 年末结转和结余 is 结转)
     * @param noData      every figure is zero or untracked: printed with 说明：本表无数据
     */
    public record Table(String number, String kind, String name, String arrangement, List<Block> blocks,
            List<String> notes, Map<String, String> details, boolean noData) {
        public Table {
            blocks = List.copyOf(blocks);
            notes = List.copyOf(notes);
            details = details == null ? Map.of() : new LinkedHashMap<>(details);
        }

        public Optional<Block> block(String key) {
            return blocks.stream().filter(b -> b.key().equals(key)).findFirst();
        }

        /** The row with this key in any block. */
        public Optional<Row> row(String key) {
            return blocks.stream().flatMap(b -> b.rows().stream()).filter(r -> r.key().equals(key)).findFirst();
        }
    }

    /** A part of a table with its own columns: the 收入 or 支出 side, 人员经费 or 公用经费, a 公开10 section. */
    public record Block(String key, String title, List<Label> labels, List<Column> columns, List<Row> rows) {
        public Block {
            labels = List.copyOf(labels);
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A column describing the row: {@code code} (科目编码), {@code name} (科目名称 / 项目) or {@code line} (行次).
     *
     * @param header the header cells from top to bottom (e.g. 项目 → 功能分类科目编码)
     */
    public record Label(String field, List<String> header) {
        public Label {
            header = List.copyOf(header);
        }
    }

    /**
     * A column of figures.
     *
     * @param columnNo the 栏次 printed under the header, or null
     * @param type     {@code amount} (元) or {@code count}
     */
    public record Column(String key, List<String> header, String columnNo, String type) {
        public Column {
            header = List.copyOf(header);
        }

        @JsonIgnore
        public boolean isAmount() {
            return "amount".equals(type);
        }
    }

    /**
     * A row.
     *
     * @param key    stable within its table (a code, or a name such as {@code income-total}): rows are compared by it
     *               between published versions
     * @param line   行次, or null
     * @param level  1 类, 2 款, 3 项 for classified rows; 0 otherwise
     * @param style  TOTAL, CATEGORY (a 类/款 summing the rows under it), ITEM, SECTION or BLANK
     * @param values by column key, in column order
     */
    public record Row(String key, Integer line, String code, String name, int level, String style,
            Map<String, String> values) {
        public Row {
            values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public String value(String column) {
            return values.get(column);
        }
    }

    /**
     * The start-of-year budget (年初预算) of the org's 一般公共预算 allocations, which the 第三部分 narrative compares
     * the year's spending with.
     *
     * @param startOfYearBy the date up to which an allocation counts as start-of-year budget
     * @param startOfYear   Σ issued amounts (before 追加/调减) of the allocations issued by that date
     * @param fullYear      Σ budgets (amount + adjustments − recoveries − carry-overs) of all the year's allocations
     */
    public record Budget(String startOfYearBy, String startOfYear, List<BudgetLine> startOfYearByFunction,
            String fullYear) {
        public Budget {
            startOfYearByFunction = List.copyOf(startOfYearByFunction);
        }
    }

    public record BudgetLine(String code, String amount) {
    }

    public Optional<Table> table(TableKind kind) {
        return tables.stream().filter(t -> t.kind().equals(kind.id())).findFirst();
    }

    /** The table with this number (公开06, or 公开06表) or kind (expenditure-by-economic-code). */
    public Optional<Table> table(String numberOrKind) {
        String s = numberOrKind.strip();
        String number = s.endsWith("表") ? s.substring(0, s.length() - 1) : s;
        return tables.stream().filter(t -> t.number().equals(number) || t.kind().equals(s)).findFirst();
    }

    /** True when no table holds a figure: nothing to publish. */
    @JsonIgnore
    public boolean isEmpty() {
        return tables.stream().allMatch(Table::noData);
    }
}
