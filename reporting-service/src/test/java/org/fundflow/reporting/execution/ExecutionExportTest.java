package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;

/**
 * The tables as files: CSV with a BOM and the formula guard, XLSX that POI opens with the title, the units line,
 * the rows and the 合计 row with exact numbers. The only test of the module with facts in 141124 (临县) in 2023.
 */
class ExecutionExportTest extends ExecutionTestSupport {
    private static final String NAME = "=HYPERLINK(\"http://evil.example\",\"x\")";

    @Test
    void by_fund_exports_as_csv_and_xlsx_with_the_same_rows() throws Exception {
        String program = uniqueProgram("LX2023-EXP");
        events().registered(new Events.ProgramRegistered(program, NAME, 2023, "2101301", "GENERAL_BUDGET"));
        Events.AllocationIssued county = issue(program, "临县导出测试", 2023).source(Level.CITY)
                .from("141100", "吕梁市").toRegion("141124", "临县").amount("2000000.00")
                .doc("吕财〔2023〕test号", "2023-03-01").build();
        Events.AllocationIssued org = issue(program, "临县导出测试", 2023).source(Level.CITY)
                .from("141124", "临县").toOrg("LX-YBJ", "临县医疗保障局", "141124").under(county)
                .amount("2000000.00").doc("临财〔2023〕test号", "2023-03-20").build();
        events().issued(county);
        events().issued(org);
        events().paid(pay(org).amount("1234567.89", "2023-05-01").build());
        events().paid(pay(org).amount("100000.01", "2023-06-01").function("2101399").build());

        String query = "/api/reports/execution/by-fund?fiscalYear=2023&region=141124&asOf=2023-12-31";
        awaitReport(query, r -> {
            assertThat(s(requireRow(r, "programCode", program), "executed")).isEqualTo("1334567.90");
            assertThat(s(requireRow(r, "programCode", program), "programName")).isEqualTo(NAME);
        });

        HttpResponse<byte[]> csv = get(query + "&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v.toLowerCase().replace(" ", "")).isEqualTo("text/csv;charset=utf-8"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"execution-by-fund-2023.csv\"");
        assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(text(csv)).isEqualTo("\uFEFF2023年度临县分资金支出进度表（截至2023-12-31）,,,,,,,\r\n"
                + "单位：元,,,,,,,\r\n"
                + "项目编码,项目名称,资金性质,资金来源,预算金额,支出金额,执行率,执行率（%）\r\n"
                + program + ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",GENERAL_BUDGET,CITY,"
                + "2000000.00,1334567.90,0.6673,66.73%\r\n"
                + "合计,,,,2000000.00,1334567.90,0.6673,66.73%\r\n");

        HttpResponse<byte[]> xlsx = get(query + "&format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"execution-by-fund-2023.xlsx\"");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("分资金");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("2023年度临县分资金支出进度表（截至2023-12-31）");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("单位：元");
            assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("预算金额");
            Row data = sheet.getRow(3);
            assertThat(data.getCell(0).getStringCellValue()).isEqualTo(program);
            assertThat(data.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(data.getCell(1).getStringCellValue()).isEqualTo(NAME);
            assertThat(amount(data.getCell(5))).isEqualTo("1334567.90");
            Row total = sheet.getRow(4);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(amount(total.getCell(4))).isEqualTo("2000000.00");
            assertThat(amount(total.getCell(5))).isEqualTo("1334567.90");
            assertThat(BigDecimal.valueOf(total.getCell(6).getNumericCellValue())).isEqualByComparingTo("0.6673");
            assertThat(total.getCell(7).getStringCellValue()).isEqualTo("66.73%");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
        }

        HttpResponse<byte[]> wan = get(query + "&format=xlsx&unit=wan");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(wan.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("单位：万元");
            assertThat(amount(sheet.getRow(4).getCell(4))).isEqualTo("200.00");
            assertThat(amount(sheet.getRow(4).getCell(5))).isEqualTo("133.46");
            assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("注：本表金额单位转换时可能存在尾数误差");
        }

        // by-function and by-region open as workbooks too, with their 合计 row.
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(get(
                "/api/reports/execution/by-function?fiscalYear=2023&region=141124&asOf=2023-12-31&format=xlsx")
                .body()))) {
            Sheet sheet = wb.getSheetAt(0);
            Row total = sheet.getRow(sheet.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(amount(total.getCell(5))).isEqualTo("1334567.90");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("210");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(get(
                "/api/reports/execution/by-region?fiscalYear=2023&region=141100&programCode=" + program
                        + "&asOf=2023-12-31&format=xlsx").body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("临县");
            Row total = sheet.getRow(4);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(amount(total.getCell(2))).isEqualTo("2000000.00");
            assertThat(amount(total.getCell(3))).isEqualTo("1334567.90");
        }
    }

    private static String amount(Cell cell) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
