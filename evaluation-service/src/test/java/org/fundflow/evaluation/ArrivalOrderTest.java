package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.adjust;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.toOrg;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Facts, not order: a child and adjustments consumed before their allocation give the same figures. */
class ArrivalOrderTest extends EvaluationServiceTest {
    private static final List<String> FIGURES = List.of("budget", "distributed", "undistributed", "executed",
            "executedInSubtree", "distributionRate", "distributionPercent", "executionRate", "scheduleRate",
            "lagging", "daysToFirstPassDown", "level", "sourceLevel", "issuedOn");

    private record Chain(String program, UUID province, UUID city, UUID org) {
        static Chain fresh(String label) {
            return new Chain(uniqueProgram(label), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        }
    }

    @Test
    void childAndAdjustmentBeforeTheParentGiveTheInOrderFigures() {
        Chain inOrder = Chain.fresh("in-order");
        issue(province(inOrder));
        adjust(inOrder.province(), "200000.00", LocalDate.of(2021, 5, 10));
        issue(city(inOrder));
        adjust(inOrder.city(), "-50000.00", LocalDate.of(2021, 6, 1));
        issue(org(inOrder));

        Chain reversed = Chain.fresh("reversed");
        var orgFirst = issue(org(reversed));
        var cityAdjustment = adjust(reversed.city(), "-50000.00", LocalDate.of(2021, 6, 1));
        var cityIssue = issue(city(reversed));
        var provinceAdjustment = adjust(reversed.province(), "200000.00", LocalDate.of(2021, 5, 10));
        // Make sure the children and adjustments really were consumed before the parent exists.
        eventually().until(() -> processed("evaluation.allocation", orgFirst.eventId())
                && processed("evaluation.allocation", cityAdjustment.eventId())
                && processed("evaluation.allocation", cityIssue.eventId())
                && processed("evaluation.allocation", provinceAdjustment.eventId()));
        JsonNode early = execution("programCode", reversed.program(), "asOf", "2021-12-31");
        assertThat(ids(early)).as("without its parent the city is a root for now")
                .containsExactly(reversed.city().toString(), reversed.org().toString());
        assertThat(row(early, reversed.city()).orElseThrow().path("budget").asString()).isEqualTo("550000.00");

        issue(province(reversed));

        eventually().untilAsserted(() -> {
            JsonNode a = execution("programCode", inOrder.program(), "asOf", "2021-12-31");
            JsonNode b = execution("programCode", reversed.program(), "asOf", "2021-12-31");
            assertThat(b.path("rows")).hasSize(3);
            assertThat(a.path("rows")).hasSize(3);
            assertSameFigures(row(a, inOrder.province()).orElseThrow(), row(b, reversed.province()).orElseThrow());
            assertSameFigures(row(a, inOrder.city()).orElseThrow(), row(b, reversed.city()).orElseThrow());
            assertSameFigures(row(a, inOrder.org()).orElseThrow(), row(b, reversed.org()).orElseThrow());
            assertThat(ids(b)).containsExactly(reversed.province().toString(), reversed.city().toString(),
                    reversed.org().toString());
        });

        JsonNode b = execution("programCode", reversed.program(), "asOf", "2021-12-31");
        JsonNode province = row(b, reversed.province()).orElseThrow();
        assertThat(province.path("budget").asString()).isEqualTo("1200000.00");
        assertThat(province.path("distributed").asString()).isEqualTo("550000.00");
        assertThat(province.path("undistributed").asString()).isEqualTo("650000.00");
        assertThat(province.path("distributionRate").asString()).isEqualTo("0.4583");
        JsonNode city = row(b, reversed.city()).orElseThrow();
        assertThat(city.path("budget").asString()).isEqualTo("550000.00");
        assertThat(city.path("distributed").asString()).isEqualTo("300000.00");
        assertThat(city.path("undistributed").asString()).isEqualTo("250000.00");
        assertThat(city.path("distributionRate").asString()).isEqualTo("0.5455");
    }

    private static void assertSameFigures(JsonNode expected, JsonNode actual) {
        for (String field : FIGURES) {
            assertThat(actual.path(field)).as(field).isEqualTo(expected.path(field));
        }
    }

    private static org.fundflow.contracts.Events.AllocationIssued province(Chain c) {
        return toRegion(c.province(), null, c.program(), 2021, Level.CENTRAL, "000000", "140000", "1000000.00",
                LocalDate.of(2021, 4, 1));
    }

    private static org.fundflow.contracts.Events.AllocationIssued city(Chain c) {
        return toRegion(c.city(), c.province(), c.program(), 2021, Level.CENTRAL, "140000", "140700", "600000.00",
                LocalDate.of(2021, 4, 20));
    }

    private static org.fundflow.contracts.Events.AllocationIssued org(Chain c) {
        return toOrg(c.org(), c.city(), c.program(), 2021, Level.CENTRAL, "140700", "140700001", "晋中市医疗保障局",
                "140700", "300000.00", LocalDate.of(2021, 5, 3));
    }
}
