package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.adjust;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.toRegion;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Figures as of a date: only what was issued and effective by then counts. */
class AsOfTest extends EvaluationServiceTest {

    @Test
    void onlyFactsDatedByAsOfCount() {
        String program = uniqueProgram("asof");
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID advance = UUID.randomUUID();
        issue(toRegion(early, null, program, 2020, Level.CENTRAL, "000000", "140000", "800000.00",
                LocalDate.of(2020, 3, 1)));
        issue(toRegion(late, early, program, 2020, Level.CENTRAL, "140000", "140700", "300000.00",
                LocalDate.of(2020, 10, 20)));
        var adjustment = adjust(early, "-100000.00", LocalDate.of(2020, 11, 15));
        // 提前下达: next year's money issued in advance, before its fiscal year starts.
        issue(toRegion(advance, null, program, 2021, Level.CENTRAL, "000000", "140000", "90000.00",
                LocalDate.of(2020, 11, 10)));
        eventually().until(() -> processed("evaluation.allocation", adjustment.eventId())
                && execution("programCode", program, "asOf", "2021-12-31").path("rows").size() == 3);

        JsonNode october1 = execution("programCode", program, "fiscalYear", "2020", "asOf", "2020-10-01");
        assertThat(row(october1, late)).as("not issued yet on 2020-10-01").isEmpty();
        JsonNode e1 = row(october1, early).orElseThrow();
        assertThat(e1.path("budget").asString()).isEqualTo("800000.00");
        assertThat(e1.path("distributed").asString()).isEqualTo("0.00");
        assertThat(e1.path("distributionRate").asString()).isEqualTo("0.0000");
        assertThat(e1.path("daysToFirstPassDown").isNull()).isTrue();
        assertThat(e1.path("scheduleRate").asString()).isEqualTo("0.8333");

        JsonNode october15 = execution("programCode", program, "fiscalYear", "2020", "asOf", "2020-10-15");
        assertThat(row(october15, early).orElseThrow().path("scheduleRate").asString()).isEqualTo("0.8333");
        assertThat(row(october15, late)).isEmpty();

        JsonNode november1 = execution("programCode", program, "fiscalYear", "2020", "asOf", "2020-11-01");
        JsonNode l = row(november1, late).orElseThrow();
        assertThat(l.path("budget").asString()).isEqualTo("300000.00");
        assertThat(l.path("scheduleRate").asString()).isEqualTo("0.9167");
        JsonNode e2 = row(november1, early).orElseThrow();
        assertThat(e2.path("budget").asString()).as("adjustment effective 11-15 not yet").isEqualTo("800000.00");
        assertThat(e2.path("distributed").asString()).isEqualTo("300000.00");
        assertThat(e2.path("distributionRate").asString()).isEqualTo("0.3750");
        assertThat(e2.path("daysToFirstPassDown").asLong()).isEqualTo(233);
        assertThat(row(november1, advance)).as("fiscal year 2021 not selected").isEmpty();

        JsonNode december = execution("programCode", program, "asOf", "2020-12-01");
        JsonNode e3 = row(december, early).orElseThrow();
        assertThat(e3.path("budget").asString()).isEqualTo("700000.00");
        assertThat(e3.path("undistributed").asString()).isEqualTo("400000.00");
        assertThat(e3.path("distributionRate").asString()).isEqualTo("0.4286");
        JsonNode a = row(december, advance).orElseThrow();
        assertThat(a.path("scheduleRate").asString()).as("before its fiscal year").isEqualTo("0.0000");
        assertThat(a.path("lagging").asBoolean()).isFalse();

        JsonNode nextYear = execution("programCode", program, "fiscalYear", "2020", "asOf", "2021-02-01");
        assertThat(row(nextYear, early).orElseThrow().path("scheduleRate").asString()).isEqualTo("1.0000");
        assertThat(row(nextYear, early).orElseThrow().path("lagging").asBoolean()).isTrue();
    }
}
