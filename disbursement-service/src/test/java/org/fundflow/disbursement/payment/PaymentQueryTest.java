package org.fundflow.disbursement.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fundflow.contracts.Events;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/payments by allocation or org, bounded by payment date, a page at a time. */
class PaymentQueryTest extends DisbursementServiceTestBase {

    @Test
    void listsByAllocationOrOrgWithinDatesAPageAtATime() {
        Events.AllocationIssued a = orgAllocation("10000.00", "2024-01-05");
        String org = a.toOrg();
        for (String day : List.of("2024-03-01", "2024-01-20", "2024-02-10", "2024-04-30")) {
            pay(payment(a.allocationId(), org, "100.00", day));
        }

        assertThat(paidOn(call("/api/payments?allocationId=" + a.allocationId()).body()))
                .containsExactly("2024-01-20", "2024-02-10", "2024-03-01", "2024-04-30");
        JsonNode byOrg = call("/api/payments?org=" + org + "&from=2024-02-10&to=2024-03-31").body();
        assertThat(paidOn(byOrg)).containsExactly("2024-02-10", "2024-03-01");
        assertThat(byOrg.path("org").asString()).isEqualTo(org);
        assertThat(byOrg.at("/payments/0/balance").isNull()).isTrue();
        JsonNode page = call("/api/payments?org=" + org + "&limit=2&offset=1").body();
        assertThat(paidOn(page)).containsExactly("2024-02-10", "2024-03-01");
        assertThat(page.path("limit").asInt()).isEqualTo(2);

        assertThat(call("/api/payments").field()).isEqualTo("allocationId");
        assertThat(call("/api/payments?org=" + org + "&limit=501").field()).isEqualTo("limit");
        assertThat(call("/api/payments?org=" + org + "&limit=0").field()).isEqualTo("limit");
        assertThat(call("/api/payments?org=" + org + "&offset=-1").field()).isEqualTo("offset");
        assertThat(call("/api/payments?org=" + org + "&from=2024-13-01").field()).isEqualTo("from");
        assertThat(call("/api/payments?org=bad%20org").field()).isEqualTo("org");
        assertThat(call("/api/payments?allocationId=nope").field()).isEqualTo("allocationId");
        assertThat(call("/api/payments/nope").field()).isEqualTo("paymentId");
        assertThat(call("/api/payments/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(call("/api/payments?org=" + uniqueProgram("NOBODY")).body().path("payments")).isEmpty();
    }

    private static List<String> paidOn(JsonNode page) {
        List<String> dates = new ArrayList<>();
        page.path("payments").forEach(p -> dates.add(p.path("paidOn").asString()));
        return dates;
    }
}
