package org.fundflow.bench;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fundflow.embedded.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * {@code bench/run.sh}: starts PostgreSQL and Kafka in-process and the five services as separate processes, drives
 * them through the gateway, and prints sustained payments/s through the whole pipeline (accepted → visible in
 * evaluation and in reporting), freshness at half load, bulk-import rows/s, each service's peak RSS, and a pgbench
 * single-row INSERT baseline on the same PostgreSQL, with the ratios. Settings: -Dbench.seconds (30),
 * -Dbench.clients (16), -Dbench.importRows (100000).
 */
public final class Benchmark {
    static final int YEAR = 2024;
    static final int ALLOCATIONS = 64;
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    static final int IMPORT_ROWS = Integer.getInteger("bench.importRows", 100_000);

    final Api api;
    final String program = "BENCH-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
    final List<String> orgs = new ArrayList<>();
    final List<String> allocations = new ArrayList<>();
    String root;
    String probe;
    final AtomicLong expectedCents = new AtomicLong();
    final AtomicLong voucher = new AtomicLong();

    Benchmark(Api api) {
        this.api = api;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Map<String, Object> results = new LinkedHashMap<>();
        say("starting PostgreSQL (synchronous_commit=on, fsync=on) and Kafka in-process ...");
        try (Infrastructure infra = Infrastructure.start(0, null, Map.of("synchronous_commit", "on"));
                ServiceProcesses services = new ServiceProcesses(root)) {
            // tokens: the gateway runs its dev issuer ('local' profile) and the services verify with its JWK set
            Map<String, String> common = Map.of("DB_USER", Infrastructure.USER, "DB_PASSWORD",
                    Infrastructure.PASSWORD, "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap(),
                    "FUNDFLOW_SECURITY_JWK_SET_URI", "http://localhost:18080/dev/jwks.json");
            say("starting the five services as separate processes " + ServiceProcesses.JVM_OPTIONS + " ...");
            services.start("budget-service", 18081, with(common, "BUDGET_DB_URL", infra.database("budget")));
            services.start("disbursement-service", 18082, with(with(common, "DISBURSEMENT_DB_URL",
                    infra.database("disbursement")), "BUDGET_URI", "http://localhost:18081"));
            services.start("evaluation-service", 18083, with(common, "EVALUATION_DB_URL",
                    infra.database("evaluation")));
            services.start("reporting-service", 18084, with(common, "REPORTING_DB_URL",
                    infra.database("reporting")));
            // the rate limit is set out of reach: the bench measures the pipeline, not the limiter's refusals
            services.start("gateway", 18080, Map.of("BUDGET_URI", "http://localhost:18081", "DISBURSEMENT_URI",
                    "http://localhost:18082", "EVALUATION_URI", "http://localhost:18083", "REPORTING_URI",
                    "http://localhost:18084", "SPRING_PROFILES_ACTIVE", "local",
                    "FUNDFLOW_LIMITS_PER_SUBJECT_PER_SECOND", "1000000", "FUNDFLOW_LIMITS_PER_SUBJECT_BURST", "1000000"));
            services.awaitReady(Duration.ofMinutes(3));
            Benchmark bench = new Benchmark(new Api(URI.create("http://localhost:18080")));
            bench.setUp();

            say("warm-up (10 s, not counted) ...");
            bench.load(10, CLIENTS);
            bench.awaitVisible(Duration.ofMinutes(5));

            say("single-payment API, " + CLIENTS + " clients, " + SECONDS + " s ...");
            Load max = bench.load(SECONDS, CLIENTS);
            long visibleAt = bench.awaitVisible(Duration.ofMinutes(10));
            double apiTps = max.accepted / max.seconds();
            double pipelineTps = max.accepted / ((visibleAt - max.startNanos) / 1e9);
            results.put("payments accepted", max.accepted);
            results.put("payments rejected or failed", max.failed);
            results.put("single-payment API, accepted/s", round(apiTps));
            results.put("single-payment pipeline, payments/s (accepted → visible in evaluation and reporting)",
                    round(pipelineTps));

            double half = pipelineTps / 2;
            say("freshness at half load (" + round(half) + " payments/s), " + SECONDS + " s ...");
            List<Long> fresh = bench.freshness(half, SECONDS);
            bench.awaitVisible(Duration.ofMinutes(5));
            results.put("freshness samples", fresh.size());
            results.put("freshness p50 ms", percentile(fresh, 50));
            results.put("freshness p95 ms", percentile(fresh, 95));
            results.put("freshness p99 ms", percentile(fresh, 99));

            say("bulk import of " + IMPORT_ROWS + " payments ...");
            double importTps = bench.bulkImport(root.resolve("bench/target/import.csv"));
            results.put("bulk import, payments/s end to end (upload → visible in evaluation and reporting)",
                    round(importTps));

            say("pgbench baseline (single-row INSERT, 2 clients, 20 s) on the same PostgreSQL ...");
            double pg = PgBench.singleRowInsertTps(infra.database("bench"), infra.postgresPort(), 20);
            results.put("pgbench single-row INSERT tps (baseline)", round(pg));
            results.put("ratio single-payment pipeline / pgbench", round(pipelineTps / pg));
            results.put("ratio single-payment API / pgbench", round(apiTps / pg));
            services.peakRssMiB().forEach((k, v) -> results.put("peak RSS MiB " + k, v));
        }
        report(results, root.resolve("bench/target/results.md"));
    }

