package org.fundflow.disbursement.payment;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.fundflow.disbursement.AllocationEvents;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.junit.jupiter.api.Test;

/**
 * Every malformed payment (400), every rule violation (422) and every voucher conflict (409) names its field, writes
 * no row and publishes no event: the end offsets of fundflow.payment move by exactly one for the accepted sentinel.
 */
class PaymentRejectionTest extends DisbursementServiceTestBase {

    private record Case(String name, int status, String field, Map<String, Object> body, String detailContains) {
    }

    @Test
    void rejectsEveryMalformedOrForbiddenPaymentWithItsFieldAndLeavesNoTrace() {
        KafkaTopic topic = KafkaTopic.fromNow(Topics.PAYMENT);
        Events.AllocationIssued allocation = orgAllocation("1000.00", "2021-03-01");
        UUID id = allocation.allocationId();
        String org = allocation.toOrg();
        String voucher = "V-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> first = payment(id, org, "100.00", "2021-04-01");
        first.put("voucherNo", voucher);
        pay(first);

        // budget-service knows an allocation to a region (never stored here) and not the unknown id
        Events.AllocationIssued toRegion = AllocationEvents.issue(uniqueProgram("R"), "城乡医疗救助", 2021)
                .source(Level.PROVINCIAL).from("140000", "山西省").toRegion("140700", "晋中市").amount("5000.00")
                .doc("晋财社〔2021〕test号", "2021-02-01").build();
        budgetService().serve(toRegion);

        Map<String, Object> valid = payment(id, org, "10.00", "2021-04-02");
        valid.put("payee", "榆次区人民医院");
        valid.put("beneficiaryCount", 12);
        valid.put("voucherNo", "V-" + UUID.randomUUID().toString().substring(0, 8));
        valid.put("procurementCategory", "SERVICES");

        List<Case> cases = new ArrayList<>();
        for (String required : List.of("allocationId", "payerOrg", "amount", "paidOn", "functionCode",
                "economicCode", "expenditureKind")) {
            cases.add(bad("missing " + required, required, valid, b -> b.remove(required)));
        }
        cases.add(bad("allocationId not a UUID", "allocationId", valid, b -> b.put("allocationId", "abc")));
        cases.add(bad("allocationId as a number", "allocationId", valid, b -> b.put("allocationId", 12)));
        cases.add(bad("payerOrg with a space", "payerOrg", valid, b -> b.put("payerOrg", "bad org")));
        for (String amount : List.of("12.345", "1e5", "-5", "0", "0.00", "10000000000000.01", "", " ", "1,000",
                "abc")) {
            cases.add(bad("amount '" + amount + "'", "amount", valid, b -> b.put("amount", amount)));
        }
        cases.add(bad("amount as a JSON number", "amount", valid, b -> b.put("amount", 10)));
        cases.add(bad("amount as a JSON decimal", "amount", valid, b -> b.put("amount", 10.5)));
        for (String date : List.of("2021/04/02", "2021-4-2", "2021-02-30", "02-04-2021", "2021-04-02T00:00:00")) {
            cases.add(bad("paidOn '" + date + "'", "paidOn", valid, b -> b.put("paidOn", date)));
        }
        cases.add(bad("paidOn as a number", "paidOn", valid, b -> b.put("paidOn", 20210402)));
        cases.add(bad("functionCode of 4 digits", "functionCode", valid, b -> b.put("functionCode", "2101")));
        cases.add(bad("functionCode with letters", "functionCode", valid, b -> b.put("functionCode", "21013a1")));
        cases.add(bad("functionCode as a number", "functionCode", valid, b -> b.put("functionCode", 2101301)));
        cases.add(bad("economicCode of 4 digits", "economicCode", valid, b -> b.put("economicCode", "3030")));
        cases.add(bad("economicCode of 7 digits", "economicCode", valid, b -> b.put("economicCode", "3030701")));
        cases.add(bad("expenditureKind unknown", "expenditureKind", valid, b -> b.put("expenditureKind", "OTHER")));
        cases.add(bad("expenditureKind lower case", "expenditureKind", valid,
                b -> b.put("expenditureKind", "basic")));
        cases.add(bad("beneficiaryCount negative", "beneficiaryCount", valid, b -> b.put("beneficiaryCount", -1)));
        cases.add(bad("beneficiaryCount over 10^9", "beneficiaryCount", valid,
                b -> b.put("beneficiaryCount", 1_000_000_001L)));
        cases.add(bad("beneficiaryCount as a string", "beneficiaryCount", valid,
                b -> b.put("beneficiaryCount", "12")));
        cases.add(bad("beneficiaryCount a fraction", "beneficiaryCount", valid,
                b -> b.put("beneficiaryCount", 1.5)));
        cases.add(bad("payee of 201 characters", "payee", valid, b -> b.put("payee", "院".repeat(201))));
        cases.add(bad("blank payee", "payee", valid, b -> b.put("payee", "  ")));
        cases.add(bad("voucherNo with a space", "voucherNo", valid, b -> b.put("voucherNo", "V 1")));
        cases.add(bad("voucherNo of 65 characters", "voucherNo", valid, b -> b.put("voucherNo", "V".repeat(65))));
        cases.add(bad("voucherNo in Chinese", "voucherNo", valid, b -> b.put("voucherNo", "记-0001")));
        cases.add(bad("procurementCategory unknown", "procurementCategory", valid,
                b -> b.put("procurementCategory", "FOOD")));
        cases.add(bad("unknown field", "budget", valid, b -> b.put("budget", "1.00")));
        cases.add(new Case("no Idempotency-Key", 400, "Idempotency-Key", new LinkedHashMap<>(valid), null));

        cases.add(rule("unknown allocation", "allocationId", valid,
                b -> b.put("allocationId", UUID.randomUUID().toString()), "no allocation"));
        // budget-service shows an allocation to a region to no agency: it is outside the payer's scope
        cases.add(new Case("allocation to a region", 403, "allocationId", with(valid,
                b -> b.put("allocationId", toRegion.allocationId().toString())), "outside your scope"));
        cases.add(new Case("another org as payer", 403, "payerOrg", with(valid,
                b -> b.put("payerOrg", uniqueProgram("O"))), "outside your scope"));
        cases.add(rule("paid before the allocation was issued", "paidOn", valid, b -> b.put("paidOn", "2021-02-28"),
                "before 2021-03-01"));
        cases.add(rule("more than is available", "amount", valid, b -> b.put("amount", "900.01"),
                "900.00 available"));
        cases.add(new Case("voucher used for a different payment", 409, "voucherNo", with(valid,
                b -> b.put("voucherNo", voucher)), "already used for a different payment"));
        cases.add(new Case("voucher already recorded with the same content", 409, "voucherNo", first,
                "already recorded, with the same content"));

        awaitRelayCaughtUp(topic, "payment");
        long eventsBefore = topic.size();
        Map<String, Long> rowsBefore = writtenRows();
        for (Case c : cases) {
            String key = c.name().equals("no Idempotency-Key") ? null : UUID.randomUUID().toString();
            Response r = post("/api/payments", key, c.body());
            assertThat(r.status()).as("%s → %s", c.name(), r.body()).isEqualTo(c.status());
            assertThat(r.field()).as("%s → %s", c.name(), r.body()).isEqualTo(c.field());
            assertThat(r.header("Content-Type")).as(c.name()).startsWith("application/problem+json");
            assertThat(r.detail()).as(c.name()).isNotBlank();
            if (c.detailContains() != null) {
                assertThat(r.detail()).as(c.name()).contains(c.detailContains());
            }
        }
        assertThat(post("/api/payments", "{\"allocationId\":").status()).as("truncated JSON").isEqualTo(400);
        assertThat(post("/api/payments", "[]").status()).as("an array").isEqualTo(400);
        assertThat(post("/api/payments", "").status()).as("no body").isEqualTo(400);
        Map<String, Object> reversal = Map.of("amount", "1.00", "reversedOn", "2021-04-05", "reason", "退回");
        assertThat(post("/api/payments/not-a-uuid/reversals", reversal).field()).isEqualTo("paymentId");
        assertThat(post("/api/payments/" + UUID.randomUUID() + "/reversals", reversal).status()).isEqualTo(404);
        assertThat(writtenRows()).as("rows after %d rejected requests", cases.size()).isEqualTo(rowsBefore);
        assertThat(budgetService().requests(toRegion.allocationId())).isEqualTo(1);

        // the sentinel: one accepted write, then exactly one more record on the topic
        String sentinel = pay(valid).path("paymentId").asString();
        topic.awaitKey(sentinel, 1);
        assertThat(topic.size()).isEqualTo(eventsBefore + 1);
        assertThat(balance(id).get("executed").asString()).isEqualTo("110.00");
    }

