package org.fundflow.disbursement.payment;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.fundflow.disbursement.AllocationEvents;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fixture FF005–FF017 (seed 001, 晋中 2020 大病医疗互助): 市财政 → 晋中市总工会 140万, paid to eleven recipients →
 * executed 1,400,000.00, rate 100 %. Then a reversal of 0.57 must leave exactly 0.57 available.
 */
class JinzhongMutualAidFixtureTest extends DisbursementServiceTestBase {
    private static final String ORG = "140700-208";

    private record Paid(String payee, String amount, String paidOn) {
    }

    private static final List<Paid> PAID = List.of(
            new Paid("榆次区总工会", "150000", "2020-10-09"),
            new Paid("太谷区总工会", "150000", "2020-10-09"),
            new Paid("祁县总工会", "50000", "2020-10-10"),
            new Paid("平遥县总工会", "100000", "2020-10-10"),
            new Paid("灵石县总工会", "150000", "2020-10-12"),
            new Paid("寿阳县总工会", "150000", "2020-10-12"),
            new Paid("昔阳县总工会", "100000", "2020-10-13"),
            new Paid("左权县总工会", "150000", "2020-10-13"),
            new Paid("和顺县总工会", "100000", "2020-10-14"),
            new Paid("榆社县总工会", "150000", "2020-10-14"),
            new Paid("汾西县总工会", "150000", "2020-10-15"));

