package org.fundflow.disbursement.paymentimport;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An XLSX as a clerk fills it in: numbers typed as numbers (amounts, function codes, counts), dates as dates or as
 * text, a blank row, and a few bad rows. Streamed with POI's event API; the bad rows are listed with their Excel row.
 */
class XlsxImportTest extends ImportTestSupport {
    @TempDir
    Path dir;

    @Test
    void importsAWorkbookAndListsItsBadRowsByExcelRow() throws IOException {
        KafkaTopic topic = KafkaTopic.fromNow(Topics.PAYMENT);
        Events.AllocationIssued a = orgAllocation("200000.00", "2023-04-01");
        String v = "X-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve("april.xlsx");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("支付明细");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < ImportColumns.ALL.size(); c++) {
                header.createCell(c).setCellValue(ImportColumns.ALL.get(c));
            }
            // row 2: numbers and a date cell
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue(a.allocationId().toString());
            r.createCell(1).setCellValue(a.toOrg());
            r.createCell(2).setCellValue(150000);
            r.createCell(3).setCellValue(LocalDate.of(2023, 5, 4));
            r.getCell(3).setCellStyle(date);
            r.createCell(4).setCellValue(2101301);
            r.createCell(5).setCellValue("30307");
            r.createCell(6).setCellValue("PROJECT");
            r.createCell(7).setCellValue("榆次区人民医院");
            r.createCell(8).setCellValue(3);
            r.createCell(9).setCellValue(v + "-1");
            r.createCell(10).setCellValue("SERVICES");
            // row 3: 0.57 shown as money, date as text, optional cells left empty
            row(sheet, 2, a, 0.57, "2023-05-05", v + "-2").getCell(2).setCellStyle(money);
            row(sheet, 3, a, 1.234, "2023-05-05", v + "-3");                          // 3 decimals
            row(sheet, 4, a, 10, "2023-05-05", v + "-4").getCell(5).setCellValue("3030"); // economicCode
            row(sheet, 5, a, 10, "2023-05-05", null);                                 // no voucher
            row(sheet, 6, a, 10, "2023-05-05", v + "-6").getCell(1).setCellValue("SOMEONE-ELSE");
            sheet.createRow(7);                                                        // blank row
            row(sheet, 8, a, "100.5", "2023-05-06", v + "-9");
            row(sheet, 9, a, 60000, "2023-05-07", v + "-10");                         // over the balance
            wb.write(out);
        }

        JsonNode job = awaitJob(submit(a.toOrg(), "april.xlsx", XLSX, file));
        assertThat(job.path("status").asString()).as("%s", job).isEqualTo("COMPLETED");
        assertThat(job.path("format").asString()).isEqualTo("XLSX");
        assertThat(job.path("totalRows").asLong()).isEqualTo(8);
        assertThat(job.path("processedRows").asLong()).isEqualTo(8);
        assertThat(job.path("recordedRows").asLong()).isEqualTo(3);
        assertThat(job.path("rejectedRows").asLong()).isEqualTo(5);
        assertThat(job.path("recordedAmount").asString()).isEqualTo("150101.07");
        List<String> errors = new ArrayList<>();
        job.path("errors").forEach(e -> errors.add(e.path("line").asLong() + ":" + e.path("field").asString()));
        assertThat(errors).containsExactly("4:amount", "5:economicCode", "6:voucherNo", "7:payerOrg", "10:amount");
        assertThat(job.at("/errors/4/reason").asString()).contains("49898.93 available");
        assertThat(balance(a.allocationId()).get("executed").asString()).isEqualTo("150101.07");

        JsonNode first = JSON.readTree(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE "
                + "payload->'payload'->>'voucherNo' = ?", String.class, v + "-1")).path("payload");
        assertThat(first.path("amount").asString()).isEqualTo("150000.00");
        assertThat(first.path("paidOn").asString()).isEqualTo("2023-05-04");
        assertThat(first.path("functionCode").asString()).isEqualTo("2101301");
        assertThat(first.path("beneficiaryCount").asInt()).isEqualTo(3);
        assertThat(first.path("procurementCategory").asString()).isEqualTo("SERVICES");
        assertThat(first.path("importJobId").asString()).isEqualTo(job.path("jobId").asString());

        // the imported payments' events went out through the bulk outbox insert exactly like an API payment's
        String paymentId = first.path("paymentId").asString();
        ConsumerRecord<String, String> event = topic.awaitKey(paymentId, 1).get(0);
        assertThat(KafkaTopic.header(event, EventHeaders.EVENT_TYPE)).isEqualTo(Events.PAYMENT_RECORDED);
        assertThat(KafkaTopic.header(event, EventHeaders.EVENT_ID))
                .isEqualTo(JSON.readTree(event.value()).path("eventId").asString());
        assertThat(KafkaTopic.header(event, EventHeaders.CORRELATION_ID)).isNotBlank();
        assertThat(JSON.readTree(event.value()).path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(event.value()).at("/payload/paidOn").asString()).isEqualTo("2023-05-04");

        // every bad row, as JSON and as CSV
        JsonNode all = call(job.path("errorsUrl").asString() + "?format=json").body();
        assertThat(all.path("errors")).hasSize(5);
        assertThat(all.at("/errors/2/reason").asString()).contains("voucherNo is required");
        var csv = get(job.path("errorsUrl").asString() + "?format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFline,field,reason\r\n4,amount,");
        assertThat(text.lines().count()).isEqualTo(6);
        assertThat(call(job.path("errorsUrl").asString() + "?format=xml").field()).isEqualTo("format");
    }

    private static Row row(Sheet sheet, int index, Events.AllocationIssued a, Object amount, String paidOn,
            String voucher) {
        Row r = sheet.createRow(index);
        r.createCell(0).setCellValue(a.allocationId().toString());
        r.createCell(1).setCellValue(a.toOrg());
        if (amount instanceof Number n) {
            r.createCell(2).setCellValue(n.doubleValue());
        } else {
            r.createCell(2).setCellValue(amount.toString());
        }
        r.createCell(3).setCellValue(paidOn);
        r.createCell(4).setCellValue("2101301");
        r.createCell(5).setCellValue("30307");
        r.createCell(6).setCellValue("BASIC");
        if (voucher != null) {
            r.createCell(9).setCellValue(voucher);
        }
        return r;
    }
}
