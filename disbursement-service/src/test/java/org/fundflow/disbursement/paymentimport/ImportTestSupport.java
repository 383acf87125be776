package org.fundflow.disbursement.paymentimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.fundflow.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/** Helpers of the import tests (same Spring context as every other test: no configuration here). */
abstract class ImportTestSupport extends DisbursementServiceTestBase {
    static final String HEADER = String.join(",", ImportColumns.ALL);
    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** One CSV line of the eleven columns, quoting what needs it. */
    static String csvLine(Object... cells) {
        List<String> out = new ArrayList<>();
        for (Object cell : cells) {
            String s = cell == null ? "" : cell.toString();
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            out.add(s);
        }
        return String.join(",", out);
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads as the agency of {@code org}, expects 202 with a Location; returns the job id. */
    String submit(String org, String fileName, String contentType, Path file) {
        Response r = uploadAs(TestTokens.agency(org), fileName, contentType, file, UUID.randomUUID().toString(),
                "file");
        assertThat(r.status()).as("upload %s: %s", fileName, r.body()).isEqualTo(202);
        String jobId = r.text("jobId");
        assertThat(r.header("Location")).isEqualTo("/api/payment-imports/" + jobId);
        assertThat(r.text("status")).isIn("QUEUED", "RUNNING", "COMPLETED");
        return jobId;
    }

    /** Uploads as the agency of an org that holds nothing: for files that fail whoever uploads them. */
    String submit(String fileName, String contentType, Path file) {
        return submit(SOME_ORG, fileName, contentType, file);
    }

    /** Polls the job until it is finished; {@code seen} receives every processedRows value polled on the way. */
    JsonNode awaitJob(String jobId, List<Long> seen) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = call("/api/payment-imports/" + jobId);
            assertThat(r.status()).isEqualTo(200);
            last[0] = r.body();
            if (seen != null) {
                seen.add(r.body().path("processedRows").asLong());
            }
            String status = r.text("status");
            return status.equals("COMPLETED") || status.equals("FAILED");
        });
        return last[0];
    }

    JsonNode awaitJob(String jobId) {
        return awaitJob(jobId, null);
    }
}
