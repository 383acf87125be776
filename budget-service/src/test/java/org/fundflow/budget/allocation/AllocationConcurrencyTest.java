package org.fundflow.budget.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Concurrent children of one parent never pass down more than it has: the parent row is locked while summing. */
class AllocationConcurrencyTest extends BudgetServiceIntegrationTest {

    @Test
    void tenParallelChildrenOfWhichOnlySixFit() throws Exception {
        String program = newProgram("城乡医疗救助", 2021);
        String parent = issue(allocation(program, 2021, "140000", "140700", null, "1000000.00", "2021-03-01"))
                .path("allocationId").asString();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Response>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Map<String, Object> child = allocation(program, 2021, "140700", "140702", parent, "150000.00",
                        "2021-04-01");
                results.add(pool.submit(() -> {
                    start.await();
                    return post("/api/allocations", UUID.randomUUID().toString(), child);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : results) {
                responses.add(f.get());
            }
            assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(6);
            List<Response> refused = responses.stream().filter(r -> r.status() != 201).toList();
            assertThat(refused).hasSize(4).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(422);
                assertThat(r.field()).isEqualTo("amount");
                assertThat(r.detail()).contains("100000.00 left");
            });
        } finally {
            pool.shutdownNow();
        }

        JsonNode view = get("/api/allocations/" + parent).body();
        assertThat(view.path("budget").asString()).isEqualTo("1000000.00");
        assertThat(view.path("distributed").asString()).isEqualTo("900000.00");
        assertThat(view.path("undistributed").asString()).isEqualTo("100000.00");
        assertThat(view.path("childAllocationIds").size()).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT sum(amount_cents) FROM allocation WHERE parent_allocation_id = ?",
                Long.class, UUID.fromString(parent))).isEqualTo(90_000_000L);
    }
}
