package org.fundflow.reporting.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The tables as files, laid out like the printed forms: CSV (UTF-8 with BOM, CRLF) and XLSX (POI: title, 公开NN表,
 * 部门名称 / 年度 / 金额单位 line, header rows, 栏次, rows, notes) and JSON; in 万元 every figure is rounded from its
 * exact 分 sum and the 尾数 note is printed. Bad parameters are a 400 naming the parameter.
 */
class FinalAccountsExportTest extends FinalAccountsTestSupport {
    private static final String REGION = "141124";

    @Test
    void tables_export_as_csv_xlsx_and_json_in_yuan_and_wan() throws Exception {
        String org = newOrg("FA-LX");
        String program = uniqueProgram("FA-EXP");
        events().org(Events.ORG_REGISTERED, new Events.OrgRegistered(org, "临县测试局", REGION, "临县"));
        events().registered(new Events.ProgramRegistered(program, "导出测试", 2024, "2101501", "GENERAL_BUDGET"));
        Events.AllocationIssued a = issue(program, "导出测试", 2024).source(Level.COUNTY).from(REGION, "临县")
                .toOrg(org, "临县测试局", REGION).function("2101501").amount("20000000.00")
                .doc("临财〔2024〕1号", "2024-01-10").build();
        events().issued(a);
        events().paid(pay(a).amount("1234.56", "2024-02-01").function("2101501")
                .economic("30101", ExpenditureKind.BASIC).build());
        events().paid(pay(a).amount("2345.67", "2024-02-01").function("2101502")
                .economic("30201", ExpenditureKind.BASIC).build());
        events().paid(pay(a).amount("12345678.91", "2024-03-01").function("2101301")
                .economic("30307", ExpenditureKind.PROJECT).build());
        awaitTable(org, 2024, "公开05", t -> assertThat(value(t, "total", "total")).isEqualTo("12349259.14"));

        // CSV in 元, exactly as printed: zero cells empty, 合计 first
        HttpResponse<byte[]> csv = get(path(org, 2024, "公开05") + "?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v.toLowerCase().replace(" ", "")).isEqualTo("text/csv;charset=utf-8"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"final-accounts-"
                + org + "-2024-general-budget-expenditure.csv\"");
        assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(text(csv)).isEqualTo("\uFEFF一般公共预算财政拨款支出决算表,,,,\r\n"
                + ",,,,公开05表\r\n"
                + "部门名称：临县测试局,,2024年度,,金额单位：元\r\n"
                + "项目,,本年支出,,\r\n"
                + "功能分类科目编码,科目名称,小计,基本支出,项目支出\r\n"
                + "栏次,,1,2,3\r\n"
                + "合计,,12349259.14,3580.23,12345678.91\r\n"
                + "210,卫生健康支出,12349259.14,3580.23,12345678.91\r\n"
                + "21013,医疗救助,12345678.91,,12345678.91\r\n"
                + "2101301,城乡医疗救助,12345678.91,,12345678.91\r\n"
                + "21015,医疗保障管理事务,3580.23,3580.23,\r\n"
                + "2101501,行政运行,1234.56,1234.56,\r\n"
                + "2101502,一般行政管理事务,2345.67,2345.67,\r\n"
                + "注：本表反映部门本年度一般公共预算财政拨款支出情况。,,,,\r\n");

        // XLSX in 万元
        HttpResponse<byte[]> xlsx = get(path(org, 2024, "公开05") + "?format=xlsx&unit=wan");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("公开05表");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("一般公共预算财政拨款支出决算表");
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(0, 0, 0, 4));
            assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("公开05表");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("部门名称：临县测试局");
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("2024年度");
            assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("金额单位：万元");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("项目");
            assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("本年支出");
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(3, 3, 2, 4));
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("功能分类科目编码");
            assertThat(sheet.getRow(4).getCell(3).getStringCellValue()).isEqualTo("基本支出");
            Row columnNumbers = sheet.getRow(5);
            assertThat(columnNumbers.getCell(0).getStringCellValue()).isEqualTo("栏次");
            assertThat(columnNumbers.getCell(2).getStringCellValue()).isEqualTo("1");
            assertThat(columnNumbers.getCell(4).getStringCellValue()).isEqualTo("3");
            Row total = sheet.getRow(6);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(amount(total.getCell(2))).isEqualTo("1234.93");
            assertThat(amount(total.getCell(3))).isEqualTo("0.36");
            assertThat(amount(total.getCell(4))).isEqualTo("1234.57");
            // 21015 = 0.36万, rounded from its exact 3,580.23 元, though its rows print 0.12 + 0.23
            assertThat(sheet.getRow(10).getCell(0).getStringCellValue()).isEqualTo("21015");
            assertThat(amount(sheet.getRow(10).getCell(2))).isEqualTo("0.36");
            assertThat(amount(sheet.getRow(11).getCell(2))).isEqualTo("0.12");
            assertThat(amount(sheet.getRow(12).getCell(2))).isEqualTo("0.23");
            assertThat(sheet.getRow(12).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(13).getCell(0).getStringCellValue())
                    .isEqualTo("注：本表反映部门本年度一般公共预算财政拨款支出情况。");
            assertThat(sheet.getRow(14).getCell(0).getStringCellValue()).isEqualTo("注：本表金额单位转换时可能存在尾数误差");
            assertThat(sheet.getLastRowNum()).isEqualTo(14);
        }

        // JSON in 万元: the same rounding, the unit and the note
        JsonNode wan = table(org, 2024, "公开05", "unit=wan");
        assertThat(wan.get("unit").asString()).isEqualTo("万元");
        assertThat(wan.get("note").asString()).isEqualTo("本表金额单位转换时可能存在尾数误差");
        assertThat(wan.get("status").asString()).isEqualTo("live");
        assertThat(wan.get("title").asString()).isEqualTo("临县测试局2024年度一般公共预算财政拨款支出决算表");
        assertThat(value(wan, "21015", "total")).isEqualTo("0.36");
        assertThat(value(wan, "2101501", "total")).isEqualTo("0.12");
        assertThat(value(wan, "total", "total")).isEqualTo("1234.93");
        JsonNode yuan = table(org, 2024, "general-budget-expenditure", "");
        assertThat(yuan.get("unit").asString()).isEqualTo("元");
        assertThat(yuan.get("note").isNull()).isTrue();
        assertThat(value(yuan, "21015", "total")).isEqualTo("3580.23");

        // The summary table side by side (收入 | 支出) with 行次 and aligned footers
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(
                get(path(org, 2024, "公开01") + "?format=xlsx").body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("收入支出决算总表");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("收入");
            assertThat(sheet.getRow(3).getCell(3).getStringCellValue()).isEqualTo("支出");
            assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("栏次");
            Row first = sheet.getRow(6);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("一、一般公共预算财政拨款收入");
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("1");
            assertThat(amount(first.getCell(2))).isEqualTo("20000000.00");
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo("一、一般公共服务支出");
            assertThat(first.getCell(4).getStringCellValue()).isEqualTo("32");
            Row totals = sheet.getRow(6 + 26);
            assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("本年收入合计");
            assertThat(totals.getCell(1).getStringCellValue()).isEqualTo("27");
            assertThat(totals.getCell(3).getStringCellValue()).isEqualTo("本年支出合计");
            assertThat(totals.getCell(4).getStringCellValue()).isEqualTo("58");
            assertThat(amount(totals.getCell(5))).isEqualTo("12349259.14");
            Row carryOut = sheet.getRow(6 + 28);
            assertThat(carryOut.getCell(3).getStringCellValue()).isEqualTo("年末结转和结余");
            assertThat(amount(carryOut.getCell(5))).isEqualTo("7650740.86");
        }

        // The list of tables of the org's layout
        HttpResponse<byte[]> index = get("/api/reports/final-accounts/" + org + "/2024");
        JsonNode list = json(index);
        assertThat(list.at("/org/name").asString()).isEqualTo("临县测试局");
        assertThat(list.at("/layout/id").asString()).isEqualTo("lishi-2022");
        assertThat(list.get("tables")).hasSize(10);
        assertThat(list.at("/tables/5/number").asString()).isEqualTo("公开06");
        assertThat(list.at("/tables/5/kind").asString()).isEqualTo("expenditure-by-economic-code");
        assertThat(list.at("/tables/6/noData").asBoolean()).isTrue();
    }

    @Test
    void bad_parameters_are_400s_naming_the_parameter_and_unknown_tables_404s() {
        String base = "/api/reports/final-accounts/FA-NONE/2024/公开05".replace("公开05", "%E5%85%AC%E5%BC%8005");
        assertProblem(get(base + "?format=pdf"), 400, "format");
        assertProblem(get(base + "?unit=usd"), 400, "unit");
        assertProblem(get(base + "?version=0"), 400, "version");
        assertProblem(get(base + "?version=3"), 404, "version");
        assertProblem(get("/api/reports/final-accounts/FA-NONE/20x4/income"), 400, "fiscalYear");
        assertProblem(get("/api/reports/final-accounts/FA-NONE/1800/income"), 400, "fiscalYear");
        assertProblem(get("/api/reports/final-accounts/bad%20org/2024/income"), 400, "orgCode");
        assertProblem(get("/api/reports/final-accounts/FA-NONE/2024/%E5%85%AC%E5%BC%8099"), 404, "table");
        // an org nobody has heard of yet: empty tables, not an error (its events may not have arrived)
        JsonNode empty = table("FA-NONE", 2024, "income", "");
        assertThat(empty.get("noData").asBoolean()).isTrue();
        assertThat(value(empty, "total", "total")).isEqualTo("0.00");
        assertThat(empty.at("/org/name").asString()).isEqualTo("FA-NONE");
    }

    private void assertProblem(HttpResponse<byte[]> response, int status, String field) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(json(response).get("field").asString()).isEqualTo(field);
    }

    private static String amount(Cell cell) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
