package org.fundflow.disbursement.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.disbursement.AllocationEvents;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.fundflow.disbursement.FakeBudgetService;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * DESIGN: "a client that gets 201 for an allocation can immediately post a payment against it". A payment naming an
 * allocation whose event has not been consumed yet reads it from budget-service (a real HTTP server here); when
 * budget-service cannot answer, the payment is refused with 503, never accepted unchecked.
 */
class PaymentReadThroughTest extends DisbursementServiceTestBase {

    private static Events.AllocationIssued notYetPublished(String amount) {
        return AllocationEvents.issue(uniqueProgram("RT"), "城乡医疗救助", 2023).source(Level.CITY)
                .from("140700", "晋中市").toOrg(uniqueProgram("ORG"), "榆次区医疗保障局", "140702").amount(amount)
                .doc("市财社〔2023〕test号", "2023-03-01").build();
    }

    @Test
    void aPaymentBeforeTheAllocationEventReadsTheAllocationThroughAndTheLaterEventChangesNothing() {
        Events.AllocationIssued allocation = notYetPublished("5000.00");
        UUID id = allocation.allocationId();
        budgetService().serve(allocation);
        assertThat(call("/api/org-allocations/" + id).status()).isEqualTo(404);

        Response paid = post("/api/payments", payment(id, allocation.toOrg(), "1200.00", "2023-03-15"));
        assertThat(paid.status()).as("%s", paid.body()).isEqualTo(201);
        assertThat(paid.text("payerOrgRegion")).isEqualTo("140702");
        assertThat(paid.text("programCode")).isEqualTo(allocation.programCode());
        assertThat(paid.body().path("fiscalYear").asInt()).isEqualTo(2023);
        assertThat(paid.body().path("fundType").isNull()).as("no program event: fund type unknown").isTrue();
        assertThat(paid.body().at("/balance/available").asString()).isEqualTo("3800.00");
        assertThat(jdbc.queryForObject("SELECT learned_from FROM allocation_fact WHERE allocation_id = ?",
                String.class, id)).isEqualTo("BUDGET_API");
        assertThat(pay(payment(id, allocation.toOrg(), "800.00", "2023-03-16")).at("/balance/available")
                .asString()).isEqualTo("3000.00");
        assertThat(budgetService().requests(id)).as("read through once, then known").isEqualTo(1);
        assertThat(claims(budgetService().lastAuthorization(id))).as("the payer's own token was relayed")
                .containsEntry("role", "AGENCY").containsEntry("org", allocation.toOrg());

        // the event arrives later: a no-op for the facts; movements still come from events
        var issued = events().issued(allocation);
        events().adjusted(id, "1000.00", "市财社〔2023〕test-追加", "2023-04-01");
        awaitOrgAllocation(id, a -> assertThat(a.get("budget").asString()).isEqualTo("6000.00"));
        await().atMost(EVENTUALLY).until(() -> jdbc.queryForObject("SELECT count(*) FROM processed_event "
                + "WHERE event_id = ?", Long.class, issued.eventId()) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allocation_fact WHERE allocation_id = ?", Long.class,
                id)).isOne();
        assertThat(jdbc.queryForObject("SELECT learned_from FROM allocation_fact WHERE allocation_id = ?",
                String.class, id)).isEqualTo("BUDGET_API");
        var view = balance(id);
        assertThat(view.get("amount").asString()).isEqualTo("5000.00");
        assertThat(view.get("orgName").asString()).isEqualTo("榆次区医疗保障局");
        assertThat(view.get("docNo").asString()).isEqualTo("市财社〔2023〕test号");
        assertThat(view.get("issuedOn").asString()).isEqualTo("2023-03-01");
        assertThat(view.get("executed").asString()).isEqualTo("2000.00");
        assertThat(view.get("available").asString()).isEqualTo("4000.00");
    }

    @Test
    void anotherOrgsAllocationThatOnlyBudgetServiceKnowsIsRefusedWith403AndNothingIsStored() {
        Events.AllocationIssued allocation = notYetPublished("5000.00");
        budgetService().serve(allocation);
        String intruder = uniqueProgram("INTRUDER");
        var rowsBefore = writtenRows();

        Response r = postAs(TestTokens.agency(intruder), "/api/payments", UUID.randomUUID().toString(),
                payment(allocation.allocationId(), intruder, "1.00", "2023-03-15"));

        assertThat(r.status()).as("%s", r.body()).isEqualTo(403);
        assertThat(r.field()).isEqualTo("allocationId");
        assertThat(r.detail()).contains("outside your scope (org " + intruder + ")");
        assertThat(claims(budgetService().lastAuthorization(allocation.allocationId())))
                .containsEntry("org", intruder);
        assertThat(writtenRows()).as("no fact learned, no key stored").isEqualTo(rowsBefore);
    }

    @Test
    void aTokenBudgetServiceDoesNotAcceptIsA403NeverA500() {
        Events.AllocationIssued allocation = notYetPublished("5000.00");
        budgetService().serve(allocation);
        var rowsBefore = writtenRows();
        Response r;
        try {
            budgetService().mode(FakeBudgetService.Mode.ANSWER_401);
            r = post("/api/payments", payment(allocation.allocationId(), allocation.toOrg(), "1.00", "2023-03-15"));
        } finally {
            budgetService().mode(FakeBudgetService.Mode.NORMAL);
        }
        assertThat(r.status()).as("%s", r.body()).isEqualTo(403);
        assertThat(r.field()).isEqualTo("allocationId");
        assertThat(r.detail()).contains("did not accept the token");
        assertThat(writtenRows()).isEqualTo(rowsBefore);
    }

    /** The claims of a relayed bearer token. */
    private static java.util.Map<String, Object> claims(String authorization) {
        assertThat(authorization).startsWith("Bearer ");
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        return JSON.readValue(java.util.Base64.getUrlDecoder().decode(payload),
                new tools.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { });
    }

    @Test
    void anAllocationBudgetServiceDoesNotKnowIsRefusedAndNothingIsStored() {
        UUID unknown = UUID.randomUUID();
        Response r = post("/api/payments", payment(unknown, "ORG-1", "1.00", "2023-03-15"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("allocationId");
        assertThat(budgetService().requests(unknown)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allocation_fact WHERE allocation_id = ?", Long.class,
                unknown)).isZero();
    }

    @Test
    void whenBudgetServiceCannotAnswerThePaymentIsRefusedWith503AndNothingIsWritten() {
        Events.AllocationIssued allocation = notYetPublished("5000.00");
        budgetService().serve(allocation);
        Map<String, Object> body = payment(allocation.allocationId(), allocation.toOrg(), "1.00", "2023-03-15");
        var rowsBefore = writtenRows();
        try {
            budgetService().mode(FakeBudgetService.Mode.ANSWER_503);
            Response refused = post("/api/payments", body);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.field()).isEqualTo("allocationId");
            assertThat(refused.detail()).contains("cannot verify allocation").contains("retry");

            budgetService().mode(FakeBudgetService.Mode.SLOWER_THAN_THE_READ_TIMEOUT);
            long started = System.nanoTime();
            Response timedOut = post("/api/payments", body);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(timedOut.status()).isEqualTo(503);
            assertThat(timedOut.detail()).contains("cannot verify allocation");
            // the fake answers (200) after 4.5 s: a 503 shows the 3 s read timeout cut the wait short
            assertThat(millis).as("read timeout of 3 s").isBetween(2_900L, 6_000L);
        } finally {
            budgetService().mode(FakeBudgetService.Mode.NORMAL);
        }
        assertThat(writtenRows()).isEqualTo(rowsBefore);

        // budget-service answers again: the same request goes through
        assertThat(post("/api/payments", body).status()).isEqualTo(201);
    }
}
