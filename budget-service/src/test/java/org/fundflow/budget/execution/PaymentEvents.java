package org.fundflow.budget.execution;

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
import org.fundflow.contracts.Actor;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts payment events on the real {@code fundflow.payment} topic exactly as disbursement-service's outbox relay
 * does: key = the payment id (a reversal too, so it follows its payment), value = the EventEnvelope JSON, headers
 * id / eventType / correlationId.
 */
final class PaymentEvents {
    private static KafkaProducer<String, String> producer;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PaymentEvents() {
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p);
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close, "test-payment-producer-close"));
        }
        return producer;
    }

    /** A project payment by the org out of the allocation, as disbursement-service records it. */
    static Events.PaymentRecorded payment(UUID allocationId, String org, String orgRegion, String programCode,
            int fiscalYear, String amount, LocalDate paidOn) {
        return new Events.PaymentRecorded(UUID.randomUUID(), allocationId, org, orgRegion, programCode, fiscalYear,
                "GENERAL_BUDGET", Money.parse(amount), paidOn, "2101301", "30307", Events.ExpenditureKind.PROJECT,
                "某某医院", null, "记-" + UUID.randomUUID().toString().substring(0, 8), null, null);
    }

    /** The envelope of a payment, not sent yet (send it once or more with {@link #send}). */
    static EventEnvelope<Events.PaymentRecorded> recorded(Events.PaymentRecorded p) {
        return envelope(p.paymentId(), Events.PAYMENT_RECORDED, p.payerOrg(), p);
    }

    /** The envelope of a reversal of (part of) the payment, not sent yet. */
    static EventEnvelope<Events.PaymentReversed> reversed(Events.PaymentRecorded p, String amount,
            LocalDate reversedOn) {
        return envelope(p.paymentId(), Events.PAYMENT_REVERSED, p.payerOrg(), new Events.PaymentReversed(
                UUID.randomUUID(), p.paymentId(), p.allocationId(), p.payerOrg(), Money.parse(amount), reversedOn,
                "退回"));
    }

    private static <T> EventEnvelope<T> envelope(UUID paymentId, String type, String org, T payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type, 1, Topics.PAYMENT_AGGREGATE, paymentId.toString(),
                Instant.now(), "agency-" + org, "test-" + UUID.randomUUID(),
                new Actor("agency-" + org, "AGENCY", null, org, "127.0.0.1"), payload);
    }

    /** Sends the envelope (again, for a duplicate delivery) and waits until the broker has it. */
    static <T> EventEnvelope<T> send(EventEnvelope<T> envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PAYMENT, envelope.aggregateId(),
                JSON.writeValueAsString(envelope));
        record.headers().add(EventHeaders.EVENT_ID, bytes(envelope.eventId().toString()));
        record.headers().add(EventHeaders.EVENT_TYPE, bytes(envelope.type()));
        record.headers().add(EventHeaders.CORRELATION_ID, bytes(envelope.correlationId()));
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce " + envelope.type(), e.getCause());
        }
        return envelope;
    }

    /** A record that is no envelope at all (a poison message), with the given key. */
    static void sendRaw(String key, String value) {
        try {
            producer().send(new ProducerRecord<>(Topics.PAYMENT, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce a raw record", e.getCause());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
