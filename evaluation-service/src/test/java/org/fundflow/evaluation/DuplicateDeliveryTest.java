package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.adjust;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Redelivery changes nothing: the same event (same id) three times counts once. */
class DuplicateDeliveryTest extends EvaluationServiceTest {

    @Test
    void theSameEventThreeTimesCountsOnce() {
        String program = uniqueProgram("dup");
        UUID province = UUID.randomUUID();
        UUID city = UUID.randomUUID();
        var issued = TestEvents.envelope("allocation", province.toString(), "AllocationIssued",
                toRegion(province, null, program, 2022, Level.CENTRAL, "000000", "140000", "500000.00",
                        LocalDate.of(2022, 2, 1)));
        var adjusted = TestEvents.envelope("allocation", province.toString(), "AllocationAdjusted",
                new org.fundflow.contracts.Events.AllocationAdjusted(province,
                        org.fundflow.contracts.Money.parse("123456.78"), "晋财社〔2022〕9号", LocalDate.of(2022, 3, 1),
                        "追加"));
        var recovered = TestEvents.envelope("allocation", province.toString(), "AllocationRecovered",
                new org.fundflow.contracts.Events.AllocationRecovered(province,
                        org.fundflow.contracts.Money.parse("0.78"), LocalDate.of(2022, 4, 1), "收回"));
        var child = TestEvents.envelope("allocation", city.toString(), "AllocationIssued",
                toRegion(city, province, program, 2022, Level.CENTRAL, "140000", "140700", "100000.01",
                        LocalDate.of(2022, 2, 5)));
        for (int i = 0; i < 3; i++) {
            TestEvents.send(issued);
            TestEvents.send(adjusted);
            TestEvents.send(recovered);
            TestEvents.send(child);
        }
        // Sent last on the province's key (same partition): once it is applied, every duplicate before it was seen.
        var sentinel = adjust(province, "0.01", LocalDate.of(2022, 5, 1));
        var childSentinel = adjust(city, "0.01", LocalDate.of(2022, 5, 1));
        eventually().until(() -> processed("evaluation.allocation", sentinel.eventId())
                && processed("evaluation.allocation", childSentinel.eventId()));

        JsonNode report = execution("programCode", program, "asOf", "2022-12-31");
        assertThat(report.path("rows")).hasSize(2);
        JsonNode p = row(report, province).orElseThrow();
        assertThat(p.path("budget").asString()).isEqualTo("623456.01"); // 500000 + 123456.78 − 0.78 + 0.01
        assertThat(p.path("distributed").asString()).isEqualTo("100000.02");
        assertThat(p.path("undistributed").asString()).isEqualTo("523455.99");
        assertThat(p.path("distributionRate").asString()).isEqualTo("0.1604");
        Integer movements = jdbc.queryForObject(
                "SELECT count(*) FROM allocation_movement WHERE allocation_id = ?", Integer.class, province);
        assertThat(movements).isEqualTo(3);
    }
}
