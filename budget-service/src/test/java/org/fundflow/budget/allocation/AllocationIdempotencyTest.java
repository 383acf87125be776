package org.fundflow.budget.allocation;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.Test;

/** A retried write with the same Idempotency-Key is answered from the first and writes nothing more. */
class AllocationIdempotencyTest extends BudgetServiceIntegrationTest {

    @Test
    void sameKeyTwiceGivesTheSameAllocationOnceAndOneEvent() {
        KafkaTopic topic = KafkaTopic.fromBeginning(Topics.ALLOCATION);
        String program = newProgram("城乡医疗救助", 2022);
        Map<String, Object> body = allocation(program, 2022, "000000", "430000", null, "325000.00", "2022-05-01");
        String key = UUID.randomUUID().toString();

        Response first = post("/api/allocations", key, body);
        Response retry = post("/api/allocations", key, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        String id = first.body().path("allocationId").asString();
        assertThat(retry.header("Location")).isEqualTo("/api/allocations/" + id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allocation WHERE program_code = ?", Long.class,
                program)).isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ?", Long.class, id)).isOne();

        Response reused = post("/api/allocations", key, Map.of("amount", "1"));
        assertThat(reused.status()).as("%s", reused.body()).isEqualTo(400); // malformed: refused before the key
        Map<String, Object> different = allocation(program, 2022, "000000", "430000", null, "325000.01",
                "2022-05-01");
        Response conflict = post("/api/allocations", key, different);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.field()).isEqualTo("Idempotency-Key");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allocation WHERE program_code = ?", Long.class,
                program)).isOne();

        // one event for the allocation, even after a later write has been published
        topic.awaitKey(id, 1);
        String sentinel = issue(allocation(program, 2022, "000000", "430000", null, "1", "2022-05-02"))
                .path("allocationId").asString();
        topic.awaitKey(sentinel, 1);
        assertThat(topic.all().stream().filter(r -> id.equals(r.key()))).hasSize(1);
    }

    @Test
    void movementsReplayPerAllocationAndRefuseAKeyReusedForAnotherAllocation() {
        String program = newProgram("城乡医疗救助", 2022);
        String a = issue(allocation(program, 2022, "000000", "430000", null, "1000", "2022-05-01"))
                .path("allocationId").asString();
        String b = issue(allocation(program, 2022, "000000", "140000", null, "1000", "2022-05-01"))
                .path("allocationId").asString();
        Map<String, Object> adjustment = Map.of("delta", "10.00", "docNo", "湘财社〔2022〕9号", "effectiveOn",
                "2022-06-01", "reason", "追加");
        String key = UUID.randomUUID().toString();

        Response first = post("/api/allocations/" + a + "/adjustments", key, adjustment);
        Response retry = post("/api/allocations/" + a + "/adjustments", key, adjustment);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(get("/api/allocations/" + a).body().path("budget").asString()).isEqualTo("1010.00");

        Response otherAllocation = post("/api/allocations/" + b + "/adjustments", key, adjustment);
        assertThat(otherAllocation.status()).isEqualTo(409);
        assertThat(get("/api/allocations/" + b).body().path("budget").asString()).isEqualTo("1000.00");
    }
}
