package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.payment;
import static org.fundflow.evaluation.TestEvents.toOrg;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * 100,000 payments of one program and year: consumed set-wise from a backlog, and figures still answered in well
 * under a second (payments are summed per allocation in SQL, from an index, never loaded row by row).
 */
class PaymentVolumeTest extends EvaluationServiceTest {
    private static final Logger log = LoggerFactory.getLogger(PaymentVolumeTest.class);
    private static final int ORGS = 100;
    private static final int PAYMENTS = 100_000;

    @Autowired
    private KafkaListenerEndpointRegistry registry;

    @Test
    void aHundredThousandPaymentsAreConsumedAndQueriedQuickly() {
        String program = uniqueProgram("volume");
        LocalDate issued = LocalDate.of(2024, 2, 1);
        UUID province = UUID.randomUUID();
        UUID city = UUID.randomUUID();
        UUID county = UUID.randomUUID();
        List<EventEnvelope<?>> allocations = new ArrayList<>();
        allocations.add(allocation(toRegion(province, null, program, 2024, Level.CENTRAL, "000000", "140000",
                "300000000.00", issued)));
        allocations.add(allocation(toRegion(city, province, program, 2024, Level.CENTRAL, "140000", "140700",
                "250000000.00", issued)));
        allocations.add(allocation(toRegion(county, city, program, 2024, Level.CENTRAL, "140700", "140702",
                "200000000.00", issued)));
        List<UUID> orgs = new ArrayList<>();
        for (int i = 0; i < ORGS; i++) {
            UUID id = UUID.randomUUID();
            orgs.add(id);
            allocations.add(allocation(toOrg(id, county, program, 2024, Level.CENTRAL, "140702", "VOL-" + i,
                    "榆次区单位" + i, "140702", "2000000.00", issued)));
        }
        TestEvents.sendAll(allocations);

        List<EventEnvelope<?>> payments = new ArrayList<>(PAYMENTS);
        Money expected = Money.ZERO;
        Money firstHalf = Money.ZERO;
        for (int i = 0; i < PAYMENTS; i++) {
            Money amount = Money.ofCents(10_00L + i % 997);
            LocalDate paidOn = LocalDate.of(2024, 1 + i % 12, 1 + i % 28);
            expected = expected.plus(amount);
            if (paidOn.getMonthValue() <= 6) {
                firstHalf = firstHalf.plus(amount);
            }
            payments.add(TestEvents.paymentEnvelope(payment(orgs.get(i % ORGS), "VOL-" + i % ORGS, "140702", program,
                    2024, amount.toString(), paidOn, "受益人" + i)));
        }

        // A backlog first, then the consumer alone is timed.
        MessageListenerContainer container = registry.getListenerContainer("evaluation.payment");
        long[] first = new long[2]; // when facts first appeared, and how many by then
        long end;
        try {
            container.stop();
            TestEvents.sendAll(payments);
            container.start();
            eventually().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
                int n = factCount(program);
                if (n > 0 && first[0] == 0) {
                    first[0] = System.nanoTime();
                    first[1] = n;
                }
                return n == PAYMENTS;
            });
            end = System.nanoTime();
        } finally {
            if (!container.isRunning()) {
                container.start();
            }
        }
        long millis = Math.max(1, (end - first[0]) / 1_000_000);
        log.info("consumed {} payments from a backlog: {} ms from the first committed poll to the last "
                + "({} payments/s)", PAYMENTS, millis, (PAYMENTS - first[1]) * 1000 / millis);
        eventually().until(() -> execution("programCode", program, "asOf", "2024-12-31").path("rows").size()
                == ORGS + 3);

        JsonNode report = execution("programCode", program, "fiscalYear", "2024", "asOf", "2024-12-31");
        assertThat(row(report, province).orElseThrow().path("executedInSubtree").asString())
                .isEqualTo(expected.toString());
        assertThat(row(execution("programCode", program, "asOf", "2024-06-30"), province).orElseThrow()
                .path("executedInSubtree").asString()).isEqualTo(firstHalf.toString());
        JsonNode byRegion = rollup("by", "region", "programCode", program, "asOf", "2024-12-31");
        assertThat(byRegion.path("totals").path("executed").asString()).isEqualTo(expected.toString());
        assertThat(byRegion.path("totals").path("allocations").asInt()).isEqualTo(ORGS);
        RollupAssertions.totalsAreTheSumOfTheRows(byRegion);

        long execution = medianMillis(() -> execution("programCode", program, "fiscalYear", "2024",
                "asOf", "2024-12-31"));
        long rollup = medianMillis(() -> rollup("by", "region", "region", "140000", "programCode", program,
                "fiscalYear", "2024", "asOf", "2024-12-31"));
        long alerts = medianMillis(() -> alerts("programCode", program, "asOf", "2024-12-31"));
        // for information only: response times are judged by the benchmark in bench/, never by a timed test
        log.info("with {} payments: GET /api/execution {} ms, /api/execution/rollup {} ms, /api/alerts {} ms "
                + "(median of 5, over HTTP)", PAYMENTS, execution, rollup, alerts);
    }

    private int factCount(String program) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM payment_fact WHERE program_code = ?", Integer.class,
                program);
        return n == null ? 0 : n;
    }

    private static EventEnvelope<?> allocation(org.fundflow.contracts.Events.AllocationIssued a) {
        return TestEvents.envelope("allocation", a.allocationId().toString(), "AllocationIssued", a);
    }

    private static long medianMillis(Supplier<JsonNode> request) {
        request.get(); // warm-up
        long[] millis = new long[5];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            request.get();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }
}
