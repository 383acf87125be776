package org.fundflow.reporting.fundflow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fundflow.reporting.export.Csv;

/** The ledger as a spreadsheet: one row per allocation, depth-first, so the tree reads top-down in Excel. */
final class FundFlowCsv {
    static final List<String> HEADER = List.of("depth", "path", "allocation_id", "parent_allocation_id", "level",
            "source_level", "from_region", "to", "doc_no", "issued_on", "amount", "adjustments", "recovered",
            "carried_over", "budget", "distributed", "undistributed");
    private static final String PATH_SEPARATOR = ">";

    private FundFlowCsv() {
    }

    static byte[] render(FundFlowLedger ledger) {
        Csv csv = new Csv(HEADER);
        for (Line line : lines(ledger)) {
            LedgerNode node = line.node();
            List<Csv.Cell> cells = new ArrayList<>(HEADER.size());
            cells.add(Csv.value(line.depth()));
            cells.add(Csv.text(line.path()));
            cells.add(Csv.value(node.allocationId()));
            cells.add(Csv.value(node.parentAllocationId()));
            cells.add(Csv.value(node.level()));
            cells.add(Csv.value(node.sourceLevel()));
            cells.add(Csv.text(from(node)));
            cells.add(Csv.text(to(node)));
            cells.add(Csv.text(node.docNo()));
            cells.add(Csv.value(node.issuedOn()));
            cells.add(Csv.value(node.amount()));
            cells.add(Csv.value(node.adjustments()));
            cells.add(Csv.value(node.recovered()));
            cells.add(Csv.value(node.carriedOver()));
            cells.add(Csv.value(node.budget()));
            cells.add(Csv.value(node.distributed()));
            cells.add(Csv.value(node.undistributed()));
            csv.row(cells);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String filename(String programCode, int fiscalYear) {
        return "fund-flow-" + programCode + "-" + fiscalYear + ".csv";
    }

    /** One row of the spreadsheet: an allocation with its depth (1 for a root) and the chain of names above it. */
    record Line(int depth, String path, LedgerNode node) {
    }

    /**
     * The tree flattened depth-first, every node before its children, in the ledger's order: the one row order of
     * the CSV and the XLSX.
     */
    static List<Line> lines(FundFlowLedger ledger) {
        List<Line> lines = new ArrayList<>();
        for (LedgerNode root : ledger.roots()) {
            lines(lines, root, 1, name(root.from().name(), root.from().regionCode()));
        }
        return lines;
    }

    private static void lines(List<Line> lines, LedgerNode node, int depth, String parentPath) {
        String path = parentPath + PATH_SEPARATOR + name(node.to().name(), code(node.to()));
        lines.add(new Line(depth, path, node));
        for (LedgerNode child : node.children()) {
            lines(lines, child, depth + 1, path);
        }
    }

    /** The from_region column: "140000 山西省". */
    static String from(LedgerNode node) {
        return labelled(node.from().regionCode(), node.from().name());
    }

    /** The to column: the recipient region's or org's code and name. */
    static String to(LedgerNode node) {
        return labelled(code(node.to()), node.to().name());
    }

    private static String code(LedgerNode.To to) {
        return to.orgCode() != null ? to.orgCode() : to.regionCode();
    }

    private static String name(String name, String code) {
        return name != null ? name : code == null ? "?" : code;
    }

    /** "141102 离石区": the code for sorting and lookups, the name for reading, as the published tables print them. */
    private static String labelled(String code, String name) {
        if (code == null) {
            return name;
        }
        return name == null ? code : code + " " + name;
    }
}
