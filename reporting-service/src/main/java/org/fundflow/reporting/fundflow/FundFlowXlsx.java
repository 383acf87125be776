package org.fundflow.reporting.fundflow;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.poi.ss.SpreadsheetVersion;
import org.fundflow.contracts.Money;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.export.Grid;
import org.fundflow.reporting.export.Grid.GridCell;
import org.fundflow.reporting.export.Grid.Style;

/**
 * The ledger as an Excel workbook: the CSV's columns and rows (depth-first, {@link FundFlowCsv#lines}) under a
 * title and the units line, then a 合计 row equal to the JSON {@code totals} and a note on why it is not the sum of
 * the column. Amounts are numeric cells made from each figure's exact 分, never from a double that was summed.
 */
final class FundFlowXlsx {
    static final String SHEET = "资金流向台账";
    /** Where the CSV's header and data rows start in the sheet: below the title and the units line. */
    static final int HEADER_ROW = 2;
    static final String TOTAL_NOTE = "注：合计为第1层（depth 1）各行之和：下级的资金已含在上级的预算数内，逐层相加会重复计算。";

    /** The amount columns in the CSV's order, from {@code amount} (column 10) on. */
    private static final List<Function<LedgerNode, Money>> AMOUNTS = List.of(LedgerNode::amount,
            LedgerNode::adjustments, LedgerNode::recovered, LedgerNode::carriedOver, LedgerNode::budget,
            LedgerNode::distributed, LedgerNode::undistributed);
    private static final int FIRST_AMOUNT = FundFlowCsv.HEADER.size() - AMOUNTS.size();
    private static final int[] WIDTHS = {7, 40, 38, 38, 13, 13, 20, 28, 26, 12, 16, 16, 16, 16, 16, 16, 16};
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    private static final Pattern ESCAPE = Pattern.compile("_x[0-9A-Fa-f]{4}_");

    private FundFlowXlsx() {
    }

    static byte[] render(FundFlowLedger ledger) {
        return grid(ledger).toXlsx(SHEET);
    }

    static String filename(String programCode, int fiscalYear) {
        return "fund-flow-" + programCode + "-" + fiscalYear + ".xlsx";
    }

    /** "2022年度资金流向台账：城乡医疗救助（P1）"; the code alone while no allocation has named the program. */
    static String title(FundFlowLedger ledger) {
        String name = ledger.programName() == null ? ledger.programCode()
                : ledger.programName() + "（" + ledger.programCode() + "）";
        return ledger.fiscalYear() + "年度资金流向台账：" + name;
    }

