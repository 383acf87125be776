package org.fundflow.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fundflow.contracts.Money;
import org.junit.jupiter.api.Test;

class PublishedTableTest {

    private static PublishedTable table(AmountUnit unit) {
        return new PublishedTable("2022年 测试表", unit, List.of("编码", "名称", "金额", "比率", "比率（%）"),
                List.of(List.of(PublishedTable.text("2101301"), PublishedTable.text("=SUM(A1)"),
                        PublishedTable.amount(unit.convert(Money.parse("6817074.57"))),
                        PublishedTable.fraction("0.3900"), PublishedTable.percent("-1.00%"))),
                List.of(PublishedTable.text("合计"), PublishedTable.text(null),
                        PublishedTable.amount(unit.convert(Money.parse("6817074.57"))),
                        PublishedTable.fraction("0.3900"), PublishedTable.percent("39.00%")));
    }

    @Test
    void csv_has_the_published_layout_a_bom_and_guarded_text() {
        String csv = new String(table(AmountUnit.YUAN).toCsv(), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFF2022年 测试表,,,,\r\n"
                + "单位：元,,,,\r\n"
                + "编码,名称,金额,比率,比率（%）\r\n"
                + "2101301,'=SUM(A1),6817074.57,0.3900,-1.00%\r\n"
                + "合计,,6817074.57,0.3900,39.00%\r\n");
    }

    @Test
    void wan_is_rounded_half_up_from_the_exact_cents_and_carries_the_note() {
        assertThat(AmountUnit.WAN.format(Money.parse("6817074.57"))).isEqualTo("681.71");
        assertThat(AmountUnit.WAN.format(Money.parse("50.00"))).isEqualTo("0.01");
        assertThat(AmountUnit.WAN.format(Money.parse("49.99"))).isEqualTo("0.00");
        assertThat(AmountUnit.YUAN.format(Money.parse("54100"))).isEqualTo("54100.00");
        String csv = new String(table(AmountUnit.WAN).toCsv(), StandardCharsets.UTF_8);
        assertThat(csv).contains("单位：万元,,,,\r\n").contains("2101301,'=SUM(A1),681.71,")
                .endsWith("注：本表金额单位转换时可能存在尾数误差,,,,\r\n");
    }

    @Test
    void xlsx_opens_with_title_units_header_rows_total_and_note() throws Exception {
        byte[] bytes = Xlsx.render(table(AmountUnit.WAN), "测试");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = wb.getSheet("测试");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("2022年 测试表");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("单位：万元");
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("金额");
            assertThat(sheet.getRow(3).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("=SUM(A1)");
            assertThat(BigDecimal.valueOf(sheet.getRow(3).getCell(2).getNumericCellValue())).isEqualByComparingTo("681.71");
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(sheet.getRow(4).getCell(4).getStringCellValue()).isEqualTo("39.00%");
            assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("注：本表金额单位转换时可能存在尾数误差");
        }
    }

    @Test
    void every_row_fills_every_column() {
        assertThatThrownBy(() -> new PublishedTable("t", AmountUnit.YUAN, List.of("a", "b"),
                List.of(List.of(PublishedTable.text("x"))), List.of(PublishedTable.text("合计"), PublishedTable.text(null))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
