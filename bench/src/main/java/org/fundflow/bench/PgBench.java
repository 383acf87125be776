package org.fundflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: pgbench inserting single rows into an outbox-shaped table on the very PostgreSQL server the
 * services use, with 2 clients (TECH-NOTES measured ~5,800 tps with fsync on on this machine kind).
 */
final class PgBench {
    static double singleRowInsertTps(String jdbcUrl, int port, int seconds) throws IOException, InterruptedException,
            SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            c.createStatement().execute("DROP TABLE IF EXISTS bench_outbox");
            c.createStatement().execute("CREATE TABLE bench_outbox (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), "
                    + "aggregatetype varchar(64) NOT NULL, aggregateid varchar(128) NOT NULL, type varchar(64) NOT "
                    + "NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
        }
        Path script = Files.createTempFile("pgbench", ".sql");
        Files.writeString(script, "\\set n random(1, 1000000000)\n"
                + "INSERT INTO bench_outbox (aggregatetype, aggregateid, type, payload) VALUES ('payment', :n, "
                + "'PaymentRecorded', '{\"amount\":\"1.00\",\"paidOn\":\"2024-05-01\",\"payerOrg\":\"140702-YBJ\"}');\n");
        String binary = Files.exists(Path.of("/usr/lib/postgresql/15/bin/pgbench"))
                ? "/usr/lib/postgresql/15/bin/pgbench" : "pgbench";
        String db = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        ProcessBuilder pb = new ProcessBuilder(List.of(binary, "-n", "-c", "2", "-j", "2", "-T",
                String.valueOf(seconds), "-f", script.toString(), "-h", "localhost", "-p", String.valueOf(port), "-U",
                "postgres", db)).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "postgres");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("pgbench said:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }
}
