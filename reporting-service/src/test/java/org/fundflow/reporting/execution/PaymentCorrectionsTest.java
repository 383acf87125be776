package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;
import static org.fundflow.reporting.AllocationEvents.recorded;

import java.util.UUID;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.fundflow.reporting.AllocationEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reversals reduce the executed amount exactly, whatever the order; redelivered events and a second PaymentRecorded
 * for the same payment count once. The only test of the module with payments in 141121 (文水县) in 2024.
 */
class PaymentCorrectionsTest extends ExecutionTestSupport {

    @Test
    void reversals_reduce_executed_exactly_and_duplicates_count_once() {
        String program = uniqueProgram("WS2024-FIX");
        Events.AllocationIssued allocation = issue(program, "文水县冲销测试", 2024).source(Level.COUNTY)
                .from("141121", "文水县").toOrg("WS-YBJ", "文水县医疗保障局", "141121").amount("500000.00")
                .doc("文财〔2024〕test号", "2024-02-01").build();
        events().issued(allocation);
        Events.PaymentRecorded a = pay(allocation).amount("100000.00", "2024-03-01").build();
        Events.PaymentRecorded b = pay(allocation).amount("20000.00", "2024-04-01").function("2101399").build();

        // Key a: the reversal before its payment, then the payment twice (redelivery), then the reversal again.
        EventEnvelope<Events.PaymentReversed> reversal = events().reversed(a, "30000.00", "2024-05-10");
        EventEnvelope<Events.PaymentRecorded> paidA = events().paid(a);
        events().publish(paidA);
        events().publish(reversal);
        // Key b: the payment, then another PaymentRecorded for the same payment under a new event id.
        events().paid(b);
        events().publish(recorded(b));
        // A last reversal of 0.01 on each key: the events of one key share a partition, so when both are visible
        // every duplicate before them has been consumed.
        events().reversed(a, "0.01", "2024-06-01");
        events().reversed(b, "0.01", "2024-06-01");

        String funds = "/api/reports/execution/by-fund?fiscalYear=2024&region=141121&asOf=2024-12-31";
        JsonNode report = awaitReport(funds,
                r -> assertThat(s(requireRow(r, "programCode", program), "executed")).isEqualTo("89999.98"));
        JsonNode row = requireRow(report, "programCode", program);
        assertThat(s(row, "budget")).isEqualTo("500000.00");
        assertThat(s(row, "executionRate")).isEqualTo("0.1800");
        assertTotalIsSumOfRows(report, "budget", "executed");

        String byFunction = "/api/reports/execution/by-function?fiscalYear=2024&region=141121";
        JsonNode functions = report(byFunction + "&asOf=2024-12-31");
        JsonNode item = requireRow(functions, "code", "2101301");
        assertThat(s(item, "paid")).isEqualTo("100000.00");
        assertThat(s(item, "reversed")).isEqualTo("30000.01");
        assertThat(s(item, "executed")).isEqualTo("69999.99");
        JsonNode other = requireRow(functions, "code", "2101399");
        assertThat(s(other, "paid")).isEqualTo("20000.00");
        assertThat(s(other, "reversed")).isEqualTo("0.01");
        assertThat(s(other, "executed")).isEqualTo("19999.99");
        assertThat(functions.at("/total/paid").asString()).isEqualTo("120000.00");
        assertThat(functions.at("/total/reversed").asString()).isEqualTo("30000.02");
        assertThat(functions.at("/total/executed").asString()).isEqualTo("89999.98");
        assertFunctionTableAddsUp(functions, "paid", "reversed", "executed");
        assertThat(s(requireRow(functions, "code", "21013"), "executed")).isEqualTo("89999.98");

        // As of dates: reversals by reversedOn, payments by paidOn.
        assertThat(requireRow(report(byFunction + "&asOf=2024-05-31"), "code", "210").get("executed").asString())
                .isEqualTo("90000.00");
        assertThat(requireRow(report(byFunction + "&asOf=2024-04-30"), "code", "210").get("executed").asString())
                .isEqualTo("120000.00");
        assertThat(requireRow(report(byFunction + "&asOf=2024-03-15"), "code", "210").get("executed").asString())
                .isEqualTo("100000.00");
    }

    /** A reversal whose payment has not arrived is kept, and counts the moment the payment does. */
    @Test
    void a_reversal_waits_for_its_payment() {
        String program = uniqueProgram("WS2024-WAIT");
        Events.PaymentRecorded payment = pay(UUID.randomUUID(), program, 2024, "WS-CZJ", "141121")
                .amount("5000.00", "2024-07-01").function("2080505").build();
        Events.PaymentReversed reversal = new Events.PaymentReversed(UUID.randomUUID(), payment.paymentId(),
                payment.allocationId(), payment.payerOrg(), org.fundflow.contracts.Money.parse("1234.56"),
                java.time.LocalDate.parse("2024-07-02"), "退回");
        // Published under another key than the payment, so nothing orders it after the payment.
        events().publish(AllocationEvents.envelope(Events.PAYMENT_REVERSED, Topics.PAYMENT_AGGREGATE,
                reversal.reversalId().toString(), reversal));
        String query = "/api/reports/execution/by-fund?fiscalYear=2024&region=141121&asOf=2024-12-31";
        events().paid(payment);
        JsonNode report = awaitReport(query,
                r -> assertThat(s(requireRow(r, "programCode", program), "executed")).isEqualTo("3765.44"));
        assertThat(s(requireRow(report, "programCode", program), "budget")).isEqualTo("0.00");
    }
}
