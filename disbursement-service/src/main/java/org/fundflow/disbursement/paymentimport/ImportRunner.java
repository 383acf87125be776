package org.fundflow.disbursement.paymentimport;

import jakarta.annotation.PreDestroy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs import jobs in the background, one at a time per instance, with a bounded queue behind it.
 *
 * <p>A restart resumes: the jobs this node (same {@code fundflow.payment-import.node}) had queued or was running
 * continue from the row after their last committed batch, since a batch's rows and the job's counters commit
 * together. A job whose instance never comes back (no touch for {@code staleAfter}) is failed by any instance, with
 * a message saying that re-uploading is safe.
 *
 * <p>The uploader's {@code Authorization} header is handed to the worker in memory only (never stored): the rows'
 * allocations that must be read from budget-service are read with it. A job resumed after a restart has none, so
 * its rows naming allocations not yet known here are rejected (upload the file again).
 */
@Component
class ImportRunner {
    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportJobs jobs;
    private final ImportProcessor processor;
    private final ImportProperties props;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService sweeper;
    /** Jobs queued or running in this instance. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    ImportRunner(ImportJobs jobs, ImportProcessor processor, ImportProperties props, Clock clock) {
        this.jobs = jobs;
        this.processor = processor;
        this.props = props;
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, props.queueCapacity())), r -> {
                    Thread t = new Thread(r, "payment-import");
                    t.setDaemon(true);
                    return t;
                });
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "payment-import-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    /** True when no more jobs can wait: an upload is then refused with 503 before anything is stored. */
    boolean saturated() {
        return executor.getQueue().remainingCapacity() == 0;
    }

    /** @param authorization the uploader's Authorization header, for read-throughs (null when resumed) */
    void submit(UUID jobId, String authorization) {
        inFlight.add(jobId);
        try {
            executor.execute(() -> {
                try {
                    processor.run(jobId, authorization);
                } catch (RuntimeException e) {
                    log.error("import {} crashed", jobId, e);
                } finally {
                    inFlight.remove(jobId);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(jobId);
            jobs.fail(jobId, "too many imports are waiting on this instance; upload the file again later");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        resumeInterrupted();
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /** Resumes the jobs a previous run of this node left queued or running; @return how many were resubmitted. */
    int resumeInterrupted() {
        int resumed = 0;
        for (ImportJobs.Job job : jobs.unfinished(props.nodeName())) {
            if (inFlight.contains(job.jobId())) {
                continue;
            }
            if (Files.isReadable(Path.of(job.storedPath()))) {
                log.info("resuming import {} after {} rows", job.jobId(), job.processedRows());
                submit(job.jobId(), null);
                resumed++;
            } else {
                jobs.fail(job.jobId(), "interrupted by a restart of node " + job.node() + " after "
                        + job.processedRows() + " rows, and the uploaded file is gone; rows recorded so far stay "
                        + "recorded; upload the file again: rows already recorded count as duplicates");
            }
        }
        return resumed;
    }

    void sweep() {
        try {
            jobs.touch(inFlight);
            int failed = jobs.failAbandoned(Instant.now(clock).minus(props.staleAfter()));
            if (failed > 0) {
                log.warn("{} abandoned import job(s) marked FAILED", failed);
            }
        } catch (RuntimeException e) {
            log.warn("import sweep failed: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        sweeper.shutdownNow();
        // the running job stops after its current batch and stays RUNNING: the next start of this node resumes it
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
