package org.fundflow.reporting.fundflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fundflow.reporting.AllocationEvents.issue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.reporting.ReportingServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ledger as an Excel workbook, read back with POI: the CSV's rows in the CSV's order, every amount equal to the
 * JSON's to the 分, a 合计 row equal to the JSON totals. The only test of the module with facts in fiscal year 2018.
 */
class FundFlowXlsxTest extends ReportingServiceTestBase {
    private static final int YEAR = 2018;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final List<String> AMOUNT_FIELDS = List.of("amount", "adjustments", "recovered", "carriedOver",
            "budget", "distributed", "undistributed");
    private static final int FIRST_AMOUNT = 10;
    private static final String EVIL_DOC = "=HYPERLINK(\"http://evil.example\",\"x\")";
    private static final String HOSTILE_NAME = "乌兰察布市\u202E医保局\u0007_x0041_'; DROP TABLE allocation_fact; --";

    @Test
    void the_ledger_exports_as_a_workbook_with_the_csv_rows_and_the_json_figures() throws IOException {
        String program = uniqueProgram("XLSX");
        String name = "困难群众救助补助资金";
        // Two roots (so the 合计 adds up several), cents that a double sum would get wrong (0.10 + 0.20), an amount
        // near 10^10 元, and every kind of movement on a root.
        Events.AllocationIssued root = issue(program, name, YEAR).source(Level.CENTRAL)
                .from("000000", "中央").toRegion("150000", "内蒙古自治区").amount("9876543210.99")
                .doc("财社〔2018〕1号", "2018-02-01").build();
        Events.AllocationIssued city = issue(program, name, YEAR).source(Level.CENTRAL)
                .from("150000", "内蒙古自治区").toRegion("150900", "乌兰察布市").under(root).amount("1234567.89")
                .doc(EVIL_DOC, "2018-03-01").build();
        Events.AllocationIssued org = issue(program, name, YEAR).source(Level.CENTRAL)
                .from("150900", "乌兰察布市").toOrg("WLCB-YBJ", HOSTILE_NAME, "150900").under(city)
                .amount("1234567.89").doc("乌财社〔2018〕3号", "2018-03-15").build();
        Events.AllocationIssued second = issue(program, name, YEAR).source(Level.CENTRAL)
                .from("000000", "中央").toRegion("150000", "内蒙古自治区").amount("0.10")
                .doc("财社〔2018〕2号", "2018-04-01").build();
        Events.AllocationIssued small = issue(program, name, YEAR).source(Level.CENTRAL)
                .from("150000", "内蒙古自治区").toOrg("NMG-CZT", "内蒙古自治区财政厅", "150000").under(second)
                .amount("0.07").doc("内财社〔2018〕4号", "2018-04-02").build();
        events().issued(root);
        events().issued(city);
        events().issued(org);
        events().issued(second);
        events().issued(small);
        events().adjusted(root.allocationId(), "-0.33", "财社〔2018〕1号-调减", "2018-05-01");
        events().recovered(root.allocationId(), "100.01", "2018-11-30");
        events().carriedOver(root.allocationId(), "0.07", 2019, "2018-12-31");
        events().adjusted(second.allocationId(), "0.20", "财社〔2018〕2号-追加", "2018-05-02");

        String query = "/api/reports/fund-flow?programCode=" + program + "&fiscalYear=" + YEAR;
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode l = json(get(query));
            assertThat(l.at("/roots/0/children/0/children/0/allocationId").asString())
                    .isEqualTo(org.allocationId().toString());
            assertThat(l.at("/roots/1/children/0/allocationId").asString())
                    .isEqualTo(small.allocationId().toString());
            assertThat(l.at("/roots/0/adjustments").asString()).isEqualTo("-0.33");
            assertThat(l.at("/roots/0/recovered").asString()).isEqualTo("100.01");
            assertThat(l.at("/roots/0/carriedOver").asString()).isEqualTo("0.07");
            assertThat(l.at("/roots/1/adjustments").asString()).isEqualTo("0.20");
        });
        JsonNode ledger = json(get(query));
        assertThat(ledger.at("/totals/issued").asString()).isEqualTo("9876543211.09");
        assertThat(ledger.at("/totals/budget").asString()).isEqualTo("9876543110.88");
        assertThat(ledger.at("/totals/distributed").asString()).isEqualTo("1234567.96");
        assertThat(ledger.at("/totals/undistributed").asString()).isEqualTo("9875308542.92");
        List<List<String>> csv = csvRecords(text(get(query + "&format=csv")));
        assertThat(csv.get(2).get(8)).isEqualTo("'" + EVIL_DOC);

        HttpResponse<byte[]> response = get(query + "&format=xlsx");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(XLSX);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"fund-flow-" + program + "-" + YEAR + ".xlsx\"");

        List<JsonNode> nodes = depthFirst(ledger);
        assertThat(nodes).hasSize(5);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("资金流向台账");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("2018年度资金流向台账：困难群众救助补助资金（" + program + "）");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("单位：元");
            assertThat(strings(sheet.getRow(2))).isEqualTo(FundFlowCsv.HEADER).isEqualTo(csv.get(0));

            // Exactly the CSV's data rows, in its order, and the JSON's figures on each.
            int dataRows = csv.size() - 1;
            assertThat(dataRows).isEqualTo(nodes.size());
            for (int i = 0; i < dataRows; i++) {
                Row row = sheet.getRow(3 + i);
                List<String> csvRow = csv.get(1 + i);
                JsonNode node = nodes.get(i);
                assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(String.valueOf((int) row.getCell(0).getNumericCellValue())).isEqualTo(csvRow.get(0));
                for (int c = 1; c < FIRST_AMOUNT; c++) {
                    assertThat(row.getCell(c).getCellType()).as("column %d is text", c).isIn(CellType.STRING,
                            CellType.BLANK);
                    assertThat(row.getCell(c).getStringCellValue()).as("row %d column %d", i, c)
                            .isEqualTo(unguarded(csvRow.get(c)));
                }
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(node.get("allocationId").asString());
                for (int a = 0; a < AMOUNT_FIELDS.size(); a++) {
                    String expected = node.get(AMOUNT_FIELDS.get(a)).asString();
                    assertThat(amount(row.getCell(FIRST_AMOUNT + a))).as("row %d %s", i, AMOUNT_FIELDS.get(a))
                            .isEqualTo(expected).isEqualTo(csvRow.get(FIRST_AMOUNT + a));
                    assertThat(row.getCell(FIRST_AMOUNT + a).getCellStyle().getDataFormatString())
                            .isEqualTo("#,##0.00");
                }
            }
            // Text stays text: no formula, the hostile name read back exactly as it came.
            Row cityRow = sheet.getRow(4);
            assertThat(cityRow.getCell(8).getCellType()).isEqualTo(CellType.STRING);
            assertThat(cityRow.getCell(8).getStringCellValue()).isEqualTo(EVIL_DOC);
            assertThat(sheet.getRow(5).getCell(7).getStringCellValue()).isEqualTo("WLCB-YBJ " + HOSTILE_NAME);
            assertThat(sheet.getRow(5).getCell(1).getStringCellValue())
                    .isEqualTo("中央>内蒙古自治区>乌兰察布市>" + HOSTILE_NAME);

            Row total = sheet.getRow(3 + dataRows);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(amount(total.getCell(FIRST_AMOUNT))).isEqualTo(ledger.at("/totals/issued").asString());
            assertThat(amount(total.getCell(FIRST_AMOUNT + 1))).isEqualTo("-0.13");
            assertThat(amount(total.getCell(FIRST_AMOUNT + 2))).isEqualTo("100.01");
            assertThat(amount(total.getCell(FIRST_AMOUNT + 3))).isEqualTo("0.07");
            assertThat(amount(total.getCell(FIRST_AMOUNT + 4))).isEqualTo(ledger.at("/totals/budget").asString());
            assertThat(amount(total.getCell(FIRST_AMOUNT + 5)))
                    .isEqualTo(ledger.at("/totals/distributed").asString());
            assertThat(amount(total.getCell(FIRST_AMOUNT + 6)))
                    .isEqualTo(ledger.at("/totals/undistributed").asString());
            assertThat(sheet.getRow(4 + dataRows).getCell(0).getStringCellValue())
                    .isEqualTo(FundFlowXlsx.TOTAL_NOTE);
            assertThat(sheet.getLastRowNum()).isEqualTo(4 + dataRows);
        }

        // Accept negotiates like it does for CSV; the format parameter still wins; CSV wins a tie, as before.
        HttpResponse<byte[]> byAccept = get(query, "Accept", XLSX);
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValue(XLSX);
        assertThat(lastRow(byAccept)).isEqualTo(4 + nodes.size());
        HttpResponse<byte[]> preferred = get(query, "Accept", "application/json;q=0.5, " + XLSX);
        assertThat(preferred.headers().firstValue("Content-Type")).hasValue(XLSX);
        HttpResponse<byte[]> jsonPreferred = get(query, "Accept", "application/json, " + XLSX + ";q=0.8");
        assertThat(jsonPreferred.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        HttpResponse<byte[]> tie = get(query, "Accept", "text/csv, " + XLSX);
        assertThat(tie.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/csv"));
        HttpResponse<byte[]> csvPreferred = get(query, "Accept", "text/csv;q=0.9, " + XLSX + ";q=0.5");
        assertThat(csvPreferred.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/csv"));
        HttpResponse<byte[]> explicitJson = get(query + "&format=json", "Accept", XLSX);
        assertThat(json(explicitJson).get("programCode").asString()).isEqualTo(program);
        HttpResponse<byte[]> explicitCsv = get(query + "&format=csv", "Accept", XLSX);
        assertThat(explicitCsv.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/csv"));
        HttpResponse<byte[]> upperCase = get(query + "&format=XLSX");
        assertThat(upperCase.headers().firstValue("Content-Type")).hasValue(XLSX);
    }

    @Test
    void an_empty_ledger_is_a_workbook_with_the_header_and_a_zero_total() throws IOException {
        String program = uniqueProgram("空台账");
        HttpResponse<byte[]> response = get("/api/reports/fund-flow?programCode=" + program + "&fiscalYear=" + YEAR
                + "&format=xlsx");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("attachment; ").contains("filename*=UTF-8''").endsWith(".xlsx"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("2018年度资金流向台账：" + program);
            assertThat(strings(sheet.getRow(2))).isEqualTo(FundFlowCsv.HEADER);
            Row total = sheet.getRow(3);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            for (int c = FIRST_AMOUNT; c < FundFlowCsv.HEADER.size(); c++) {
                assertThat(amount(total.getCell(c))).isEqualTo("0.00");
            }
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
        }
    }

    /** The JSON tree in the order the files list it: every node before its children. */
    private static List<JsonNode> depthFirst(JsonNode ledger) {
        List<JsonNode> out = new ArrayList<>();
        ledger.get("roots").forEach(root -> depthFirst(root, out));
        return out;
    }

    private static void depthFirst(JsonNode node, List<JsonNode> out) {
        out.add(node);
        node.get("children").forEach(child -> depthFirst(child, out));
    }

    /** A numeric cell as two decimals; UNNECESSARY fails unless the cell reads back as exactly a 分 amount. */
    private static String amount(Cell cell) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** The CSV's cell without its formula guard: the workbook writes text as string cells, which need none. */
    private static String unguarded(String csvCell) {
        boolean guarded = csvCell.length() > 1 && csvCell.charAt(0) == '\''
                && "=+-@\t\r".indexOf(csvCell.charAt(1)) >= 0;
        return guarded ? csvCell.substring(1) : csvCell;
    }

    private static List<String> strings(Row row) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            out.add(row.getCell(c).getStringCellValue());
        }
        return out;
    }

    private static int lastRow(HttpResponse<byte[]> response) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            return wb.getSheetAt(0).getLastRowNum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 records (quoted fields may hold commas, quotes and line breaks), BOM stripped. */
    private static List<List<String>> csvRecords(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(ch);
            }
        }
        return records;
    }
}
