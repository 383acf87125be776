package org.fundflow.disbursement.paymentimport;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Money;

/**
 * An import job as the API shows it. Counters are committed with each batch, so polling shows them move.
 *
 * @param org           the org the job belongs to: its uploader's
 * @param totalRows     data rows in the file: known from the start for CSV (a quick first pass), at the end for
 *                      XLSX (null until then)
 * @param recordedAmount the sum of the payments this job recorded
 * @param failure       why the job failed (FAILED only)
 * @param errors        the first {@value ImportJobs#FIRST_ERRORS} rejected rows; all are at {@code errorsUrl}
 */
record ImportJobView(
        UUID jobId,
        String org,
        String status,
        String fileName,
        String format,
        Long totalRows,
        long processedRows,
        long recordedRows,
        long duplicateRows,
        long rejectedRows,
        Money recordedAmount,
        String failure,
        String recordedBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<RowError> errors,
        String errorsUrl) {

    /** A rejected row: its line (1-based; the header is line 1), the field at fault if any, and why. */
    record RowError(long line, String field, String reason) {
    }
}
