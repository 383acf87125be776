package org.fundflow.disbursement.paymentimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fundflow.disbursement.allocation.AllocationLookup;
import org.fundflow.disbursement.payment.PaymentCommand;
import org.fundflow.disbursement.payment.PaymentLedger;
import org.fundflow.disbursement.payment.PaymentRules;
import org.fundflow.disbursement.payment.Rejection;
import org.fundflow.disbursement.paymentimport.ImportJobView.RowError;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.CorrelationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import job: streams the stored file, checks every row exactly as {@code POST /api/payments} would (the same
 * request record, shape checks, allocation rules and {@link PaymentLedger}), and records the good rows in batches of
 * {@code batchSize}, one transaction each. A batch's payments, their events, its rejected rows and the job's counters
 * commit together, so the counters a client polls are always exactly what is recorded, and a job can be resumed
 * after the last committed batch.
 *
 * <p>A job belongs to its uploader's org: a row of another payer org, or naming another org's allocation, is rejected
 * as outside the uploader's scope (nothing is asked of budget-service for another org's row). Every payment and event
 * the job records carries the uploader as {@code recordedBy} and {@code actor}.
 */
@Component
class ImportProcessor {
    private static final Logger log = LoggerFactory.getLogger(ImportProcessor.class);

    private final ImportJobs jobs;
    private final PaymentLedger ledger;
    private final AllocationLookup lookup;
    private final TransactionTemplate tx;
    private final ImportProperties props;

