package org.fundflow.disbursement.payment;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A retried write with the same Idempotency-Key is answered from the first and writes (and publishes) nothing more. */
class PaymentIdempotencyTest extends DisbursementServiceTestBase {

    @Test
    void sameKeyTwiceGivesOnePaymentOneOutboxRowAndOneEvent() {
        KafkaTopic topic = KafkaTopic.fromNow(Topics.PAYMENT);
        Events.AllocationIssued allocation = orgAllocation("1000.00", "2022-01-10");
        Map<String, Object> body = payment(allocation.allocationId(), allocation.toOrg(), "250.00", "2022-02-01");
        body.put("voucherNo", "ID-" + UUID.randomUUID().toString().substring(0, 8));
        String key = UUID.randomUUID().toString();

        String clerk = TestTokens.withClaims(Map.of("sub", "clerk@140700-101", "role", "AGENCY", "org",
                allocation.toOrg()));
        Response first = postAs(clerk, "/api/payments", key, body, "X-Correlation-Id", "corr-idem-1");
        Response retry = postAs(clerk, "/api/payments", key, body);

        assertThat(first.status()).as("%s", first.body()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        String id = first.text("paymentId");
        assertThat(first.header("Location")).isEqualTo("/api/payments/" + id);
        assertThat(retry.header("Location")).isEqualTo("/api/payments/" + id);
        assertThat(first.text("recordedBy")).isEqualTo("clerk@140700-101");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment WHERE allocation_id = ?", Long.class,
                allocation.allocationId())).isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ?", Long.class, id)).isOne();
        assertThat(balance(allocation.allocationId()).get("executed").asString()).isEqualTo("250.00");

        Map<String, Object> different = payment(allocation.allocationId(), allocation.toOrg(), "250.01",
                "2022-02-01");
        Response conflict = postAs(clerk, "/api/payments", key, different);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.field()).isEqualTo("Idempotency-Key");

        // one event for the payment, even after a later write has been published
        ConsumerRecord<String, String> event = topic.awaitKey(id, 1).get(0);
        assertThat(KafkaTopic.header(event, EventHeaders.EVENT_TYPE)).isEqualTo(Events.PAYMENT_RECORDED);
        assertThat(KafkaTopic.header(event, EventHeaders.CORRELATION_ID)).isEqualTo("corr-idem-1");
        assertThat(KafkaTopic.header(event, EventHeaders.EVENT_ID)).isEqualTo(jdbc.queryForObject(
                "SELECT id::text FROM outbox WHERE aggregateid = ?", String.class, id));
        JsonNode envelope = JSON.readTree(event.value());
        assertThat(envelope.path("recordedBy").asString()).isEqualTo("clerk@140700-101");
        assertThat(envelope.at("/actor/subject").asString()).isEqualTo("clerk@140700-101");
        assertThat(envelope.at("/actor/role").asString()).isEqualTo("AGENCY");
        assertThat(envelope.at("/actor/org").asString()).isEqualTo(allocation.toOrg());
        assertThat(envelope.at("/actor/clientAddress").asString()).isNotBlank();
        String sentinel = pay(payment(allocation.allocationId(), allocation.toOrg(), "1", "2022-02-02"))
                .path("paymentId").asString();
        topic.awaitKey(sentinel, 1);
        assertThat(topic.matching(r -> id.equals(r.key()))).hasSize(1);
    }

    @Test
    void reversalsReplayPerPaymentAndRefuseAKeyReusedForAnotherPayment() {
        Events.AllocationIssued allocation = orgAllocation("1000.00", "2022-01-10");
        String a = pay(payment(allocation.allocationId(), allocation.toOrg(), "100", "2022-02-01"))
                .path("paymentId").asString();
        String b = pay(payment(allocation.allocationId(), allocation.toOrg(), "100", "2022-02-01"))
                .path("paymentId").asString();
        Map<String, Object> reversal = Map.of("amount", "10.00", "reversedOn", "2022-03-01", "reason", "退回");
        String key = UUID.randomUUID().toString();

        Response first = post("/api/payments/" + a + "/reversals", key, reversal);
        Response retry = post("/api/payments/" + a + "/reversals", key, reversal);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(call("/api/payments/" + a).body().path("net").asString()).isEqualTo("90.00");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_reversal WHERE payment_id = ?::uuid",
                Long.class, a)).isOne();

        Response otherPayment = post("/api/payments/" + b + "/reversals", key, reversal);
        assertThat(otherPayment.status()).isEqualTo(409);
        assertThat(call("/api/payments/" + b).body().path("net").asString()).isEqualTo("100.00");
        assertThat(balance(allocation.allocationId()).get("executed").asString()).isEqualTo("190.00");
    }
}
