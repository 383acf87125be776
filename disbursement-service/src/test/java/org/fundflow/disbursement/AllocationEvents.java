package org.fundflow.disbursement;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.AllocationIssuedBuilder;
import org.fundflow.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * Produces allocation events to the real topic the way the outbox relay does: key = allocation id, value = the
 * EventEnvelope as JSON, headers id / eventType / correlationId.
 */
public final class AllocationEvents {
    private static AllocationEvents shared;

    private final KafkaProducer<String, String> producer;
    private final JsonMapper json = JsonMapper.builder().build();

    private AllocationEvents(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
    }

    static synchronized AllocationEvents shared() {
        if (shared == null) {
            shared = new AllocationEvents(TestInfrastructure.kafkaBootstrap());
            Runtime.getRuntime().addShutdownHook(new Thread(shared.producer::close, "test-producer-close"));
        }
        return shared;
    }

    public static <T> EventEnvelope<T> envelope(String type, UUID allocationId, T payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type, 1, Topics.ALLOCATION_AGGREGATE, allocationId.toString(),
                Instant.now(), "test", "test-" + UUID.randomUUID(), payload);
    }

    /** Sends an envelope (again, for a duplicate) and waits until the broker has it. */
    public <T> EventEnvelope<T> publish(EventEnvelope<T> envelope) {
        return publish(Topics.ALLOCATION, envelope);
    }

    /** ProgramRegistered on fundflow.program, keyed fiscalYear/code as budget-service does. */
    public EventEnvelope<Events.ProgramRegistered> programRegistered(String code, String name, int fiscalYear,
            String fundType) {
        var payload = new Events.ProgramRegistered(code, name, fiscalYear, "2101301", fundType);
        return publish(Topics.PROGRAM, new EventEnvelope<>(UUID.randomUUID(), Events.PROGRAM_REGISTERED, 1,
                Topics.PROGRAM_AGGREGATE, fiscalYear + "/" + code, Instant.now(), "test", "test-" + UUID.randomUUID(),
                payload));
    }

    private <T> EventEnvelope<T> publish(String topic, EventEnvelope<T> envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, envelope.aggregateId(),
                json.writeValueAsString(envelope));
        record.headers().add(EventHeaders.EVENT_ID, bytes(envelope.eventId().toString()));
        record.headers().add(EventHeaders.EVENT_TYPE, bytes(envelope.type()));
        record.headers().add(EventHeaders.CORRELATION_ID, bytes(envelope.correlationId()));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce " + envelope.type(), e.getCause());
        }
        return envelope;
    }

    public EventEnvelope<Events.AllocationIssued> issued(Events.AllocationIssued payload) {
        return publish(envelope(Events.ALLOCATION_ISSUED, payload.allocationId(), payload));
    }

    public EventEnvelope<Events.AllocationAdjusted> adjusted(UUID allocationId, String delta, String docNo,
            String effectiveOn) {
        return publish(envelope(Events.ALLOCATION_ADJUSTED, allocationId, new Events.AllocationAdjusted(
                allocationId, Money.parse(delta), docNo, LocalDate.parse(effectiveOn), "test adjustment")));
    }

    public EventEnvelope<Events.AllocationRecovered> recovered(UUID allocationId, String amount, String on) {
        return publish(envelope(Events.ALLOCATION_RECOVERED, allocationId, new Events.AllocationRecovered(
                allocationId, Money.parse(amount), LocalDate.parse(on), "财政收回 (test)")));
    }

    public EventEnvelope<Events.AllocationCarriedOver> carriedOver(UUID allocationId, String amount, int toYear,
            String on) {
        return publish(envelope(Events.ALLOCATION_CARRIED_OVER, allocationId, new Events.AllocationCarriedOver(
                allocationId, Money.parse(amount), toYear, LocalDate.parse(on))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Starts an AllocationIssued payload of one program and year. */
    public static AllocationIssuedBuilder issue(String programCode, String programName, int fiscalYear) {
        return AllocationIssuedBuilder.issue(programCode, programName, fiscalYear);
    }
}