    @Test
    void paymentsAndReversalsAreNeverUpdatedOrDeleted() {
        Events.AllocationIssued allocation = orgAllocation("100.00", "2021-03-01");
        String paymentId = pay(payment(allocation.allocationId(), allocation.toOrg(), "10.00", "2021-03-02"))
                .path("paymentId").asString();
        post("/api/payments/" + paymentId + "/reversals",
                Map.of("amount", "1.00", "reversedOn", "2021-03-03", "reason", "退回"));
        UUID pid = UUID.fromString(paymentId);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                "UPDATE payment SET amount_cents = 1 WHERE payment_id = ?", pid)).hasMessageContaining("immutable");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                "DELETE FROM payment_reversal WHERE payment_id = ?", pid)).hasMessageContaining("immutable");
        assertThat(balance(allocation.allocationId()).get("executed").asString()).isEqualTo("9.00");
    }

    private static Map<String, Object> with(Map<String, Object> valid, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        change.accept(body);
        return body;
    }

    private static Case bad(String name, String field, Map<String, Object> valid,
            Consumer<Map<String, Object>> change) {
        return new Case(name, 400, field, with(valid, change), null);
    }

    private static Case rule(String name, String field, Map<String, Object> valid,
            Consumer<Map<String, Object>> change, String detailContains) {
        return new Case(name, 422, field, with(valid, change), detailContains);
    }
}
