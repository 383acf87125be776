package org.fundflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundflow.evaluation.TestEvents.issue;
import static org.fundflow.evaluation.TestEvents.payment;
import static org.fundflow.evaluation.TestEvents.toOrg;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * The payment consumer stopped mid-stream and started again, with part of the stream redelivered: every payment
 * is counted exactly once (the processed_event markers commit with the facts, so a redelivered poll is a no-op).
 */
class PaymentConsumerRestartTest extends EvaluationServiceTest {
    private static final Logger log = LoggerFactory.getLogger(PaymentConsumerRestartTest.class);
    private static final int PAYMENTS = 2000;
    private static final int BEFORE_STOP = 1200;

    @Autowired
    private KafkaListenerEndpointRegistry registry;

    @Test
    void aRestartMidStreamCountsEveryPaymentOnce() {
        String program = uniqueProgram("restart");
        UUID allocation = UUID.randomUUID();
        issue(toOrg(allocation, null, program, 2023, Level.COUNTY, "140702", "140702-R", "榆次区医疗保障局", "140702",
                "90000000.00", LocalDate.of(2023, 1, 5)));
        List<EventEnvelope<Events.PaymentRecorded>> stream = new ArrayList<>();
        Money expected = Money.ZERO;
        for (int i = 0; i < PAYMENTS; i++) {
            // amounts with every 分 digit in use, so a payment counted twice or lost shows in the sum
            Money amount = Money.ofCents(1_000_00L + i * 137L + i % 100);
            expected = expected.plus(amount);
            stream.add(TestEvents.paymentEnvelope(payment(allocation, "140702-R", "140702", program, 2023,
                    amount.toString(), LocalDate.of(2023, 1 + i % 12, 1 + i % 28), "受益人" + i)));
        }
        List<UUID> ids = stream.stream().map(EventEnvelope::eventId).toList();
        MessageListenerContainer container = registry.getListenerContainer("evaluation.payment");
        assertThat(container).isNotNull();
        try {
            TestEvents.sendAll(stream.subList(0, BEFORE_STOP));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> processedCount("evaluation.payment", ids) > 0);
            container.stop();
            assertThat(container.isRunning()).isFalse();
            int atStop = processedCount("evaluation.payment", ids);
            log.info("payment consumer stopped with {} of {} payments applied", atStop, PAYMENTS);
            assertThat(atStop).isBetween(1, BEFORE_STOP);

            // The rest of the stream, plus a redelivery of the first 300, while nobody consumes.
            List<EventEnvelope<?>> rest = new ArrayList<>(stream.subList(BEFORE_STOP, PAYMENTS));
            rest.addAll(stream.subList(0, 300));
            TestEvents.sendAll(rest);
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> processedCount("evaluation.payment", ids) == atStop);

            container.start();
            eventually().until(() -> processedCount("evaluation.payment", ids) == PAYMENTS);
        } finally {
            if (!container.isRunning()) {
                container.start();
            }
        }
        Money sum = expected;
        eventually().untilAsserted(() -> {
            JsonNode row = row(execution("programCode", program, "asOf", "2023-12-31"), allocation).orElseThrow();
            assertThat(row.path("executed").asString()).isEqualTo(sum.toString());
        });
        Integer facts = jdbc.queryForObject("SELECT count(*) FROM payment_fact WHERE allocation_id = ?",
                Integer.class, allocation);
        assertThat(facts).isEqualTo(PAYMENTS);
        JsonNode june = row(execution("programCode", program, "asOf", "2023-06-30"), allocation).orElseThrow();
        Money firstHalf = Money.ZERO;
        for (EventEnvelope<Events.PaymentRecorded> e : stream) {
            if (e.payload().paidOn().getMonthValue() <= 6) {
                firstHalf = firstHalf.plus(e.payload().amount());
            }
        }
        assertThat(june.path("executed").asString()).isEqualTo(firstHalf.toString());
    }
}
