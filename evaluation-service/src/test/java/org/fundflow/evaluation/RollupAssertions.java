package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import tools.jackson.databind.JsonNode;

/** The roll-up invariant: money is counted once, so the totals are exactly the sums of the rows. */
final class RollupAssertions {
    private RollupAssertions() {
    }

    static void totalsAreTheSumOfTheRows(JsonNode report) {
        Money budget = Money.ZERO;
        Money executed = Money.ZERO;
        Money held = Money.ZERO;
        int allocations = 0;
        for (JsonNode row : report.path("rows")) {
            budget = budget.plus(Money.parse(row.path("budget").asString()));
            executed = executed.plus(Money.parse(row.path("executed").asString()));
            held = held.plus(Money.parse(row.path("undistributedHeld").asString()));
            allocations += row.path("allocations").asInt();
            Money rowBudget = Money.parse(row.path("budget").asString());
            Money rowExecuted = Money.parse(row.path("executed").asString());
            assertThat(row.path("executionRate").asString()).as("rate of %s", row.path("key"))
                    .isEqualTo(Rates.fraction(rowExecuted.ratioTo(rowBudget)));
            assertThat(row.path("executionPercent").asString())
                    .isEqualTo(Rates.percent(rowExecuted.ratioTo(rowBudget)));
        }
        JsonNode totals = report.path("totals");
        assertThat(totals.path("budget").asString()).as("Σ budget of %s", report.path("by"))
                .isEqualTo(budget.toString());
        assertThat(totals.path("executed").asString()).as("Σ executed").isEqualTo(executed.toString());
        assertThat(totals.path("undistributedHeld").asString()).as("Σ undistributedHeld").isEqualTo(held.toString());
        assertThat(totals.path("allocations").asInt()).as("Σ allocations").isEqualTo(allocations);
        assertThat(totals.path("executionRate").asString()).isEqualTo(Rates.fraction(executed.ratioTo(budget)));
    }
}
