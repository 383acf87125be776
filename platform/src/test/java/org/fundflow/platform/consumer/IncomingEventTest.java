package org.fundflow.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.Events;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class IncomingEventTest {

    @Test
    void aConsumerReadsEventsThatGainedFieldsSinceItWasBuilt() {
        JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        IdempotentConsumer consumer = new IdempotentConsumer(null, null, strict, new SimpleMeterRegistry());
        String value = """
                {"eventId":"00000000-0000-0000-0000-00000000000a","type":"AllocationRecovered","schemaVersion":1,
                 "aggregateType":"allocation","aggregateId":"a","occurredAt":"2022-12-31T08:00:00Z",
                 "recordedBy":"x","correlationId":"c","payload":{"allocationId":"00000000-0000-0000-0000-00000000000a",
                 "amount":"451000.00","recoveredOn":"2022-12-31","reason":"年底财政收回","aFieldAddedLater":"x"}}""";
        ConsumerRecord<String, String> record = new ConsumerRecord<>("fundflow.allocation", 0, 0, "a", value);
        record.headers().add("id", "00000000-0000-0000-0000-00000000000a".getBytes(StandardCharsets.UTF_8));
        IncomingEvent event = consumer.parse(record);
        Events.AllocationRecovered payload = event.payloadAs(Events.AllocationRecovered.class);
        assertThat(payload.amount().toString()).isEqualTo("451000.00");
        assertThat(event.correlationId()).isEqualTo("c");
    }
}
