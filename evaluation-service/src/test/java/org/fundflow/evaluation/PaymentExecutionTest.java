package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.pay;
import static org.fundflow.evaluation.TestEvents.payment;
import static org.fundflow.evaluation.TestEvents.toOrg;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Executed figures from payment facts: 晋中 2020, as-of dates, reversals, any arrival order, duplicates. */
class PaymentExecutionTest extends EvaluationServiceTest {
    private static final String PAYMENTS = "evaluation.payment";
    private static final List<String> FIGURES = List.of("budget", "executed", "executedInSubtree", "executionRate",
            "executionPercent", "scheduleRate", "lagging", "distributed", "undistributed");

    /**
     * Seed 001: 市财政 → 市总工会 140万 (大病医疗互助), paid to 11 recipients. 汾西 is not a county of 晋中: the
     * recipients are payees of the union, not regions.
     */
    @Test
    void jinzhongMutualAidIsFullyExecuted() {
        String program = uniqueProgram("dabing");
        UUID union = UUID.randomUUID();
        issue(toOrg(union, null, program, 2020, Level.CITY, "140700", "140700-208", "晋中市总工会", "140700",
                "1400000.00", LocalDate.of(2020, 3, 16)));
        Map<String, String> recipients = new LinkedHashMap<>();
        recipients.put("榆次区", "150000");
        recipients.put("太谷区", "150000");
        recipients.put("祁县", "50000");
        recipients.put("平遥县", "100000");
        recipients.put("灵石县", "150000");
        recipients.put("寿阳县", "150000");
        recipients.put("昔阳县", "100000");
        recipients.put("左权县", "150000");
        recipients.put("和顺县", "100000");
        recipients.put("榆社县", "150000");
        recipients.put("汾西", "150000");
        List<UUID> events = new ArrayList<>();
        recipients.forEach((payee, amount) -> events.add(pay(payment(union, "140700-208", "140700", program, 2020,
                amount, payee.equals("汾西") ? LocalDate.of(2020, 11, 5) : LocalDate.of(2020, 10, 20),
                payee + "总工会")).eventId()));
        eventually().until(() -> processedCount(PAYMENTS, events) == 11
                && row(execution("programCode", program, "asOf", "2020-12-31"), union).isPresent());

        JsonNode yearEnd = row(execution("programCode", program, "fiscalYear", "2020", "asOf", "2020-12-31"), union)
                .orElseThrow();
        assertThat(yearEnd.path("budget").asString()).isEqualTo("1400000.00");
        assertThat(yearEnd.path("executed").asString()).isEqualTo("1400000.00");
        assertThat(yearEnd.path("executedInSubtree").asString()).isEqualTo("1400000.00");
        assertThat(yearEnd.path("executionRate").asString()).isEqualTo("1.0000");
        assertThat(yearEnd.path("executionPercent").asString()).isEqualTo("100.00%");
        assertThat(yearEnd.path("scheduleRate").asString()).isEqualTo("1.0000");
        assertThat(yearEnd.path("lagging").asBoolean()).isFalse();
        assertThat(yearEnd.path("distributed").asString()).isEqualTo("1400000.00");
        assertThat(yearEnd.path("undistributed").asString()).isEqualTo("0.00");

        // 汾西 was paid on 2020-11-05: not yet as of the end of October.
        JsonNode october = row(execution("programCode", program, "asOf", "2020-10-31"), union).orElseThrow();
        assertThat(october.path("executed").asString()).isEqualTo("1250000.00");
        assertThat(october.path("executionRate").asString()).isEqualTo("0.8929");
        assertThat(october.path("executionPercent").asString()).isEqualTo("89.29%");
        assertThat(october.path("scheduleRate").asString()).isEqualTo("0.8333");
        JsonNode beforePayments = row(execution("programCode", program, "asOf", "2020-10-19"), union).orElseThrow();
        assertThat(beforePayments.path("executed").asString()).isEqualTo("0.00");

        JsonNode byProgram = rollup("by", "program", "programCode", program, "asOf", "2020-12-31");
        JsonNode only = rollupRow(byProgram, program).orElseThrow();
        assertThat(only.path("budget").asString()).isEqualTo("1400000.00");
        assertThat(only.path("executed").asString()).isEqualTo("1400000.00");
        assertThat(only.path("executionPercent").asString()).isEqualTo("100.00%");
        assertThat(only.path("allocations").asInt()).isEqualTo(1);
        assertThat(byProgram.path("totals").path("executed").asString()).isEqualTo("1400000.00");
    }

