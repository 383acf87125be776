package org.fundflow.budget.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.KafkaTopic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Money an org has already paid cannot be recovered, carried over or cut: budget-service counts disbursement's
 * payments and reversals from the real {@code fundflow.payment} topic, and its movements take only
 * budget − passed down − paid.
 */
class PaymentExecutionTest extends BudgetServiceIntegrationTest {
    private static final LocalDate PAID_ON = LocalDate.of(2023, 5, 10);

    /** An org allocation of 1,000.00 from 晋中市 to an org of 榆次区. */
    private record OrgAllocation(String id, String org, String program) {
    }

    private OrgAllocation orgAllocation(String amount) {
        String program = newProgram("困难群众救助补助资金", 2023);
        String org = newOrg("榆次区民政局", "140702");
        Map<String, Object> body = allocation(program, 2023, "140700", null, null, amount, "2023-03-01");
        body.put("toOrg", org);
        return new OrgAllocation(issue(body).path("allocationId").asString(), org, program);
    }

    private Events.PaymentRecorded payment(OrgAllocation a, String amount) {
        return PaymentEvents.payment(UUID.fromString(a.id()), a.org(), "140702", a.program(), 2023, amount, PAID_ON);
    }

    @Test
    void paidMoneyIsNotRecoveredAndAReversalMakesItRecoverableAgain() {
        OrgAllocation a = orgAllocation("1000.00");
        Events.PaymentRecorded p = payment(a, "400.00");
        awaitConsumed(PaymentEvents.send(PaymentEvents.recorded(p)));

        JsonNode view = view(a.id());
        assertThat(view.path("executed").asString()).isEqualTo("400.00");
        assertThat(view.path("budget").asString()).isEqualTo("1000.00");
        assertThat(view.path("undistributed").asString()).isEqualTo("1000.00");
        JsonNode listed = get("/api/allocations?toOrg=" + a.org()).body();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("executed").asString()).isEqualTo("400.00");

        Map<String, Long> before = writtenRows();
        Response tooMuch = post(recoveries(a), recovery("600.01"));
        expectRefused(tooMuch, 422, "amount");
        assertThat(tooMuch.detail()).isEqualTo("amount 600.01 exceeds the unspent balance of allocation " + a.id()
                + ": 600.00 unspent (budget 1000.00, passed down 0.00, paid 400.00) can be recovered");
        assertThat(writtenRows()).isEqualTo(before);

        Response recovered = post(recoveries(a), recovery("600.00"));
        assertThat(recovered.status()).as("%s", recovered.body()).isEqualTo(201);
        assertFigures(recovered.body().path("allocation"), "400.00", "400.00", "0.00");
        expectRefused(post(recoveries(a), recovery("0.01")), 422, "amount");

        // 150.00 of the payment comes back: that much is unspent again, and no more
        awaitConsumed(PaymentEvents.send(PaymentEvents.reversed(p, "150.00", PAID_ON.plusDays(20))));
        assertFigures(view(a.id()), "400.00", "250.00", "150.00");
        before = writtenRows();
        Response overReversal = post(recoveries(a), recovery("150.01"));
        expectRefused(overReversal, 422, "amount");
        assertThat(overReversal.detail()).contains(
                ": 150.00 unspent (budget 400.00, passed down 0.00, paid 250.00) can be recovered");
        assertThat(writtenRows()).isEqualTo(before);
        assertThat(post(recoveries(a), recovery("150.00")).status()).isEqualTo(201);
        assertFigures(view(a.id()), "250.00", "250.00", "0.00");

