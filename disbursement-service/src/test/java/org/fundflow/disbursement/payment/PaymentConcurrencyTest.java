package org.fundflow.disbursement.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fundflow.contracts.Events;
import org.fundflow.disbursement.DisbursementServiceTestBase;
import org.junit.jupiter.api.Test;

/**
 * Parallel payments (and reversals) of one allocation never spend more than it has: the allocation row is locked
 * before its balance is read.
 */
class PaymentConcurrencyTest extends DisbursementServiceTestBase {

    @Test
    void twentyParallelPaymentsOfWhichOnlyFourteenFit() throws Exception {
        Events.AllocationIssued allocation = orgAllocation("1000.00", "2021-03-01");
        UUID id = allocation.allocationId();
        List<Response> responses = parallel(20, i -> post("/api/payments", UUID.randomUUID().toString(),
                payment(id, allocation.toOrg(), "70.00", "2021-04-01")));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(14);
        assertThat(responses.stream().filter(r -> r.status() != 201)).hasSize(6).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.field()).isEqualTo("amount");
            assertThat(r.detail()).contains("20.00 available");
        });
        assertThat(balance(id).get("executed").asString()).isEqualTo("980.00");
        assertThat(balance(id).get("available").asString()).isEqualTo("20.00");
        assertThat(jdbc.queryForObject("SELECT sum(amount_cents) FROM payment WHERE allocation_id = ?", Long.class,
                id)).isEqualTo(98_000L);
    }

    @Test
    void tenParallelReversalsOfOnePaymentNeverUndoMoreThanWasPaid() throws Exception {
        Events.AllocationIssued allocation = orgAllocation("1000.00", "2021-03-01");
        String paymentId = pay(payment(allocation.allocationId(), allocation.toOrg(), "100.00", "2021-04-01"))
                .path("paymentId").asString();
        List<Response> responses = parallel(10, i -> post("/api/payments/" + paymentId + "/reversals",
                UUID.randomUUID().toString(), Map.of("amount", "30.00", "reversedOn", "2021-05-01", "reason",
                        "退回 " + i)));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(3);
        assertThat(responses.stream().filter(r -> r.status() != 201)).hasSize(7)
                .allSatisfy(r -> assertThat(r.field()).isEqualTo("amount"));
        assertThat(call("/api/payments/" + paymentId).body().path("net").asString()).isEqualTo("10.00");
        assertThat(balance(allocation.allocationId()).get("executed").asString()).isEqualTo("10.00");
        assertExecutionTotalsMatchTheRows();
    }

    private interface Call {
        Response run(int i);
    }

    private static List<Response> parallel(int n, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
