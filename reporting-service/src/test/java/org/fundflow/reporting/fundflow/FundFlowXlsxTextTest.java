package org.fundflow.reporting.fundflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Text in the workbook reads back exactly as it was, whatever characters it holds (plain JUnit, POI only). */
class FundFlowXlsxTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"离石区医疗保障局", "tab\tLF\nCR\r", "\u0000\u0001\u0007\u000B\u001F", "a\uFFFEb\uFFFFc",
            "_x0041_", "_x005F_", "__x0041__", "_x004_", "_X0041_", "bidi \u202E override", "emoji 🧾",
            "lone \uD800 high", "lone \uDC00 low", "=SUM(A1:A9)", "'; DROP TABLE allocation_fact; --"})
    void any_text_reads_back_as_it_was(String text) throws IOException {
        assertThat(roundTrip(FundFlowXlsx.escaped(text))).isEqualTo(text);
    }

    @Test
    void text_over_excels_limit_is_cut_with_an_ellipsis_never_inside_an_escape_or_a_pair() throws IOException {
        int max = 32_767;
        assertThat(FundFlowXlsx.escaped("x".repeat(max))).hasSize(max);
        String cut = FundFlowXlsx.escaped("x".repeat(max + 1));
        assertThat(cut).hasSize(max).endsWith("x…");
        assertThat(roundTrip(cut)).isEqualTo(cut);

        String controls = FundFlowXlsx.escaped("\u0007".repeat(10_000));
        assertThat(controls.length()).isLessThanOrEqualTo(max);
        assertThat(roundTrip(controls)).isEqualTo("\u0007".repeat((max - 1) / 7) + "…");

        String pairs = FundFlowXlsx.escaped("x" + "🧾".repeat(20_000));
        assertThat(pairs.length()).isLessThanOrEqualTo(max);
        assertThat(roundTrip(pairs)).isEqualTo("x" + "🧾".repeat((max - 2) / 2) + "…");
    }

    /** Through a real workbook: the cell is written, saved, opened again and read. */
    private static String roundTrip(String cellText) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet().createRow(0).createCell(0).setCellValue(cellText);
            wb.write(out);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            return wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue();
        }
    }
}
