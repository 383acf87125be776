package org.fundflow.reporting;

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
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.testsupport.AllocationIssuedBuilder;
import org.fundflow.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * Produces events to the real topics the way the outbox relay does: topic {@code fundflow.<aggregateType>}, key =
 * the aggregate id (allocation id, payment id, program code), value = the EventEnvelope as JSON, headers id /
 * eventType / correlationId. Allocations, payments, reversals, program and org registrations, self-evaluations.
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
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
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
        return envelope(type, Topics.ALLOCATION_AGGREGATE, allocationId.toString(), payload);
    }

    public static <T> EventEnvelope<T> envelope(String type, String aggregateType, String aggregateId, T payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type, 1, aggregateType, aggregateId, Instant.now(), "test",
                "test-" + UUID.randomUUID(), payload);
    }

    /** The same envelope as made by a signed-in user: recordedBy is their subject, the actor says who they are. */
    public static <T> EventEnvelope<T> by(Actor actor, EventEnvelope<T> e) {
        return new EventEnvelope<>(e.eventId(), e.type(), e.schemaVersion(), e.aggregateType(), e.aggregateId(),
                e.occurredAt(), actor.subject(), e.correlationId(), actor, e.payload());
    }

    /** The same envelope under another correlation id and time (both as the writing service set them). */
    public static <T> EventEnvelope<T> at(Instant occurredAt, String correlationId, EventEnvelope<T> e) {
        return new EventEnvelope<>(e.eventId(), e.type(), e.schemaVersion(), e.aggregateType(), e.aggregateId(),
                occurredAt, e.recordedBy(), correlationId, e.actor(), e.payload());
    }

    /** Sends an envelope (again, for a duplicate) and waits until the broker has it. */
    public <T> EventEnvelope<T> publish(EventEnvelope<T> envelope) {
        try {
            producer.send(record(envelope)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce " + envelope.type(), e.getCause());
        }
        return envelope;
    }

    /** Sends many envelopes without waiting for each (the producer batches them), then waits for all. */
    public void publishAll(java.util.List<? extends EventEnvelope<?>> envelopes) {
        java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>(envelopes.size());
        for (EventEnvelope<?> envelope : envelopes) {
            sent.add(producer.send(record(envelope)));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot produce", e.getCause());
            }
        }
    }

    private ProducerRecord<String, String> record(EventEnvelope<?> envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PREFIX + envelope.aggregateType(),
                envelope.aggregateId(), json.writeValueAsString(envelope));
        record.headers().add(EventHeaders.EVENT_ID, bytes(envelope.eventId().toString()));
        record.headers().add(EventHeaders.EVENT_TYPE, bytes(envelope.type()));
        record.headers().add(EventHeaders.CORRELATION_ID, bytes(envelope.correlationId()));
        return record;
    }

    public EventEnvelope<Events.PaymentRecorded> paid(Events.PaymentRecorded payment) {
        return publish(recorded(payment));
    }

    public static EventEnvelope<Events.PaymentRecorded> recorded(Events.PaymentRecorded payment) {
        return envelope(Events.PAYMENT_RECORDED, Topics.PAYMENT_AGGREGATE, payment.paymentId().toString(), payment);
    }

    /** 冲销: part (or all) of a payment undone; keyed by the payment id like the payment itself. */
    public EventEnvelope<Events.PaymentReversed> reversed(Events.PaymentRecorded payment, String amount,
            String reversedOn) {
        Events.PaymentReversed reversal = new Events.PaymentReversed(UUID.randomUUID(), payment.paymentId(),
                payment.allocationId(), payment.payerOrg(), Money.parse(amount), LocalDate.parse(reversedOn),
                "退回 (test)");
        return publish(envelope(Events.PAYMENT_REVERSED, Topics.PAYMENT_AGGREGATE, payment.paymentId().toString(),
                reversal));
    }

    /** OrgRegistered, or OrgUpdated for a rename; keyed by the org code like budget-service's. */
    public EventEnvelope<Events.OrgRegistered> org(String type, Events.OrgRegistered org) {
        return publish(envelope(type, Topics.ORG_AGGREGATE, org.orgCode(), org));
    }

    public EventEnvelope<Events.ProgramRegistered> registered(Events.ProgramRegistered program) {
        return publish(envelope(Events.PROGRAM_REGISTERED, Topics.PROGRAM_AGGREGATE,
                program.fiscalYear() + "-" + program.code(), program));
    }

    /** SelfEvaluationSubmitted as evaluation-service publishes it: key {@code <year>/<org>/<program>} (department: {@code <year>/<org>}). */
    public EventEnvelope<Events.SelfEvaluationSubmitted> submitted(Events.SelfEvaluationSubmitted s) {
        return publish(evaluation(Events.SELF_EVALUATION_SUBMITTED, s.fiscalYear(), s.orgCode(), s.programCode(), s));
    }

    public EventEnvelope<Events.SelfEvaluationScored> scored(Events.SelfEvaluationScored s) {
        return publish(evaluation(Events.SELF_EVALUATION_SCORED, s.fiscalYear(), s.orgCode(), s.programCode(), s));
    }

    public static <T> EventEnvelope<T> evaluation(String type, int fiscalYear, String orgCode, String programCode,
            T payload) {
        return envelope(type, Topics.EVALUATION_AGGREGATE, fiscalYear + "/" + orgCode
                + (programCode == null ? "" : "/" + programCode), payload);
    }

    /** Starts a PaymentRecorded against an org allocation: program, year, payer org and its region copied. */
    public static Pay pay(Events.AllocationIssued allocation) {
        return new Pay(allocation.allocationId(), allocation.programCode(), allocation.fiscalYear(),
                allocation.toOrg(), allocation.toOrgRegion());
    }

    /** A payment whose allocation the test does not issue (or issues later). */
    public static Pay pay(UUID allocationId, String programCode, int fiscalYear, String payerOrg, String region) {
        return new Pay(allocationId, programCode, fiscalYear, payerOrg, region);
    }

    /** A small builder for PaymentRecorded payloads (17 components). */
    public static final class Pay {
        private final UUID allocationId;
        private final String programCode;
        private final int fiscalYear;
        private final String payerOrg;
        private final String region;
        private String fundType = "GENERAL_BUDGET";
        private String amount;
        private String paidOn;
        private String functionCode = "2101301";
        private String economicCode = "30307";
        private Events.ExpenditureKind kind = Events.ExpenditureKind.PROJECT;
        private String payee;
        private Events.ProcurementCategory procurement;

        private Pay(UUID allocationId, String programCode, int fiscalYear, String payerOrg, String region) {
            this.allocationId = allocationId;
            this.programCode = programCode;
            this.fiscalYear = fiscalYear;
            this.payerOrg = payerOrg;
            this.region = region;
        }

        public Pay amount(String yuan, String paidOn) {
            this.amount = yuan;
            this.paidOn = paidOn;
            return this;
        }

        public Pay function(String code) {
            this.functionCode = code;
            return this;
        }

        public Pay economic(String code, Events.ExpenditureKind kind) {
            this.economicCode = code;
            this.kind = kind;
            return this;
        }

        public Pay payee(String payee) {
            this.payee = payee;
            return this;
        }

        /** The fund type the payment carries (as disbursement copies it from the program); null = not known. */
        public Pay fund(String fundType) {
            this.fundType = fundType;
            return this;
        }

        public Pay procurement(Events.ProcurementCategory category) {
            this.procurement = category;
            return this;
        }

        public Events.PaymentRecorded build() {
            return new Events.PaymentRecorded(UUID.randomUUID(), allocationId, payerOrg, region, programCode,
                    fiscalYear, fundType, Money.parse(amount), LocalDate.parse(paidOn), functionCode, economicCode,
                    kind, payee, 1, "V-" + UUID.randomUUID().toString().substring(0, 8), procurement, null);
        }
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
