package org.fundflow.disbursement.paymentimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.disbursement.AllocationEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * 100,000 rows in one CSV, imported under the module's test heap (-Xmx1g, shared with the in-process Kafka broker):
 * the file is streamed from disk and recorded a batch at a time, so memory does not grow with it. Exact counts and
 * the exact executed sum to the 分.
 */
class LargeCsvImportTest extends ImportTestSupport {
    private static final int ROWS = 100_000;
    private static final int ALLOCATIONS = 10;

    @TempDir
    Path dir;

    @Test
    void importsAHundredThousandRowsWithExactCountsAndSums() throws IOException {
        // ten allocations to one org that only budget-service knows yet: the import reads them through, with the
        // uploading agency's token
        String org = uniqueProgram("ORG");
        List<Events.AllocationIssued> allocations = new ArrayList<>();
        for (int a = 0; a < ALLOCATIONS; a++) {
            Events.AllocationIssued issued = AllocationEvents.issue(uniqueProgram("BULK"), "城乡医疗救助", 2023)
                    .source(Level.CITY).from("140700", "晋中市").toOrg(org, "医疗保障局", "140700")
                    .amount("50000000.00").doc("市财社〔2023〕bulk号", "2023-01-01").build();
            budgetService().serve(issued);
            allocations.add(issued);
        }
        String vouchers = "B" + UUID.randomUUID().toString().substring(0, 8);
        long[] expectedCents = new long[ALLOCATIONS];
        List<Long> badLines = new ArrayList<>();
        Path file = dir.resolve("payments-100k.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            out.write(HEADER);
            out.write("\r\n");
            for (int i = 0; i < ROWS; i++) {
                int a = i % ALLOCATIONS;
                Events.AllocationIssued allocation = allocations.get(a);
                long cents = 1 + (i * 7919L) % 500_000;
                boolean bad = i % 10_000 == 4321;
                String paidOn = bad ? "2023-02-30"
                        : String.format("2023-%02d-%02d", 1 + i % 12, 1 + i % 28);
                String payee = i % 1000 == 0 ? "榆次区\"第一\"人民医院, 门诊" : "患者" + i;
                out.write(csvLine(allocation.allocationId(), allocation.toOrg(), Money.ofCents(cents), paidOn,
                        "2101301", "30307", i % 3 == 0 ? "BASIC" : "PROJECT", payee, i % 5, vouchers + "-" + i,
                        i % 7 == 0 ? "SERVICES" : null));
                out.write("\r\n");
                if (bad) {
                    badLines.add(i + 2L); // the header is line 1
                } else {
                    expectedCents[a] += cents;
                }
            }
        }
        long expectedTotal = java.util.Arrays.stream(expectedCents).sum();

        long started = System.nanoTime();
        String jobId = submit(org, "payments-100k.csv", CSV, file);
        List<Long> seen = new ArrayList<>();
        JsonNode job = awaitJob(jobId, seen);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[payment-import] %d rows (%d MB CSV) imported in %d ms: %.0f rows/s%n", ROWS,
                Files.size(file) >> 20, millis, ROWS * 1000.0 / millis);

        assertThat(job.path("status").asString()).as("%s", job).isEqualTo("COMPLETED");
        assertThat(job.path("format").asString()).isEqualTo("CSV");
        assertThat(job.path("fileName").asString()).isEqualTo("payments-100k.csv");
        assertThat(job.path("totalRows").asLong()).isEqualTo(ROWS);
        assertThat(job.path("processedRows").asLong()).isEqualTo(ROWS);
        assertThat(job.path("recordedRows").asLong()).isEqualTo(ROWS - badLines.size());
        assertThat(job.path("duplicateRows").asLong()).isZero();
        assertThat(job.path("rejectedRows").asLong()).isEqualTo(badLines.size());
        assertThat(job.path("recordedAmount").asString()).isEqualTo(Money.ofCents(expectedTotal).toString());
        assertThat(job.path("startedAt").isNull()).isFalse();
        assertThat(job.path("finishedAt").isNull()).isFalse();
        List<Long> errorLines = new ArrayList<>();
        job.path("errors").forEach(e -> {
            errorLines.add(e.path("line").asLong());
            assertThat(e.path("field").asString()).isEqualTo("paidOn");
            assertThat(e.path("reason").asString()).contains("not a calendar date");
        });
        assertThat(errorLines).isEqualTo(badLines);
        assertThat(seen).as("progress is committed per batch and visible while the job runs")
                .anyMatch(n -> n > 0 && n < ROWS);

        long executedTotal = 0;
        for (int a = 0; a < ALLOCATIONS; a++) {
            JsonNode balance = balance(allocations.get(a).allocationId());
            assertThat(balance.get("executed").asString()).isEqualTo(Money.ofCents(expectedCents[a]).toString());
            executedTotal += new BigDecimal(balance.get("executed").asString()).movePointRight(2).longValueExact();
        }
        assertThat(executedTotal).isEqualTo(expectedTotal);
        assertExecutionTotalsMatchTheRows();
        UUID job_ = UUID.fromString(jobId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment WHERE import_job_id = ?", Long.class, job_))
                .isEqualTo(ROWS - badLines.size());
        assertThat(jdbc.queryForObject("SELECT sum(amount_cents) FROM payment WHERE import_job_id = ?", Long.class,
                job_)).isEqualTo(expectedTotal);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregatetype = 'payment' "
                + "AND payload->'payload'->>'importJobId' = ?", Long.class, jobId))
                .isEqualTo(ROWS - badLines.size());
        JsonNode quoted = JSON.readTree(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE "
                + "payload->'payload'->>'voucherNo' = ?", String.class, vouchers + "-1000")).path("payload");
        assertThat(quoted.path("payee").asString()).isEqualTo("榆次区\"第一\"人民医院, 门诊");
        assertThat(quoted.path("importJobId").asString()).isEqualTo(jobId);
        assertThat(quoted.path("fundType").isNull()).isTrue();
        assertThat(quoted.path("payerOrgRegion").asString()).isEqualTo("140700");
    }
}
