package org.fundflow.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.fundflow.embedded.Infrastructure;

/**
 * {@code ./run-local.sh}: PostgreSQL, Kafka, the five services and the demo data, with no Docker. Ctrl-C stops
 * everything. Ports: gateway 8080, services 8081–8085 (8085: the dashboard), PostgreSQL 15432 (override with FUNDFLOW_PG_PORT); Kafka
 * takes a free port, printed at start (the in-process KRaft broker chooses its own).
 */
public final class LocalFundflow {
    private LocalFundflow() {
    }

    public static void main(String[] args) throws Exception {
        boolean demo = !java.util.Arrays.asList(args).contains("--no-demo");
        int pgPort = Integer.parseInt(System.getenv().getOrDefault("FUNDFLOW_PG_PORT", "15432"));
        LocalSystem.Ports ports = LocalSystem.Ports.defaults();
        for (int port : new int[] {pgPort, ports.gateway(), ports.budget(), ports.disbursement(),
                ports.evaluation(), ports.reporting(), ports.dashboard()}) {
            requireFree(port);
        }
        long start = System.nanoTime();
        say("starting PostgreSQL (port " + pgPort + ") and Kafka ...");
        Infrastructure infra = Infrastructure.start(pgPort, Path.of(".local-run", "postgres"));
        LocalSystem[] system = new LocalSystem[1];
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping ...");
            if (system[0] != null) {
                system[0].close();
            }
            infra.close();
            say("stopped: nothing left running.");
            stopped.countDown();
        }, "fundflow-stop"));
        say("starting the services (budget, disbursement, evaluation, reporting, dashboard) and the gateway ...");
        system[0] = LocalSystem.start(infra::database, infra.kafkaBootstrap(), ports);
        if (demo) {
            say("loading demo data from the seeds through the gateway ...");
            DemoData.Loaded loaded = new DemoData(system[0].gateway()).load();
            say("loaded " + loaded.orgs() + " orgs, " + loaded.programs() + " programs, "
                    + loaded.allocationIds().size() + " allocations, " + loaded.paymentIds().size() + " payments");
        }
        String g = system[0].gateway().toString();
        say("""

                fundflow is running (%d s). Press Ctrl-C to stop.

                  dashboard        %s/   (through the gateway)
                  gateway          %s
                  budget           %s
                  disbursement     %s
                  evaluation       %s
                  reporting        %s
                  PostgreSQL       jdbc:postgresql://localhost:%d/{budget,disbursement,evaluation,reporting} (postgres/postgres)
                  Kafka            %s

                Public (no token):
                  curl -s '%s/api/execution?fiscalYear=2020&programCode=JZ-DBYLHZ'
                  curl -s '%s/api/reports/fund-flow?programCode=LS-ZY-YLJZ-420&fiscalYear=2022&format=csv'
                  curl -s '%s/api/regions/141100'

                Signed in — the local gateway issues dev tokens (profile 'local' only; see README "Access"):
                  TOKEN=$(curl -s -X POST %s/dev/token -H 'Content-Type: application/json' \\
                    -d '{"subject":"me","role":"SUPERVISOR","region":"000000"}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" '%s/api/alerts?fiscalYear=2022'
                  curl -s -H "Authorization: Bearer $TOKEN" '%s/api/audit?size=20'
                  roles: FINANCE_BUREAU + region, AGENCY + org, SUPERVISOR + region (000000 = national)
                """.formatted((System.nanoTime() - start) / 1_000_000_000, g, g, system[0].uri("budget"),
                system[0].uri("disbursement"), system[0].uri("evaluation"), system[0].uri("reporting"), pgPort,
                infra.kafkaBootstrap(), g, g, g, g, g, g));
        stopped.await();
    }

    private static void requireFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            System.err.println("fundflow: port " + port + " is in use. Is fundflow (or another PostgreSQL/Kafka/web "
                    + "server) already running? Stop it and run again.");
            System.exit(2);
        }
    }

    private static void say(String s) {
        System.out.println("[fundflow] " + s);
    }
}
