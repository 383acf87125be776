package org.fundflow.evaluation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts events on the real topics exactly as the outbox relay does: key = aggregate id, value = the EventEnvelope
 * JSON, headers id / eventType / correlationId.
 */
public final class TestEvents {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> REGION_NAMES = Map.ofEntries(
            Map.entry("000000", "中央"), Map.entry("140000", "山西省"), Map.entry("140700", "晋中市"),
            Map.entry("140702", "榆次区"), Map.entry("140500", "晋城市"), Map.entry("141100", "吕梁市"),
            Map.entry("141102", "离石区"), Map.entry("430000", "湖南省"), Map.entry("140100", "太原市"));

    private static KafkaProducer<String, String> producer;

    private TestEvents() {
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5); // bulk sends go out in batches
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    public static <T> EventEnvelope<T> envelope(String aggregateType, String aggregateId, String type, T payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type, 1, aggregateType, aggregateId, Instant.now(), "test",
                "test-" + UUID.randomUUID(), payload);
    }

    /** Sends an envelope to {@code fundflow.<aggregateType>} and waits for the broker's acknowledgement. */
    public static <T> EventEnvelope<T> send(EventEnvelope<T> envelope) {
        publish(record(envelope));
        return envelope;
    }

    private static ProducerRecord<String, String> record(EventEnvelope<?> envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PREFIX + envelope.aggregateType(),
                envelope.aggregateId(), JSON.writeValueAsString(envelope));
        header(record, EventHeaders.EVENT_ID, envelope.eventId().toString());
        header(record, EventHeaders.EVENT_TYPE, envelope.type());
        header(record, EventHeaders.CORRELATION_ID, envelope.correlationId());
        return record;
    }

    /** A record that is not an envelope at all (a poison message). */
    public static void sendRaw(String topic, String key, String value) {
        publish(new ProducerRecord<>(topic, key, value));
    }

    public static EventEnvelope<Events.AllocationIssued> issue(Events.AllocationIssued a) {
        return send(envelope(Topics.ALLOCATION_AGGREGATE, a.allocationId().toString(), Events.ALLOCATION_ISSUED, a));
    }

    public static EventEnvelope<Events.AllocationAdjusted> adjust(UUID allocationId, String delta,
            LocalDate effectiveOn) {
        return send(envelope(Topics.ALLOCATION_AGGREGATE, allocationId.toString(), Events.ALLOCATION_ADJUSTED,
                new Events.AllocationAdjusted(allocationId, Money.parse(delta), "调整文号-" + delta, effectiveOn,
                        "test adjustment")));
    }

    public static EventEnvelope<Events.AllocationRecovered> recover(UUID allocationId, String amount,
            LocalDate recoveredOn) {
        return send(envelope(Topics.ALLOCATION_AGGREGATE, allocationId.toString(), Events.ALLOCATION_RECOVERED,
                new Events.AllocationRecovered(allocationId, Money.parse(amount), recoveredOn, "年底财政收回")));
    }

    public static EventEnvelope<Events.AllocationCarriedOver> carryOver(UUID allocationId, String amount,
            int toFiscalYear, LocalDate carriedOn) {
        return send(envelope(Topics.ALLOCATION_AGGREGATE, allocationId.toString(), Events.ALLOCATION_CARRIED_OVER,
                new Events.AllocationCarriedOver(allocationId, Money.parse(amount), toFiscalYear, carriedOn)));
    }

    /** An allocation from a region to a child region; source level is the giver's unless given. */
    public static Events.AllocationIssued toRegion(UUID id, UUID parent, String program, int year, Level source,
            String from, String to, String amount, LocalDate issuedOn) {
        return new Events.AllocationIssued(id, program, program + " 资金", year, source, from, REGION_NAMES.get(from),
                to, REGION_NAMES.get(to), null, null, null, Level.ofRegionCode(to), parent, null,
                Money.parse(amount), "文号-" + id.toString().substring(0, 8), issuedOn, "2101301", "30307", null);
    }

    /** An allocation from a region to an org of that region's subtree. */
    public static Events.AllocationIssued toOrg(UUID id, UUID parent, String program, int year, Level source,
            String from, String org, String orgName, String orgRegion, String amount, LocalDate issuedOn) {
        return new Events.AllocationIssued(id, program, program + " 资金", year, source, from, REGION_NAMES.get(from),
                null, null, org, orgName, orgRegion, Level.ofRegionCode(orgRegion), parent, null, Money.parse(amount),
                "文号-" + id.toString().substring(0, 8), issuedOn, "2101301", "30307", null);
    }

    /** Like {@link #toOrg} with another function code (功能分类科目). */
    public static Events.AllocationIssued withFunctionCode(Events.AllocationIssued a, String functionCode) {
        return new Events.AllocationIssued(a.allocationId(), a.programCode(), a.programName(), a.fiscalYear(),
                a.sourceLevel(), a.fromRegion(), a.fromRegionName(), a.toRegion(), a.toRegionName(), a.toOrg(),
                a.toOrgName(), a.toOrgRegion(), a.level(), a.parentAllocationId(), a.rootAllocationId(), a.amount(),
                a.docNo(), a.issuedOn(), functionCode, a.economicCode(), a.note());
    }

    /** A project payment (项目支出, 医疗费补助) by an org against its allocation. */
    public static Events.PaymentRecorded payment(UUID allocationId, String org, String orgRegion, String program,
            int year, String amount, LocalDate paidOn, String payee) {
        return new Events.PaymentRecorded(UUID.randomUUID(), allocationId, org, orgRegion, program, year,
                "一般公共预算", Money.parse(amount), paidOn, "2101301", "30307", Events.ExpenditureKind.PROJECT, payee,
                null, "凭证-" + UUID.randomUUID().toString().substring(0, 8), null, null);
    }

    /** The envelope of a payment event, not sent yet (key = payment id, as the relay publishes it). */
    public static EventEnvelope<Events.PaymentRecorded> paymentEnvelope(Events.PaymentRecorded p) {
        return envelope(Topics.PAYMENT_AGGREGATE, p.paymentId().toString(), Events.PAYMENT_RECORDED, p);
    }

    public static EventEnvelope<Events.PaymentRecorded> pay(Events.PaymentRecorded p) {
        return send(paymentEnvelope(p));
    }

    /** The envelope of a reversal of (part of) a payment, not sent yet; keyed by the payment id. */
    public static EventEnvelope<Events.PaymentReversed> reversalEnvelope(Events.PaymentRecorded p, String amount,
            LocalDate reversedOn) {
        return envelope(Topics.PAYMENT_AGGREGATE, p.paymentId().toString(), Events.PAYMENT_REVERSED,
                new Events.PaymentReversed(UUID.randomUUID(), p.paymentId(), p.allocationId(), p.payerOrg(),
                        Money.parse(amount), reversedOn, "退回"));
    }

    public static EventEnvelope<Events.PaymentReversed> reverse(Events.PaymentRecorded p, String amount,
            LocalDate reversedOn) {
        return send(reversalEnvelope(p, amount, reversedOn));
    }

    /** Sends many envelopes without waiting for each acknowledgement (bulk), then waits for them all. */
    public static void sendAll(List<? extends EventEnvelope<?>> envelopes) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(envelopes.size());
        for (EventEnvelope<?> e : envelopes) {
            acks.add(producer().send(record(e)));
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send a bulk of " + envelopes.size() + " events", e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void publish(ProducerRecord<String, String> record) {
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e);
        }
    }
}
