package org.fundflow.disbursement.paymentimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.disbursement.AllocationEvents;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An import belongs to its uploader's org: rows of another org are refused line by line and record nothing; the job
 * row says who uploaded it, and every payment and event the background job writes carries that uploader.
 */
class ImportAccessTest extends ImportTestSupport {
    @TempDir
    Path dir;

    @Test
    void rowsOfAnotherOrgAreRefusedLineByLineAndRecordNothing() {
        Events.AllocationIssued mine = orgAllocation("1000.00", "2023-05-01");
        Events.AllocationIssued theirs = orgAllocation("1000.00", "2023-05-01");
        // only budget-service knows this one yet, and it shows it to its own org's agency only
        Events.AllocationIssued theirsUnseen = AllocationEvents.issue(uniqueProgram("P"), "城乡医疗救助", 2023)
                .source(Level.CITY).from("140700", "晋中市").toOrg(theirs.toOrg(), "晋中市医疗保障局", "140700")
                .amount("1000.00").doc("市财社〔2023〕test号", "2023-05-01").build();
        budgetService().serve(theirsUnseen);
        String v = "SC-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = write(dir.resolve("mixed.csv"), List.of(HEADER,
                csvLine(mine.allocationId(), mine.toOrg(), "1.00", "2023-06-01", "2101301", "30307", "BASIC", null,
                        null, v + "-1", null),
                // their payer org, their allocation
                csvLine(theirs.allocationId(), theirs.toOrg(), "2.00", "2023-06-01", "2101301", "30307", "BASIC",
                        null, null, v + "-2", null),
                // my payer org, their allocation (known here)
                csvLine(theirs.allocationId(), mine.toOrg(), "3.00", "2023-06-01", "2101301", "30307", "BASIC",
                        null, null, v + "-3", null),
                // my payer org, their allocation that only budget-service knows: it refuses my token
                csvLine(theirsUnseen.allocationId(), mine.toOrg(), "4.00", "2023-06-01", "2101301", "30307",
                        "BASIC", null, null, v + "-4", null)));
        long theirPayments = jdbc.queryForObject("SELECT count(*) FROM payment WHERE payer_org = ?", Long.class,
                theirs.toOrg());

        JsonNode job = awaitJob(submit(mine.toOrg(), "mixed.csv", CSV, file));

        assertThat(job.path("status").asString()).as("%s", job).isEqualTo("COMPLETED");
        assertThat(job.path("org").asString()).isEqualTo(mine.toOrg());
        assertThat(job.path("recordedRows").asLong()).isEqualTo(1);
        assertThat(job.path("rejectedRows").asLong()).isEqualTo(3);
        assertThat(job.path("recordedAmount").asString()).isEqualTo("1.00");
        List<String> errors = new ArrayList<>();
        job.path("errors").forEach(e -> errors.add(e.path("line").asLong() + ":" + e.path("field").asString()));
        assertThat(errors).containsExactly("3:payerOrg", "4:allocationId", "5:allocationId");
        job.path("errors").forEach(e -> assertThat(e.path("reason").asString()).contains("outside your scope"));
        assertThat(budgetService().lastAuthorization(theirsUnseen.allocationId())).startsWith("Bearer ");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allocation_fact WHERE allocation_id = ?", Long.class,
                theirsUnseen.allocationId())).as("nothing learned from a refused read-through").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment WHERE payer_org = ?", Long.class,
                theirs.toOrg())).isEqualTo(theirPayments);
        assertThat(balance(theirs.allocationId()).get("executed").asString()).isEqualTo("0.00");
        assertThat(balance(mine.allocationId()).get("executed").asString()).isEqualTo("1.00");
    }

    @Test
    void theJobRecordsItsUploaderAndEveryPaymentAndEventCarriesThem() {
        Events.AllocationIssued a = orgAllocation("1000.00", "2023-05-01");
        String v = "UP-" + UUID.randomUUID().toString().substring(0, 8);
        String clerk = TestTokens.withClaims(Map.of("sub", "clerk-" + v, "role", "AGENCY", "org", a.toOrg()));
        // a batch of one row goes through the single-event path, a batch of two through the bulk insert
        Path one = write(dir.resolve("one.csv"), List.of(HEADER, csvLine(a.allocationId(), a.toOrg(), "1.00",
                "2023-06-01", "2101301", "30307", "BASIC", null, null, v + "-1", null)));
        Path two = write(dir.resolve("two.csv"), List.of(HEADER,
                csvLine(a.allocationId(), a.toOrg(), "2.00", "2023-06-01", "2101301", "30307", "BASIC", null, null,
                        v + "-2", null),
                csvLine(a.allocationId(), a.toOrg(), "3.00", "2023-06-01", "2101301", "30307", "BASIC", null, null,
                        v + "-3", null)));

        for (Path file : List.of(one, two)) {
            Response r = uploadAs(clerk, file.getFileName().toString(), CSV, file, UUID.randomUUID().toString(),
                    "file");
            assertThat(r.status()).isEqualTo(202);
            String jobId = r.text("jobId");
            JsonNode job = awaitJob(jobId);
            assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(job.path("recordedBy").asString()).isEqualTo("clerk-" + v);
            Map<String, Object> row = jdbc.queryForMap("SELECT recorded_by, uploader_role, uploader_region, "
                    + "uploader_org, uploader_address FROM payment_import_job WHERE job_id = ?::uuid", jobId);
            assertThat(row.get("recorded_by")).isEqualTo("clerk-" + v);
            assertThat(row.get("uploader_role")).isEqualTo("AGENCY");
            assertThat(row.get("uploader_region")).isNull();
            assertThat(row.get("uploader_org")).isEqualTo(a.toOrg());
            assertThat((String) row.get("uploader_address")).isNotBlank();
        }

        assertThat(jdbc.queryForList("SELECT DISTINCT recorded_by FROM payment WHERE allocation_id = ?",
                String.class, a.allocationId())).containsExactly("clerk-" + v);
        List<String> envelopes = jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregatetype = 'payment' "
                + "AND payload->'payload'->>'allocationId' = ?", String.class, a.allocationId().toString());
        assertThat(envelopes).hasSize(3);
        for (String text : envelopes) {
            JsonNode envelope = JSON.readTree(text);
            assertThat(envelope.path("recordedBy").asString()).isEqualTo("clerk-" + v);
            assertThat(envelope.at("/actor/subject").asString()).isEqualTo("clerk-" + v);
            assertThat(envelope.at("/actor/role").asString()).isEqualTo("AGENCY");
            assertThat(envelope.at("/actor/org").asString()).isEqualTo(a.toOrg());
            assertThat(envelope.at("/actor/clientAddress").asString()).isNotBlank();
        }
    }

    /** Idempotency-Keys belong to their user (platform IdempotentWrites): the same key is another upload. */
    @Test
    void anotherOrgReusingAnIdempotencyKeyGetsItsOwnJobNeverTheFirstOrgsJob() {
        Events.AllocationIssued a = orgAllocation("100.00", "2023-05-01");
        Path file = write(dir.resolve("k.csv"), List.of(HEADER, csvLine(a.allocationId(), a.toOrg(), "1", "2023-06-01",
                "2101301", "30307", "BASIC", null, null, "K-" + UUID.randomUUID(), null)));
        String key = UUID.randomUUID().toString();
        Response first = uploadAs(TestTokens.agency(a.toOrg()), "k.csv", CSV, file, key, "file");
        assertThat(first.status()).isEqualTo(202);
        awaitJob(first.text("jobId"));

        Response other = uploadAs(TestTokens.agency(uniqueProgram("OTHER")), "k.csv", CSV, file, key, "file");
        assertThat(other.status()).isEqualTo(202);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(other.text("jobId")).isNotEqualTo(first.text("jobId"));
        // and the other org's job records nothing of the first org's rows
        JsonNode job = awaitJob(other.text("jobId"));
        assertThat(job.path("recordedRows").asLong()).isZero();
        assertThat(job.path("rejectedRows").asLong()).isEqualTo(1);
    }

    @Test
    void fileNamesAreStoredWithoutControlCharactersAndCut() {
        assertThat(PaymentImportController.fileName("C:\\Users\\x\\pay\u0000ments\u202E.csv"))
                .isEqualTo("pay_ments_.csv");
        assertThat(PaymentImportController.fileName("a".repeat(10_000) + ".csv")).hasSize(255);
        assertThat(PaymentImportController.fileName("\u0001\u0002")).isEqualTo("__");
        assertThat(PaymentImportController.fileName(" ../ ")).isEqualTo("upload");
    }
}