        // exactly the two accepted recoveries were published, nothing for the refused ones
        KafkaTopic allocationTopic = KafkaTopic.fromBeginning(Topics.ALLOCATION);
        awaitRelayCaughtUp(allocationTopic, Topics.ALLOCATION_AGGREGATE);
        List<ConsumerRecord<String, String>> events = allocationTopic.matching(r -> a.id().equals(r.key()));
        assertThat(events.stream().map(r -> KafkaTopic.header(r, "eventType")).toList()).containsExactly(
                Events.ALLOCATION_ISSUED, Events.ALLOCATION_RECOVERED, Events.ALLOCATION_RECOVERED);
        assertThat(events.stream().skip(1)
                .map(r -> json.readTree(r.value()).path("payload").path("amount").asString()).toList())
                .containsExactly("600.00", "150.00");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ? AND type = ?", Long.class,
                a.id(), Events.ALLOCATION_RECOVERED)).isEqualTo(2);
    }

    @Test
    void theSamePaymentEventDeliveredTwiceCountsOnce() {
        OrgAllocation a = orgAllocation("1000.00");
        Events.PaymentRecorded p = payment(a, "300.00");
        EventEnvelope<Events.PaymentRecorded> paid = PaymentEvents.recorded(p);
        PaymentEvents.send(paid);
        PaymentEvents.send(paid);
        // Same key (the payment id), so same partition and after both deliveries: once it is applied, so is the
        // duplicate's turn.
        awaitConsumed(PaymentEvents.send(PaymentEvents.reversed(p, "100.00", PAID_ON.plusDays(1))));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Long.class, PaymentEventsListener.CONSUMER, paid.eventId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT executed_cents FROM allocation_execution WHERE allocation_id = ?",
                Long.class, UUID.fromString(a.id()))).isEqualTo(20_000L);
        assertFigures(view(a.id()), "1000.00", "200.00", "800.00");
        expectRefused(post(recoveries(a), recovery("800.01")), 422, "amount");
        assertThat(post(recoveries(a), recovery("800.00")).status()).isEqualTo(201);
        assertFigures(view(a.id()), "200.00", "200.00", "0.00");
    }

    @Test
    void cutsAndCarryOversRespectTheSameLimit() {
        OrgAllocation a = orgAllocation("1000.00");
        awaitConsumed(PaymentEvents.send(PaymentEvents.recorded(payment(a, "400.00"))));

        Map<String, Long> before = writtenRows();
        Response cut = post(adjustments(a), adjustment("-600.01"));
        expectRefused(cut, 422, "delta");
        assertThat(cut.detail()).contains("budget of 399.99", "at most 600.00 unspent (budget 1000.00, passed down "
                + "0.00, paid 400.00) can be reduced");
        Response carry = post(carryOvers(a), carryOver("600.01"));
        expectRefused(carry, 422, "amount");
        assertThat(carry.detail()).contains(": 600.00 unspent (budget 1000.00, passed down 0.00, paid 400.00) can be"
                + " carried over");
        assertThat(writtenRows()).isEqualTo(before);

        assertThat(post(carryOvers(a), carryOver("200.00")).status()).isEqualTo(201);
        assertFigures(view(a.id()), "800.00", "400.00", "400.00");
        expectRefused(post(adjustments(a), adjustment("-400.01")), 422, "delta");
        assertThat(post(adjustments(a), adjustment("-400.00")).status()).isEqualTo(201);
        assertFigures(view(a.id()), "400.00", "400.00", "0.00");

        before = writtenRows();
        expectRefused(post(adjustments(a), adjustment("-0.01")), 422, "delta");
        expectRefused(post(carryOvers(a), carryOver("0.01")), 422, "amount");
        expectRefused(post(recoveries(a), recovery("0.01")), 422, "amount");
        assertThat(writtenRows()).isEqualTo(before);
        // an increase is not limited by payments
        assertThat(post(adjustments(a), adjustment("50.00")).status()).isEqualTo(201);
        assertFigures(view(a.id()), "450.00", "400.00", "50.00");
    }

    @Test
    void aPaymentOfAnAllocationNotKnownHereIsCountedAllTheSame() {
        UUID unknown = UUID.randomUUID();
        Events.PaymentRecorded p = PaymentEvents.payment(unknown, "O-elsewhere", "140702", "P-unknown", 2023,
                "123.45", PAID_ON);
        awaitConsumed(PaymentEvents.send(PaymentEvents.recorded(p)));
        assertThat(jdbc.queryForObject("SELECT executed_cents FROM allocation_execution WHERE allocation_id = ?",
                Long.class, unknown)).isEqualTo(12_345L);
        assertThat(get("/api/allocations/" + unknown).status()).isEqualTo(404);
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextPaymentsStillCount() {
        OrgAllocation a = orgAllocation("1000.00");
        Events.PaymentRecorded p = payment(a, "70.00");
        String poison = "{not an envelope " + UUID.randomUUID();
        PaymentEvents.sendRaw(p.paymentId().toString(), poison); // same key, so same partition, before the payment
        awaitConsumed(PaymentEvents.send(PaymentEvents.recorded(p)));

        assertFigures(view(a.id()), "1000.00", "70.00", "930.00");
        assertThat(KafkaTopic.fromBeginning(Topics.deadLetter(Topics.PAYMENT))
                .awaitRecords(r -> poison.equals(r.value()), 1)).hasSize(1);
    }

    @Test
    void anAllocationToARegionHasNothingExecuted() {
        String program = newProgram("城乡医疗救助", 2023);
        String id = issue(allocation(program, 2023, "140000", "140700", null, "500.00", "2023-03-01"))
                .path("allocationId").asString();
        assertThat(view(id).path("executed").asString()).isEqualTo("0.00");
    }

    // --- helpers ---

    /** Waits until budget-service has applied the event (its id is in processed_event). */
    private void awaitConsumed(EventEnvelope<?> envelope) {
        Awaitility.await().atMost(KafkaTopic.PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                        Long.class, PaymentEventsListener.CONSUMER, envelope.eventId()) == 1);
    }

    private JsonNode view(String id) {
        Response r = get("/api/allocations/" + id);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        return r.body();
    }

    /** budget, executed and what may still be taken back (budget − passed down − paid: nothing is passed down). */
    private static void assertFigures(JsonNode view, String budget, String executed, String unspent) {
        assertThat(view.path("budget").asString()).as("budget of %s", view).isEqualTo(budget);
        assertThat(view.path("executed").asString()).as("executed of %s", view).isEqualTo(executed);
        assertThat(view.path("distributed").asString()).isEqualTo("0.00");
        assertThat(new java.math.BigDecimal(view.path("budget").asString())
                .subtract(new java.math.BigDecimal(view.path("executed").asString())).toPlainString())
                .as("unspent").isEqualTo(unspent);
    }

    private static void expectRefused(Response r, int status, String field) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        assertThat(r.field()).as("%s", r.body()).isEqualTo(field);
    }

    private static String recoveries(OrgAllocation a) {
        return "/api/allocations/" + a.id() + "/recoveries";
    }

    private static String carryOvers(OrgAllocation a) {
        return "/api/allocations/" + a.id() + "/carry-overs";
    }

    private static String adjustments(OrgAllocation a) {
        return "/api/allocations/" + a.id() + "/adjustments";
    }

    private static Map<String, Object> recovery(String amount) {
        return Map.of("amount", amount, "recoveredOn", "2023-12-01", "reason", "项目结余，财政收回");
    }

    private static Map<String, Object> carryOver(String amount) {
        return Map.of("amount", amount, "toFiscalYear", 2024, "carriedOn", "2023-12-31");
    }

    private static Map<String, Object> adjustment(String delta) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delta", delta);
        body.put("docNo", "晋中财社〔2023〕" + delta + "号");
        body.put("effectiveOn", "2023-06-01");
        body.put("reason", delta.startsWith("-") ? "调减" : "追加");
        return body;
    }
}