    @Test
    void elevenPaymentsExecuteTheWhole1400000AndAReversalOf057LeavesExactly057() {
        KafkaTopic topic = KafkaTopic.fromNow(Topics.PAYMENT);
        String program = uniqueProgram("JZ2020-DBYLHZ");
        String vouchers = "JZ2020-" + UUID.randomUUID().toString().substring(0, 8);
        events().programRegistered(program, "大病医疗互助", 2020, "GENERAL_BUDGET");
        await().atMost(EVENTUALLY).until(() -> count("program_fact WHERE program_code = '" + program + "'") == 1);
        Events.AllocationIssued allocation = AllocationEvents.issue(program, "大病医疗互助", 2020).source(Level.CITY)
                .from("140700", "晋中市").toOrg(ORG, "晋中市总工会", "140700").amount("1400000.00")
                .doc("市财预〔2020〕test号", "2020-06-15").build();
        events().issued(allocation);
        UUID id = allocation.allocationId();
        awaitOrgAllocation(id, a -> assertThat(a.get("available").asString()).isEqualTo("1400000.00"));

        List<String> paymentIds = new ArrayList<>();
        JsonNode last = null;
        for (int i = 0; i < PAID.size(); i++) {
            Paid p = PAID.get(i);
            Map<String, Object> body = payment(id, ORG, p.amount(), p.paidOn());
            body.put("functionCode", "2089999");
            body.put("payee", p.payee());
            body.put("beneficiaryCount", 1);
            body.put("voucherNo", vouchers + "-" + (i + 1));
            last = pay(body);
            paymentIds.add(last.path("paymentId").asString());
            assertThat(last.path("amount").asString()).isEqualTo(new BigDecimal(p.amount()).setScale(2).toString());
        }
        assertThat(last.at("/balance/budget").asString()).isEqualTo("1400000.00");
        assertThat(last.at("/balance/executed").asString()).isEqualTo("1400000.00");
        assertThat(last.at("/balance/available").asString()).isEqualTo("0.00");
        JsonNode executed = balance(id);
        assertThat(executed.get("executed").asString()).isEqualTo("1400000.00");
        assertThat(executed.get("available").asString()).isEqualTo("0.00");

        Response twelfth = post("/api/payments", payment(id, ORG, "0.01", "2020-10-16"));
        assertThat(twelfth.status()).as("%s", twelfth.body()).isEqualTo(422);
        assertThat(twelfth.field()).isEqualTo("amount");
        assertThat(twelfth.detail()).contains("0.00 available");

        String yuci = paymentIds.get(0);
        Response reversal = post("/api/payments/" + yuci + "/reversals",
                Map.of("amount", "0.57", "reversedOn", "2020-11-02", "reason", "多付退回"));
        assertThat(reversal.status()).as("%s", reversal.body()).isEqualTo(201);
        assertThat(reversal.header("Location")).isEqualTo("/api/payments/" + yuci);
        assertThat(reversal.text("amount")).isEqualTo("0.57");
        assertThat(reversal.body().at("/payment/net").asString()).isEqualTo("149999.43");
        assertThat(reversal.body().at("/payment/reversed").asString()).isEqualTo("0.57");
        assertThat(reversal.body().at("/balance/available").asString()).isEqualTo("0.57");
        assertThat(reversal.body().at("/balance/executed").asString()).isEqualTo("1399999.43");
        JsonNode after = balance(id);
        assertThat(after.get("budget").asString()).isEqualTo("1400000.00");
        assertThat(after.get("executed").asString()).isEqualTo("1399999.43");
        assertThat(after.get("available").asString()).isEqualTo("0.57");
        assertExecutionTotalsMatchTheRows();

        Response overReversal = post("/api/payments/" + yuci + "/reversals",
                Map.of("amount", "149999.44", "reversedOn", "2020-11-03", "reason", "超额冲销"));
        assertThat(overReversal.status()).as("%s", overReversal.body()).isEqualTo(422);
        assertThat(overReversal.field()).isEqualTo("amount");
        assertThat(overReversal.detail()).contains("149999.43");
        Response beforePaid = post("/api/payments/" + yuci + "/reversals",
                Map.of("amount", "1", "reversedOn", "2020-10-08", "reason", "早于支付"));
        assertThat(beforePaid.status()).isEqualTo(422);
        assertThat(beforePaid.field()).isEqualTo("reversedOn");
        Response unknown = post("/api/payments/" + UUID.randomUUID() + "/reversals",
                Map.of("amount", "1", "reversedOn", "2020-11-03", "reason", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("paymentId");

        JsonNode yuciPayment = call("/api/payments/" + yuci).body();
        assertThat(yuciPayment.path("payee").asString()).isEqualTo("榆次区总工会");
        assertThat(yuciPayment.path("reversed").asString()).isEqualTo("0.57");
        assertThat(yuciPayment.path("net").asString()).isEqualTo("149999.43");
        assertThat(yuciPayment.path("reversals")).hasSize(1);
        assertThat(yuciPayment.at("/reversals/0/amount").asString()).isEqualTo("0.57");
        assertThat(yuciPayment.at("/reversals/0/reason").asString()).isEqualTo("多付退回");
        assertThat(yuciPayment.at("/balance/available").asString()).isEqualTo("0.57");

        JsonNode listed = call("/api/payments?allocationId=" + id).body();
        assertThat(listed.path("payments")).hasSize(11);
        long netCents = 0;
        for (JsonNode p : listed.path("payments")) {
            netCents += new BigDecimal(p.path("net").asString()).movePointRight(2).longValueExact();
        }
        assertThat(netCents).isEqualTo(139_999_943L);

        // the events: eleven PaymentRecorded and one PaymentReversed, keyed by payment, every field filled
        List<ConsumerRecord<String, String>> records = topic.awaitRecords(r -> paymentIds.contains(r.key()), 12);
        assertThat(records).hasSize(12);
        ConsumerRecord<String, String> recorded = records.stream()
                .filter(r -> r.key().equals(yuci) && KafkaTopic.header(r, EventHeaders.EVENT_TYPE)
                        .equals(Events.PAYMENT_RECORDED)).findFirst().orElseThrow();
        JsonNode envelope = JSON.readTree(recorded.value());
        assertThat(KafkaTopic.header(recorded, EventHeaders.EVENT_ID)).isEqualTo(envelope.path("eventId").asString());
        assertThat(KafkaTopic.header(recorded, EventHeaders.CORRELATION_ID)).isNotBlank();
        assertThat(envelope.path("aggregateType").asString()).isEqualTo("payment");
        assertThat(envelope.path("recordedBy").asString()).isEqualTo("agency-" + ORG);
        assertThat(envelope.at("/actor/subject").asString()).isEqualTo("agency-" + ORG);
        assertThat(envelope.at("/actor/role").asString()).isEqualTo("AGENCY");
        assertThat(envelope.at("/actor/org").asString()).isEqualTo(ORG);
        JsonNode payload = envelope.path("payload");
        assertThat(payload.path("paymentId").asString()).isEqualTo(yuci);
        assertThat(payload.path("allocationId").asString()).isEqualTo(id.toString());
        assertThat(payload.path("payerOrg").asString()).isEqualTo(ORG);
        assertThat(payload.path("payerOrgRegion").asString()).isEqualTo("140700");
        assertThat(payload.path("programCode").asString()).isEqualTo(program);
        assertThat(payload.path("fiscalYear").asInt()).isEqualTo(2020);
        assertThat(payload.path("fundType").asString()).isEqualTo("GENERAL_BUDGET");
        assertThat(payload.path("amount").asString()).isEqualTo("150000.00");
        assertThat(payload.path("paidOn").asString()).isEqualTo("2020-10-09");
        assertThat(payload.path("functionCode").asString()).isEqualTo("2089999");
        assertThat(payload.path("economicCode").asString()).isEqualTo("30307");
        assertThat(payload.path("expenditureKind").asString()).isEqualTo("PROJECT");
        assertThat(payload.path("payee").asString()).isEqualTo("榆次区总工会");
        assertThat(payload.path("beneficiaryCount").asInt()).isEqualTo(1);
        assertThat(payload.path("voucherNo").asString()).isEqualTo(vouchers + "-1");
        // null for an API payment (the relay's JSON expansion may leave a null field out: the same to a reader)
        assertThat(payload.path("importJobId").isNull() || payload.path("importJobId").isMissingNode()).isTrue();
        ConsumerRecord<String, String> reversed = records.stream()
                .filter(r -> Events.PAYMENT_REVERSED.equals(KafkaTopic.header(r, EventHeaders.EVENT_TYPE)))
                .findFirst().orElseThrow();
        assertThat(reversed.key()).isEqualTo(yuci);
        assertThat(JSON.readTree(reversed.value()).at("/actor/org").asString()).isEqualTo(ORG);
        JsonNode reversedPayload = JSON.readTree(reversed.value()).path("payload");
        assertThat(reversedPayload.path("reversalId").asString()).isEqualTo(reversal.text("reversalId"));
        assertThat(reversedPayload.path("allocationId").asString()).isEqualTo(id.toString());
        assertThat(reversedPayload.path("payerOrg").asString()).isEqualTo(ORG);
        assertThat(reversedPayload.path("amount").asString()).isEqualTo("0.57");
        assertThat(reversedPayload.path("reversedOn").asString()).isEqualTo("2020-11-02");
        assertThat(reversedPayload.path("reason").asString()).isEqualTo("多付退回");
    }
}