    /** Payments A 30,000.00 and B 20,000.50; B reversed in two parts: back exactly to A's figures. */
    @Test
    void reversalsRestoreTheBalanceAndRateExactly() {
        Scenario s = Scenario.fresh("reversal");
        issue(s.allocation());
        List<UUID> events = inOrder(s);
        eventually().until(() -> processedCount(PAYMENTS, events) == events.size()
                && row(execution("programCode", s.program(), "asOf", "2021-12-31"), s.id()).isPresent());
        assertScenarioFigures(s);
    }

    /**
     * The same facts arriving backwards: reversals before their payments, payments before their allocation. A
     * reversal counts only once its payment is known, so no figure ever shows money coming back that was not seen
     * going out; in the end the figures equal the in-order ones.
     */
    @Test
    void anyArrivalOrderGivesTheInOrderFigures() {
        Scenario inOrder = Scenario.fresh("in-order");
        issue(inOrder.allocation());
        List<UUID> inOrderEvents = inOrder(inOrder);

        Scenario backwards = Scenario.fresh("backwards");
        var r1 = TestEvents.send(backwards.restReversal());
        var r2 = TestEvents.send(backwards.partialReversal());
        var p1 = pay(backwards.b());
        var p2 = pay(backwards.a());
        eventually().until(() -> processedCount(PAYMENTS,
                List.of(r1.eventId(), r2.eventId(), p1.eventId(), p2.eventId())) == 4);
        assertThat(execution("programCode", backwards.program(), "asOf", "2021-12-31").path("rows"))
                .as("no allocation yet: no row").isEmpty();
        var issued = issue(backwards.allocation());

        // Reversal first, its payment later, with the allocation already there.
        Scenario waiting = Scenario.fresh("waiting");
        issue(waiting.allocation());
        var waitingA = pay(waiting.a());
        var early = TestEvents.send(waiting.partialReversal());
        var rest = TestEvents.send(waiting.restReversal());
        eventually().until(() -> processedCount(PAYMENTS,
                        List.of(waitingA.eventId(), early.eventId(), rest.eventId())) == 3
                && row(execution("programCode", waiting.program(), "asOf", "2021-12-31"), waiting.id()).isPresent());
        JsonNode beforePayment = row(execution("programCode", waiting.program(), "asOf", "2021-12-31"), waiting.id())
                .orElseThrow();
        assertThat(beforePayment.path("executed").asString()).as("B's reversals wait for B")
                .isEqualTo("30000.00");
        var lateB = pay(waiting.b());

        eventually().until(() -> processedCount(PAYMENTS, inOrderEvents) == inOrderEvents.size()
                && processed(PAYMENTS, lateB.eventId()) && processed("evaluation.allocation", issued.eventId()));
        for (Scenario s : List.of(inOrder, backwards, waiting)) {
            assertScenarioFigures(s);
        }
        for (String asOf : List.of("2021-03-31", "2021-04-30", "2021-05-10", "2021-12-31")) {
            JsonNode expected = row(execution("programCode", inOrder.program(), "asOf", asOf), inOrder.id())
                    .orElseThrow();
            for (Scenario s : List.of(backwards, waiting)) {
                JsonNode actual = row(execution("programCode", s.program(), "asOf", asOf), s.id()).orElseThrow();
                for (String field : FIGURES) {
                    assertThat(actual.path(field)).as("%s %s as of %s", s.program(), field, asOf)
                            .isEqualTo(expected.path(field));
                }
            }
        }
    }

