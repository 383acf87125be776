package org.fundflow.disbursement.paymentimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What an upload can get wrong: refused at once when the request itself is wrong (400, 413, 415, all problem+json,
 * no job), or accepted and then FAILED with a clear message when only reading the file shows it (header, encoding,
 * a ZIP that is no workbook).
 */
class ImportUploadRejectionTest extends ImportTestSupport {
    @TempDir
    Path dir;

    @Test
    void refusesWhatIsNotAnImportableUploadWithoutMakingAJob() throws IOException {
        long jobsBefore = count("payment_import_job");
        Path csv = write(dir.resolve("ok.csv"), List.of(HEADER));

        Response noKey = upload("ok.csv", CSV, csv, null);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.field()).isEqualTo("Idempotency-Key");

        Response empty = upload("empty.csv", CSV, Files.write(dir.resolve("empty.csv"), new byte[0]), key());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.field()).isEqualTo("file");

        Response pdf = upload("scan.pdf", "application/pdf", Files.writeString(dir.resolve("scan.pdf"),
                "%PDF-1.7 not a table"), key());
        assertThat(pdf.status()).isEqualTo(415);
        assertThat(pdf.header("Content-Type")).startsWith("application/problem+json");
        assertThat(pdf.field()).isEqualTo("file");

        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        Response xls = upload("old.xls", "application/vnd.ms-excel", Files.write(dir.resolve("old.xls"), ole2),
                key());
        assertThat(xls.status()).isEqualTo(415);
        assertThat(xls.detail()).contains(".xls");

        Response fakeXlsx = upload("fake.xlsx", XLSX, Files.writeString(dir.resolve("fake.xlsx"), "a,b\n"), key());
        assertThat(fakeXlsx.status()).isEqualTo(415);

        Response binaryCsv = upload("bin.csv", CSV, Files.write(dir.resolve("bin.csv"), new byte[] {'a', 0, 'b'}),
                key());
        assertThat(binaryCsv.status()).isEqualTo(415);

        Response notMultipart = post("/api/payment-imports", key(), "{\"file\":\"x\"}");
        assertThat(notMultipart.status()).isEqualTo(415);
        assertThat(notMultipart.field()).isEqualTo("file");
        assertThat(notMultipart.header("Content-Type")).startsWith("application/problem+json");

        // over 50 MB: 413 as problem+json
        Path big = dir.resolve("big.csv");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024 + 100_000);
        }
        Response tooLarge = upload("big.csv", CSV, big, key());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLarge.field()).isEqualTo("file");
        assertThat(tooLarge.detail()).contains("50 MB");

        assertThat(count("payment_import_job")).isEqualTo(jobsBefore);
        assertThat(call("/api/payment-imports/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(call("/api/payment-imports/" + UUID.randomUUID() + "/errors").status()).isEqualTo(404);
        assertThat(call("/api/payment-imports/nope").field()).isEqualTo("jobId");
    }

    @Test
    void aMissingFilePartIsNamed() {
        Response r = upload("ok.csv", CSV, write(dir.resolve("x.csv"), List.of(HEADER)), key(), "document");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("file");
    }

    @Test
    void failsTheJobWhenTheFileCannotBeReadAsAWhole() throws IOException {
        JsonNode header = awaitJob(submit("bad-header.csv", CSV, write(dir.resolve("h.csv"), List.of(
                "allocationId,payerOrg,amount,paidOn,functionCode,economicCode,expenditureKind,payee,凭证号",
                "x,y,1,2023-01-01,210,303,BASIC,,V1"))));
        assertThat(header.path("status").asString()).isEqualTo("FAILED");
        assertThat(header.path("failure").asString()).contains("line 1").contains("missing: voucherNo")
                .contains("unknown: 凭证号");
        assertThat(header.path("processedRows").asLong()).isZero();

        Path gbk = dir.resolve("gbk.csv");
        Files.write(gbk, (HEADER + "\n" + "x,y,1,2023-01-01,210,303,BASIC,榆次区总工会,,V1,\n")
                .getBytes(Charset.forName("GBK")));
        JsonNode encoding = awaitJob(submit("gbk.csv", CSV, gbk));
        assertThat(encoding.path("status").asString()).isEqualTo("FAILED");
        assertThat(encoding.path("failure").asString()).contains("not UTF-8").contains("line 2");

        Path zip = dir.resolve("not-a-workbook.xlsx");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("hello.txt"));
            z.write("hello".getBytes());
            z.closeEntry();
        }
        JsonNode notWorkbook = awaitJob(submit("not-a-workbook.xlsx", XLSX, zip));
        assertThat(notWorkbook.path("status").asString()).isEqualTo("FAILED");
        assertThat(notWorkbook.path("failure").asString()).contains("XLSX");

        JsonNode headerOnly = awaitJob(submit("empty-rows.csv", CSV, write(dir.resolve("e.csv"), List.of(HEADER))));
        assertThat(headerOnly.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(headerOnly.path("totalRows").asLong()).isZero();

        JsonNode blank = awaitJob(submit("blank.csv", CSV, write(dir.resolve("b.csv"), List.of("", " "))));
        assertThat(blank.path("status").asString()).isEqualTo("FAILED");
        assertThat(blank.path("failure").asString()).contains("header row");
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
