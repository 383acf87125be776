package org.fundflow.disbursement.paymentimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * (payerOrg, voucherNo) is an imported payment's natural key: uploading the same file again records nothing twice,
 * and a corrected file records only what is new, refusing a voucher whose content changed.
 */
class CsvReimportTest extends ImportTestSupport {
    @TempDir
    Path dir;

    @Test
    void theSameFileTwiceRecordsEachRowOnceAndACorrectedFileOnlyWhatIsNew() {
        Events.AllocationIssued a = orgAllocation("100000.00", "2023-02-01");
        String vouchers = "RE-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int i = 1; i <= 30; i++) {
            lines.add(csvLine(a.allocationId(), a.toOrg(), i + ".25", "2023-03-" + (10 + i % 10), "2101301",
                    "30307", "PROJECT", "患者 " + i, 1, vouchers + "/" + i, null));
        }
        Path file = write(dir.resolve("march.csv"), lines);

        JsonNode first = awaitJob(submit(a.toOrg(), "march.csv", CSV, file));
        assertThat(first.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(first.path("recordedRows").asLong()).isEqualTo(30);
        String executed = balance(a.allocationId()).get("executed").asString();
        assertThat(executed).isEqualTo("472.50"); // Σ 1..30 + 30 × 0.25
        long payments = count("payment");
        long outbox = count("outbox");

        JsonNode again = awaitJob(submit(a.toOrg(), "march.csv", CSV, file));
        assertThat(again.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(again.path("processedRows").asLong()).isEqualTo(30);
        assertThat(again.path("duplicateRows").asLong()).isEqualTo(30);
        assertThat(again.path("recordedRows").asLong()).isZero();
        assertThat(again.path("rejectedRows").asLong()).isZero();
        assertThat(again.path("recordedAmount").asString()).isEqualTo("0.00");
        assertThat(count("payment")).isEqualTo(payments);
        assertThat(count("outbox")).isEqualTo(outbox);
        assertThat(balance(a.allocationId()).get("executed").asString()).isEqualTo(executed);

        // corrected: row 5 (line 6) got another amount, and one row was added
        List<String> corrected = new ArrayList<>(lines);
        corrected.set(5, csvLine(a.allocationId(), a.toOrg(), "5.26", "2023-03-15", "2101301", "30307", "PROJECT",
                "患者 5", 1, vouchers + "/5", null));
        corrected.add(csvLine(a.allocationId(), a.toOrg(), "100", "2023-03-31", "2101301", "30307", "PROJECT",
                "患者 31", 1, vouchers + "/31", null));
        JsonNode third = awaitJob(submit(a.toOrg(), "march-corrected.csv", CSV,
                write(dir.resolve("c.csv"), corrected)));
        assertThat(third.path("recordedRows").asLong()).isEqualTo(1);
        assertThat(third.path("duplicateRows").asLong()).isEqualTo(29);
        assertThat(third.path("rejectedRows").asLong()).isEqualTo(1);
        assertThat(third.at("/errors/0/line").asLong()).isEqualTo(6);
        assertThat(third.at("/errors/0/field").asString()).isEqualTo("voucherNo");
        assertThat(third.at("/errors/0/reason").asString()).contains("voucher " + vouchers + "/5")
                .contains("already used for a different payment");
        assertThat(balance(a.allocationId()).get("executed").asString()).isEqualTo("572.50");
        assertExecutionTotalsMatchTheRows();
    }

    @Test
    void theSameIdempotencyKeyReplaysTheJobAndAnotherFileUnderItIsAConflict() {
        Events.AllocationIssued a = orgAllocation("100.00", "2023-02-01");
        Path file = write(dir.resolve("one.csv"), List.of(HEADER, csvLine(a.allocationId(), a.toOrg(), "1",
                "2023-03-01", "2101301", "30307", "BASIC", null, null, "K-" + UUID.randomUUID(), null)));
        String key = UUID.randomUUID().toString();
        String agency = TestTokens.agency(a.toOrg());
        Response first = uploadAs(agency, "one.csv", CSV, file, key, "file");
        Response replay = uploadAs(agency, "one.csv", CSV, file, key, "file");
        assertThat(first.status()).isEqualTo(202);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.text("jobId")).isEqualTo(first.text("jobId"));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_import_job WHERE file_name = 'one.csv' AND "
                + "job_id = ?::uuid", Long.class, first.text("jobId"))).isOne();
        assertThat(awaitJob(first.text("jobId")).path("recordedRows").asLong()).isOne();

        Path other = write(dir.resolve("two.csv"), List.of(HEADER, csvLine(a.allocationId(), a.toOrg(), "2",
                "2023-03-01", "2101301", "30307", "BASIC", null, null, "K-" + UUID.randomUUID(), null)));
        Response conflict = uploadAs(agency, "one.csv", CSV, other, key, "file");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.field()).isEqualTo("Idempotency-Key");
        assertThat(balance(a.allocationId()).get("executed").asString()).isEqualTo("1.00");
    }
}
