package org.fundflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services as separate JVM processes, started from their deployable jars with the same environment
 * variables docker-compose gives them, so each one's memory can be measured on its own.
 */
final class ServiceProcesses implements AutoCloseable {
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=64m");

    final Map<String, Process> processes = new LinkedHashMap<>();
    final Map<String, URI> uris = new LinkedHashMap<>();
    final Path root;
    final Path logs;

    ServiceProcesses(Path root) throws IOException {
        this.root = root;
        this.logs = root.resolve("bench/target/logs");
        Files.createDirectories(logs);
    }

    void start(String module, int port, Map<String, String> env) throws IOException {
        Path jar = root.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": run ./mvnw -DskipTests package first");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-Dlogging.level.root=WARN");
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(module + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("PORT", String.valueOf(port));
        processes.put(module, pb.start());
        uris.put(module, URI.create("http://localhost:" + port));
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var e : uris.entrySet()) {
            while (true) {
                if (!processes.get(e.getKey()).isAlive()) {
                    throw new IllegalStateException(e.getKey() + " exited; see " + logs.resolve(e.getKey() + ".log"));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(e.getValue()
                            .resolve("/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(e.getKey() + " not ready in " + timeout);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Peak resident set size (VmHWM) of each service process, in MiB. */
    Map<String, Long> peakRssMiB() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (var e : processes.entrySet()) {
            Path status = Path.of("/proc", String.valueOf(e.getValue().pid()), "status");
            long kb = Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
            out.put(e.getKey(), kb / 1024);
        }
        return out;
    }

    @Override
    public void close() {
        List<Process> reversed = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(Process::destroy);
        for (Process p : reversed) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