    ImportProcessor(ImportJobs jobs, PaymentLedger ledger, AllocationLookup lookup, TransactionTemplate tx,
            ImportProperties props) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.lookup = lookup;
        this.tx = tx;
        this.props = props;
    }

    /** Stops a job between two batches when the service shuts down; it stays RUNNING and is resumed on restart. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    /** @param authorization the uploader's Authorization header, relayed on read-throughs; null if not known */
    void run(UUID jobId, String authorization) {
        ImportJobs.Job job = jobs.find(jobId).orElse(null);
        if (job == null || !(job.status().equals("QUEUED") || job.status().equals("RUNNING"))) {
            return;
        }
        MDC.put(CorrelationId.MDC_KEY, job.correlationId() == null ? jobId.toString() : job.correlationId());
        Path file = Path.of(job.storedPath());
        Batches batches = new Batches(job, authorization);
        try {
            if (job.org() == null) {
                fail(job, "the job has no uploading org (it was uploaded before access control): upload the file "
                        + "again; rows already recorded count as duplicates", file);
                return;
            }
            if (!Files.isReadable(file)) {
                fail(job, "the uploaded file is no longer at " + file + " (the service restarted on another disk?); "
                        + "upload it again: rows already recorded count as duplicates", file);
                return;
            }
            SheetReader reader = job.format().reader();
            Long total = reader instanceof CsvReader csv ? csv.countRows(file) : null;
            if (!jobs.start(jobId, total)) {
                return;
            }
            log.info("import {} ({} {}) {} at row {}", jobId, job.format(), job.fileName(),
                    job.processedRows() > 0 ? "resumes" : "starts", job.processedRows() + 1);
            long started = System.nanoTime();
            reader.read(file, batches::accept);
            batches.flush();
            if (batches.columns == null) {
                throw new ImportFailed("the file has no rows: a header row naming the columns is required");
            }
            jobs.complete(jobId);
            delete(file);
            log.info("import {} completed: {} rows in {} ms", jobId, batches.seen,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Interrupted e) {
            log.info("import {} interrupted after {} rows; it resumes when this node ({}) starts again", jobId,
                    job.processedRows() + batches.done, job.node());
        } catch (ImportFailed e) {
            fail(job, e.getMessage(), file);
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("import {} interrupted by shutdown: {}", jobId, e.toString());
                return;
            }
            log.error("import {} failed", jobId, e);
            fail(job, "the import stopped after " + (job.processedRows() + batches.done) + " rows: " + e
                    + "; rows recorded so far stay recorded; upload the file again: rows already recorded count as "
                    + "duplicates", file);
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    private void fail(ImportJobs.Job job, String failure, Path file) {
        log.warn("import {} failed: {}", job.jobId(), failure);
        jobs.fail(job.jobId(), failure);
        delete(file);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    private record Row(long line, List<String> cells, String error) {
    }

    /** Collects rows into batches and records each batch. */
    private final class Batches {
        private final ImportJobs.Job job;
        private final String authorization;
        private final List<Row> rows;
        /** Found, unknown and region allocations; facts never change, so they are asked for once per job. */
        private final Map<UUID, AllocationLookup.Resolution> resolved = new HashMap<>();
        private ImportColumns columns;
        private long seen;
        private long done;

        Batches(ImportJobs.Job job, String authorization) {
            this.job = job;
            this.authorization = authorization;
            this.rows = new ArrayList<>(props.batchSize());
        }

        void accept(long line, List<String> cells, String error) {
            if (columns == null) {
                if (error != null) {
                    throw new ImportFailed("line " + line + ": the header row cannot be read: " + error);
                }
                columns = ImportColumns.of(line, cells);
                return;
            }
            if (++seen <= job.processedRows()) {
                return; // recorded before a restart
            }
            rows.add(new Row(line, cells, error));
            if (rows.size() >= props.batchSize()) {
                flush();
            }
        }

        void flush() {
            if (rows.isEmpty()) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new Interrupted();
            }
            record(rows);
            done += rows.size();
            rows.clear();
        }

        private void record(List<Row> batch) {
            List<RowError> errors = new ArrayList<>();
            List<Row> wellFormed = new ArrayList<>();
            List<PaymentCommand> commands = new ArrayList<>();
            for (Row row : batch) {
                if (row.error() != null) {
                    errors.add(new RowError(row.line(), null, row.error()));
                    continue;
                }
                try {
                    PaymentCommand c = columns.request(row.cells()).validate();
                    if (c.voucherNo() == null) {
                        errors.add(new RowError(row.line(), "voucherNo", "voucherNo is required for imported rows: "
                                + "(payerOrg, voucherNo) is what makes uploading the same file again safe"));
                        continue;
                    }
                    if (!c.payerOrg().equals(job.org())) {
                        errors.add(new RowError(row.line(), "payerOrg", "payerOrg " + c.payerOrg() + " is outside "
                                + "your scope (org " + job.org() + "): an import records payments of its uploader's "
                                + "org only"));
                        continue;
                    }
                    wellFormed.add(row);
                    commands.add(c);
                } catch (ApiProblem p) {
                    errors.add(new RowError(row.line(), p.field(), p.getMessage()));
                }
            }

            Set<UUID> unknown = new LinkedHashSet<>();
            commands.forEach(c -> {
                if (!resolved.containsKey(c.allocationId())) {
                    unknown.add(c.allocationId());
                }
            });
            Map<UUID, AllocationLookup.Resolution> thisBatch = new HashMap<>(resolved);
            lookup.resolveAll(unknown, authorization).forEach((id, r) -> {
                thisBatch.put(id, r);
                if (!(r instanceof AllocationLookup.Unavailable)) {
                    resolved.put(id, r); // an unreachable budget-service is asked again in the next batch
                }
            });
            List<PaymentLedger.Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                PaymentCommand c = commands.get(i);
                long line = wellFormed.get(i).line();
                AllocationLookup.Resolution r = thisBatch.get(c.allocationId());
                var rejection = PaymentRules.check(c, r, job.org());
                if (authorization == null && r instanceof AllocationLookup.Forbidden) {
                    errors.add(new RowError(line, "allocationId", "allocation " + c.allocationId() + " is not "
                            + "known here yet, and budget-service cannot be asked without the uploader's token (the "
                            + "job resumed after a restart): upload the file again; rows already recorded count as "
                            + "duplicates"));
                } else if (rejection.isPresent()) {
                    errors.add(error(line, rejection.get()));
                } else {
                    candidates.add(new PaymentLedger.Candidate(line, c, ((AllocationLookup.Found) r).fact()));
                }
            }

            tx.executeWithoutResult(status -> {
                List<RowError> all = new ArrayList<>(errors);
                long recorded = 0;
                long duplicates = 0;
                long cents = 0;
                if (!candidates.isEmpty()) {
                    for (PaymentLedger.Outcome o : ledger.record(candidates, job.jobId(), job.recordedBy(),
                            job.uploader())) {
                        if (o instanceof PaymentLedger.Recorded r) {
                            recorded++;
                            cents += r.amount().cents();
                        } else if (o instanceof PaymentLedger.Duplicate) {
                            duplicates++;
                        } else {
                            all.add(error(o.line(), ((PaymentLedger.Refused) o).rejection()));
                        }
                    }
                }
                all.sort(Comparator.comparingLong(RowError::line));
                jobs.insertErrors(job.jobId(), all);
                jobs.progress(job.jobId(), batch.size(), recorded, duplicates, all.size(), cents);
            });
        }

        private RowError error(long line, Rejection r) {
            return new RowError(line, r.field(), r.reason());
        }
    }
}