    static Grid grid(FundFlowLedger ledger) {
        List<String> header = FundFlowCsv.HEADER;
        int last = header.size() - 1;
        Grid grid = new Grid(header.size());
        for (int c = 0; c <= last; c++) {
            grid.width(c, WIDTHS[c]);
        }

        int title = grid.addRow(Style.TITLE);
        grid.set(title, 0, text(title(ledger), Style.TITLE)).merge(title, title, 0, last);
        int units = grid.addRow(Style.PLAIN);
        grid.set(units, 0, text(AmountUnit.YUAN.unitLine(), Style.PLAIN));

        int head = grid.addRow(Style.HEADER);
        for (int c = 0; c <= last; c++) {
            grid.set(head, c, text(header.get(c), Style.HEADER));
        }

        for (FundFlowCsv.Line line : FundFlowCsv.lines(ledger)) {
            LedgerNode node = line.node();
            int r = grid.addRow(Style.TEXT);
            grid.set(r, 0, GridCell.number(BigDecimal.valueOf(line.depth()), Style.COUNT));
            grid.set(r, 1, text(line.path(), Style.TEXT));
            grid.set(r, 2, text(node.allocationId().toString(), Style.TEXT));
            grid.set(r, 3, text(node.parentAllocationId() == null ? null : node.parentAllocationId().toString(),
                    Style.TEXT));
            grid.set(r, 4, text(node.level() == null ? null : node.level().name(), Style.TEXT));
            grid.set(r, 5, text(node.sourceLevel() == null ? null : node.sourceLevel().name(), Style.TEXT));
            grid.set(r, 6, text(FundFlowCsv.from(node), Style.TEXT));
            grid.set(r, 7, text(FundFlowCsv.to(node), Style.TEXT));
            grid.set(r, 8, text(node.docNo(), Style.TEXT));
            // ISO text, as in the CSV: sorts correctly and reads the same in every locale's Excel.
            grid.set(r, 9, text(node.issuedOn() == null ? null : node.issuedOn().toString(), Style.TEXT));
            for (int a = 0; a < AMOUNTS.size(); a++) {
                grid.set(r, FIRST_AMOUNT + a, amount(AMOUNTS.get(a).apply(node), Style.AMOUNT));
            }
        }

        int total = grid.addRow(Style.TOTAL_TEXT);
        grid.set(total, 0, text("合计", Style.TOTAL_TEXT)).merge(total, total, 0, FIRST_AMOUNT - 1);
        FundFlowLedger.Totals totals = ledger.totals();
        // The four figures the JSON totals carry are taken from them; the three movements are summed the same way
        // (over the roots, in 分), so budget = amount + adjustments − recovered − carried_over holds on this row too.
        Money[] sums = {totals.issued(), sumOfRoots(ledger, LedgerNode::adjustments),
                sumOfRoots(ledger, LedgerNode::recovered), sumOfRoots(ledger, LedgerNode::carriedOver),
                totals.budget(), totals.distributed(), totals.undistributed()};
        for (int a = 0; a < sums.length; a++) {
            grid.set(total, FIRST_AMOUNT + a, amount(sums[a], Style.TOTAL_AMOUNT));
        }

        int note = grid.addRow(Style.NOTE);
        grid.set(note, 0, text(TOTAL_NOTE, Style.NOTE));
        return grid;
    }

    private static Money sumOfRoots(FundFlowLedger ledger, Function<LedgerNode, Money> figure) {
        Money sum = Money.ZERO;
        for (LedgerNode root : ledger.roots()) {
            sum = sum.plus(figure.apply(root));
        }
        return sum;
    }

    /** Exact: 分 → a two-decimal BigDecimal; the cell's double is the one nearest to that decimal. */
    private static GridCell amount(Money money, Style style) {
        return money == null ? GridCell.empty(style) : GridCell.number(money.toYuan(), style);
    }

    /** A string cell, never a formula, that reads back as the text it was made from (see {@link #escaped}). */
    private static GridCell text(String value, Style style) {
        return GridCell.text(value == null ? null : escaped(value), style);
    }

    /**
     * The text as an OOXML string (ECMA-376 ST_Xstring): characters XML cannot carry (controls other than tab, LF,
     * CR; U+FFFE, U+FFFF; a lone surrogate) become {@code _xHHHH_}, and a literal {@code _xHHHH_} gets its underscore escaped as
     * {@code _x005F_}, which is how Excel writes them and how Excel and POI decode them. Left to POI, a control
     * character is silently written as '?' and a literal "_x0041_" reads back as "A". Cut with "…" at Excel's
     * 32,767 characters per cell (a chain of long names could in theory reach it).
     */
    static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int cut = -1;
        int i = 0;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            String piece;
            if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF
                    || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                piece = String.format("_x%04X_", cp);
            } else if (cp == '_' && ESCAPE.matcher(value).region(i, value.length()).lookingAt()) {
                piece = "_x005F_";
            } else {
                piece = Character.toString(cp);
            }
            if (cut < 0 && out.length() + piece.length() > MAX_TEXT - 1) {
                cut = out.length(); // never inside an escape or a surrogate pair
            }
            out.append(piece);
            i += Character.charCount(cp);
        }
        if (out.length() > MAX_TEXT) {
            out.setLength(cut);
            out.append('…');
        }
        return out.toString();
    }
}
