package org.fundflow.disbursement.paymentimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A restart resumes: a job this node left RUNNING continues after its last committed batch (rows and counters commit
 * together, so processedRows says exactly where). A job whose file is gone, or whose instance never came back, is
 * FAILED with a message saying that uploading again is safe.
 */
class ImportResumeTest extends ImportTestSupport {
    @Autowired
    ImportRunner runner;

    @Autowired
    ImportProperties props;

    @Test
    void aJobInterruptedByARestartResumesAfterItsLastCommittedBatch() throws Exception {
        Events.AllocationIssued a = orgAllocation("1000.00", "2023-06-01");
        String v = "RS-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int i = 1; i <= 5; i++) {
            lines.add(csvLine(a.allocationId(), a.toOrg(), i, "2023-06-0" + i, "2101301", "30307", "BASIC", null,
                    null, v + "-" + i, null));
        }
        UUID resumed = UUID.randomUUID();
        Files.createDirectories(props.dir());
        Path file = write(props.dir().resolve(resumed + ".csv"), lines);
        // as a crash would leave it: RUNNING, the first batch (rows 1-2) committed
        insertJob(resumed, a.toOrg(), file, props.nodeName(), 2);
        UUID lost = UUID.randomUUID();
        insertJob(lost, a.toOrg(), props.dir().resolve(lost + ".csv"), props.nodeName(), 0);

        assertThat(runner.resumeInterrupted()).isEqualTo(1);

        JsonNode job = awaitJob(resumed.toString());
        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("processedRows").asLong()).isEqualTo(5);
        assertThat(job.path("totalRows").asLong()).isEqualTo(5);
        assertThat(job.path("recordedRows").asLong()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT voucher_no FROM payment WHERE import_job_id = ? ORDER BY import_line",
                String.class, resumed)).containsExactly(v + "-3", v + "-4", v + "-5");
        assertThat(balance(a.allocationId()).get("executed").asString()).isEqualTo("12.00");
        assertThat(Files.exists(file)).as("the file is deleted once the job is done").isFalse();

        JsonNode failed = call("/api/payment-imports/" + lost).body();
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("failure").asString()).contains("restart").contains("upload the file again");
    }

    @Test
    void aJobWhoseInstanceNeverCameBackIsFailedByAnyInstance() {
        UUID abandoned = UUID.randomUUID();
        insertJob(abandoned, SOME_ORG, props.dir().resolve(abandoned + ".csv"), "another-node", 3000);
        jdbc.update("UPDATE payment_import_job SET heartbeat_at = now() - interval '1 hour' WHERE job_id = ?",
                abandoned);
        runner.sweep();
        JsonNode job = call("/api/payment-imports/" + abandoned).body();
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(job.path("failure").asString()).contains("another-node").contains("3000 rows")
                .contains("duplicates");
    }

    /** A job as an upload by the org's agency leaves it. */
    private void insertJob(UUID jobId, String org, Path file, String node, long processed) {
        jdbc.update("INSERT INTO payment_import_job (job_id, status, file_name, format, file_size, file_sha256, "
                + "stored_path, node, recorded_by, uploader_role, uploader_org, uploader_address, processed_rows, "
                + "recorded_rows, started_at) VALUES (?, 'RUNNING', 'resume.csv', 'CSV', 1, 'x', ?, ?, ?, 'AGENCY', "
                + "?, '127.0.0.1', ?, 0, now())", jobId, file.toString(), node, "agency-" + org, org, processed);
    }
}