    /** One poll full of duplicates: the same events redelivered, and a payment re-published under a new id. */
    @Test
    void duplicatesInABatchCountOnce() {
        Scenario s = Scenario.fresh("dup-batch");
        issue(s.allocation());
        var a = TestEvents.paymentEnvelope(s.a());
        var b = TestEvents.paymentEnvelope(s.b());
        var partial = s.partialReversal();
        // the same payment B recorded again under another event id (a producer retrying without its outbox row)
        var bAgain = TestEvents.envelope(b.aggregateType(), b.aggregateId(), b.type(), b.payload());
        List<EventEnvelope<?>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(a);
            batch.add(b);
            batch.add(partial);
        }
        batch.add(bAgain);
        batch.add(a);
        TestEvents.sendAll(batch);
        var sentinel = TestEvents.send(s.restReversal());
        eventually().until(() -> processedCount(PAYMENTS,
                List.of(a.eventId(), b.eventId(), partial.eventId(), bAgain.eventId(), sentinel.eventId())) == 5);

        assertScenarioFigures(s);
        Integer payments = jdbc.queryForObject("SELECT count(*) FROM payment_fact WHERE allocation_id = ?",
                Integer.class, s.id());
        Integer reversals = jdbc.queryForObject(
                "SELECT count(*) FROM payment_reversal_fact WHERE allocation_id = ?", Integer.class, s.id());
        assertThat(payments).isEqualTo(2);
        assertThat(reversals).isEqualTo(2);
    }

    /** Payments A and B, then B's two reversals; the event ids (they travel on two keys, so two partitions). */
    private static List<UUID> inOrder(Scenario s) {
        return List.of(pay(s.a()).eventId(), pay(s.b()).eventId(), TestEvents.send(s.partialReversal()).eventId(),
                TestEvents.send(s.restReversal()).eventId());
    }

    private void assertScenarioFigures(Scenario s) {
        Map<String, String[]> expected = new LinkedHashMap<>();
        // asOf → executed, executionRate
        expected.put("2021-03-09", new String[] {"0.00", "0.0000"});
        expected.put("2021-03-31", new String[] {"30000.00", "0.3000"});
        expected.put("2021-04-30", new String[] {"50000.50", "0.5000"});
        expected.put("2021-05-10", new String[] {"45000.25", "0.4500"});
        expected.put("2021-12-31", new String[] {"30000.00", "0.3000"});
        expected.forEach((asOf, figures) -> {
            JsonNode row = row(execution("programCode", s.program(), "asOf", asOf), s.id()).orElseThrow();
            assertThat(row.path("executed").asString()).as("%s executed as of %s", s.program(), asOf)
                    .isEqualTo(figures[0]);
            assertThat(row.path("executedInSubtree").asString()).isEqualTo(figures[0]);
            assertThat(row.path("executionRate").asString()).as("rate as of %s", asOf).isEqualTo(figures[1]);
            assertThat(Money.parse(row.path("budget").asString()).minus(Money.parse(figures[0])))
                    .as("balance").isEqualTo(Money.parse("100000.00").minus(Money.parse(figures[0])));
        });
    }

    /** An org allocation of 100,000.00 (2021), payments A and B, and B reversed in two parts. */
    private record Scenario(String program, UUID id, Events.PaymentRecorded a, Events.PaymentRecorded b) {
        static Scenario fresh(String label) {
            String program = uniqueProgram(label);
            UUID id = UUID.randomUUID();
            return new Scenario(program, id,
                    payment(id, "141102-YBJ", "141102", program, 2021, "30000.00", LocalDate.of(2021, 3, 10), "甲"),
                    payment(id, "141102-YBJ", "141102", program, 2021, "20000.50", LocalDate.of(2021, 4, 1), "乙"));
        }

        Events.AllocationIssued allocation() {
            return toOrg(id, null, program, 2021, Level.COUNTY, "141102", "141102-YBJ", "吕梁市离石区医疗保障局",
                    "141102", "100000.00", LocalDate.of(2021, 2, 1));
        }

        EventEnvelope<Events.PaymentReversed> partialReversal() {
            return TestEvents.reversalEnvelope(b, "5000.25", LocalDate.of(2021, 5, 1));
        }

        EventEnvelope<Events.PaymentReversed> restReversal() {
            return TestEvents.reversalEnvelope(b, "15000.25", LocalDate.of(2021, 5, 20));
        }
    }
}