    void setUp() {
        say("setting up program " + program + " with " + ALLOCATIONS + " org allocations ...");
        api.ok(api.financeBureau("000000"), "POST", "/api/programs", Map.of("code", program, "name", "基准测试 医疗救助", "fiscalYear", YEAR,
                "functionCode", "2101301", "fundType", "GENERAL_BUDGET"));
        root = api.ok(api.financeBureau("000000"), "POST", "/api/allocations", allocation("000000", "toRegion", "140000", "9000000000.00", null))
                .path("allocationId").asString();
        for (int i = 0; i <= ALLOCATIONS; i++) {
            String org = "BENCH-" + (i == ALLOCATIONS ? "PROBE" : String.format("%02d", i));
            api.ok(api.financeBureau("140000"), "PUT", "/api/orgs/" + org, Map.of("name", "基准单位 " + org, "regionCode", "140702"));
            String id = api.ok(api.financeBureau("140000"), "POST", "/api/allocations", allocation("140000", "toOrg", org, "100000000.00", root))
                    .path("allocationId").asString();
            if (i == ALLOCATIONS) {
                probe = id;
            } else {
                orgs.add(org);
                allocations.add(id);
            }
        }
    }

    Map<String, Object> allocation(String from, String toKey, String to, String amount, String parent) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("programCode", program, "fiscalYear", YEAR,
                "fromRegion", from, toKey, to, "amount", amount, "docNo", "基准〔2024〕1号", "issuedOn", "2024-01-10",
                "functionCode", "2101301"));
        if (parent == null) {
            body.put("sourceLevel", "CENTRAL");
        } else {
            body.put("parentAllocationId", parent);
        }
        return body;
    }

    Map<String, Object> payment(String allocation, String org) {
        return Map.of("allocationId", allocation, "payerOrg", org, "amount", "1.00", "paidOn", "2024-05-01",
                "functionCode", "2101301", "economicCode", "30307", "expenditureKind", "PROJECT",
                "voucherNo", "B" + voucher.incrementAndGet());
    }

    /** One payment of 1.00; true when accepted. */
    boolean pay(int i) {
        int k = Math.floorMod(i, ALLOCATIONS);
        Api.Response r = api.send(api.agency(orgs.get(k)), "POST", "/api/payments",
                payment(allocations.get(k), orgs.get(k)));
        if (r.status() == 201) {
            expectedCents.addAndGet(100);
            return true;
        }
        return false;
    }

    record Load(long accepted, long failed, long startNanos, long endNanos) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    Load load(int seconds, int clients) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                int i = client;
                while (System.nanoTime() < end) {
                    if (pay(i)) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    i += clients;
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        return new Load(ok.get(), failed.get(), start, System.nanoTime());
    }

    /** Waits until both evaluation and reporting show every accepted payment; returns System.nanoTime() then. */
    long awaitVisible(Duration timeout) throws InterruptedException {
        long want = expectedCents.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean evaluation = false;
        boolean reporting = false;
        while (System.nanoTime() < deadline) {
            evaluation = evaluation || evaluationCents(root) >= want;
            reporting = reporting || reportingCents() >= want;
            if (evaluation && reporting) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not visible in time: evaluation=" + evaluation + " reporting=" + reporting);
    }

    long evaluationCents(String allocationId) {
        for (JsonNode row : api.get("/api/execution?programCode=" + program + "&fiscalYear=" + YEAR).path("rows")) {
            if (row.path("allocationId").asString().equals(allocationId)) {
                return cents(row.path("executedInSubtree").asString("0"));
            }
        }
        return 0;
    }

    long reportingCents() {
        for (JsonNode row : api.get("/api/reports/execution/by-fund?fiscalYear=" + YEAR).path("rows")) {
            if (program.equals(row.path("programCode").asString(null))) {
                return cents(row.path("executed").asString("0"));
            }
        }
        return 0;
    }

    static long cents(String yuan) {
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    /** Background load at a fixed rate; meanwhile probe payments timed from their 201 to visibility. */
    List<Long> freshness(double rate, int seconds) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong i = new AtomicLong();
        long period = (long) (1e9 / rate);
        ticker.scheduleAtFixedRate(() -> workers.submit(() -> pay((int) i.getAndIncrement())), 0, period,
                TimeUnit.NANOSECONDS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long probeCents = evaluationCents(probe);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            Api.Response r = api.send(api.agency("BENCH-PROBE"), "POST", "/api/payments",
                    payment(probe, "BENCH-PROBE"));
            long accepted = System.nanoTime();
            if (r.status() != 201) {
                continue;
            }
            expectedCents.addAndGet(100);
            probeCents += 100;
            while (evaluationCents(probe) < probeCents) {
                Thread.sleep(2);
            }
            latencies.add((System.nanoTime() - accepted) / 1_000_000);
            Thread.sleep(100);
        }
        ticker.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        return latencies;
    }

    double bulkImport(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("allocationId,payerOrg,amount,paidOn,functionCode,economicCode,expenditureKind,payee,"
                    + "beneficiaryCount,voucherNo,procurementCategory\n");
            // an agency imports its own org's payments: every row is BENCH-00's
            for (int n = 0; n < IMPORT_ROWS; n++) {
                int k = 0;
                w.write(allocations.get(k) + "," + orgs.get(k) + ",1.00,2024-06-01,2101301,30307,PROJECT,救助对象"
                        + n + ",1,I" + n + ",\n");
            }
        }
        long start = System.nanoTime();
        JsonNode job = api.upload(api.agency(orgs.get(0)), "/api/payment-imports", file, "text/csv");
        String jobId = job.path("jobId").asString();
        while (true) {
            job = api.get("/api/payment-imports/" + jobId);
            String status = job.path("status").asString();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                break;
            }
            Thread.sleep(200);
        }
        long recorded = job.path("recordedRows").asLong();
        say("import job " + job.path("status").asString() + ": recorded " + recorded + ", rejected "
                + job.path("rejectedRows").asLong() + " in " + round((System.nanoTime() - start) / 1e9) + " s");
        expectedCents.addAndGet(recorded * 100);
        long visible = awaitVisible(Duration.ofMinutes(10));
        return recorded / ((visible - start) / 1e9);
    }

    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    static void report(Map<String, Object> results, Path file) throws Exception {
        StringBuilder md = new StringBuilder("| measure | value |\n|---|---|\n");
        results.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + ", Java " + System.getProperty("java.version") + ", " + Instant.now();
        md.append("\nMachine: ").append(machine).append('\n');
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString());
        System.out.println("\n" + md);
        say("results written to " + file);
    }

    static void say(String s) {
        System.out.println("[bench] " + s);
    }
}
