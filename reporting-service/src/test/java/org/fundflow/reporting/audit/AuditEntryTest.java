package org.fundflow.reporting.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.fundflow.contracts.EventHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reading records into audit entries, without Kafka or a database: summaries, scopes, hostile text. */
class AuditEntryTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ID = UUID.fromString("8f0e9b1c-3c1d-4a53-9b0e-2f2a1c3d4e5f");

    @Test
    void an_allocation_names_its_source_its_recipient_and_its_document() {
        AuditEntry e = read("allocation", "AllocationIssued", """
                {"eventId":"%s","type":"AllocationIssued","aggregateType":"allocation","aggregateId":"a-1",
                 "occurredAt":"2020-04-01T08:00:00Z","recordedBy":"finance-140000","correlationId":"c-1",
                 "actor":{"subject":"finance-140000","role":"FINANCE_BUREAU","region":"140000","org":null,
                          "clientAddress":"10.0.0.1"},
                 "payload":{"fromRegion":"140000","toRegion":"140700","amount":"3250000.00",
                            "docNo":"晋财社〔2020〕12号","futureField":{"x":1}}}""".formatted(ID));
        assertThat(e.readable()).isTrue();
        assertThat(e.eventId()).isEqualTo(ID);
        assertThat(e.summary()).isEqualTo("AllocationIssued 3,250,000.00 140000→140700 晋财社〔2020〕12号");
        assertThat(e.resourceRegion()).isEqualTo("140000");
        assertThat(e.resourceToRegion()).isEqualTo("140700");
        assertThat(e.resourceOrg()).isNull();
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2020-04-01T08:00:00Z"));
        assertThat(e.actorSubject()).isEqualTo("finance-140000");
        assertThat(e.actorOrg()).isNull();
        assertThat(e.clientAddress()).isEqualTo("10.0.0.1");
        assertThat(e.correlationId()).isEqualTo("c-1");
    }

    @Test
    void movements_and_reversals_point_at_what_gives_them_their_scope() {
        AuditEntry adjusted = read("allocation", "AllocationAdjusted", envelope("AllocationAdjusted",
                "{\"allocationId\":\"a-1\",\"delta\":\"50000.00\",\"docNo\":\"D-2\",\"effectiveOn\":\"2020-05-01\"}"));
        assertThat(adjusted.summary()).isEqualTo("AllocationAdjusted +50,000.00 D-2 2020-05-01");
        assertThat(adjusted.scopeOfAllocation()).isEqualTo("a-1");
        assertThat(adjusted.resourceRegion()).isNull();
        AuditEntry carried = read("allocation", "AllocationCarriedOver", envelope("AllocationCarriedOver",
                "{\"allocationId\":\"a-1\",\"amount\":\"10.00\",\"toFiscalYear\":2021,\"carriedOn\":\"2020-12-31\"}"));
        assertThat(carried.summary()).isEqualTo("AllocationCarriedOver 10.00 →2021 2020-12-31");
        AuditEntry reversed = read("payment", "PaymentReversed", envelope("PaymentReversed",
                "{\"paymentId\":\"p-1\",\"payerOrg\":\"O-1\",\"amount\":\"-0.01\",\"reversedOn\":\"2020-06-01\"}"));
        assertThat(reversed.scopeOfPayment()).isEqualTo("p-1");
        assertThat(reversed.resourceOrg()).isEqualTo("O-1");
        assertThat(reversed.summary()).isEqualTo("PaymentReversed -0.01 O-1 2020-06-01");
        AuditEntry scored = read("evaluation", "SelfEvaluationScored", envelope("SelfEvaluationScored",
                "{\"fiscalYear\":2022,\"orgCode\":\"O-2\",\"programCode\":null,\"total\":\"88.50\",\"grade\":\"良\"}"));
        assertThat(scored.summary()).isEqualTo("SelfEvaluationScored 2022 O-2 total 88.50 良");
        assertThat(scored.resourceOrg()).isEqualTo("O-2");
        AuditEntry unknown = read("org", "OrgMerged", envelope("OrgMerged", "{\"orgCode\":\"O-3\"}"));
        assertThat(unknown.summary()).isEqualTo("OrgMerged");
        assertThat(unknown.readable()).isTrue();
    }

    @Test
    void hostile_text_is_cleaned_and_capped() {
        String payload = "{\"orgCode\":\"O\\u0000-1\",\"name\":\"evil\\u202Egnp.exe\\u2028line\","
                + "\"regionCode\":\"" + "9".repeat(10_000) + "\"}";
        AuditEntry e = read("org", "OrgRegistered", envelope("OrgRegistered", payload));
        assertThat(e.readable()).isTrue();
        assertThat(e.resourceOrg()).isEqualTo("O\uFFFD-1");
        assertThat(e.summary()).startsWith("OrgRegistered O\uFFFD-1 evil\uFFFDgnp.exe\uFFFDline 999");
        assertThat(e.summary()).doesNotContain("\u0000").doesNotContain("\u202E");
        assertThat(e.summary().length()).isLessThanOrEqualTo(AuditEntry.MAX_SUMMARY + 1);
        assertThat(e.resourceRegion()).hasSize(AuditEntry.MAX_TEXT + 1).endsWith("…");
        // amounts that are not plain amounts are shown as they came, never parsed into something else
        AuditEntry huge = read("payment", "PaymentRecorded", envelope("PaymentRecorded",
                "{\"amount\":\"1e999999\",\"payerOrg\":\"O\",\"payerOrgRegion\":\"140702\"}"));
        assertThat(huge.summary()).isEqualTo("PaymentRecorded 1e999999 O");
        AuditEntry digits = read("payment", "PaymentRecorded", envelope("PaymentRecorded",
                "{\"amount\":\"" + "9".repeat(40) + "\",\"payerOrg\":\"O\"}"));
        assertThat(digits.summary()).isEqualTo("PaymentRecorded " + "9".repeat(40) + " O");
        assertThat(AuditEntry.clean("a\uD800b", 10)).isEqualTo("a\uFFFDb");
        assertThat(AuditEntry.clean("😀x", 10)).isEqualTo("😀x");
    }

    @Test
    void what_cannot_be_read_is_kept_under_a_stable_id() {
        AuditEntry notJson = read("payment", null, "{\"eventId\":");
        assertThat(notJson.readable()).isFalse();
        assertThat(notJson.eventId()).isEqualTo(UUID.nameUUIDFromBytes("fundflow.payment/2/77"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(notJson.eventType()).isEqualTo("unreadable");
        assertThat(notJson.aggregateType()).isEqualTo("payment");
        assertThat(notJson.aggregateId()).isEqualTo("key-1");
        assertThat(notJson.summary()).isEqualTo("unreadable event on fundflow.payment-2@77 "
                + "(UnexpectedEndOfInputException)");
        AuditEntry nested = read("payment", null, "[".repeat(5_000) + "]".repeat(5_000));
        assertThat(nested.readable()).isFalse();
        AuditEntry badTime = read("org", "OrgRegistered", "{\"eventId\":\"" + ID + "\",\"occurredAt\":\"soon\"}");
        assertThat(badTime.readable()).isFalse();
        assertThat(badTime.eventId()).isEqualTo(UUID.nameUUIDFromBytes("fundflow.org/2/77"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(read("org", "OrgRegistered", null).readable()).isFalse();
        // a type that is not text cannot be read by the platform's consumer either
        assertThat(read("org", null, "{\"eventId\":\"" + ID + "\",\"type\":{\"a\":1}}").readable()).isFalse();
        // other fields of the wrong shape are just absent
        AuditEntry odd = read("org", null, "{\"eventId\":\"" + ID + "\",\"type\":\"OrgRegistered\","
                + "\"recordedBy\":{\"x\":1},\"aggregateId\":[1],\"actor\":\"me\",\"payload\":[\"x\"]}");
        assertThat(odd.readable()).isTrue();
        assertThat(odd.recordedBy()).isNull();
        assertThat(odd.aggregateId()).isEqualTo("key-1"); // the record's key, as the relay sets it
        assertThat(odd.aggregateType()).isEqualTo("org");
        assertThat(odd.actorSubject()).isNull();
        assertThat(odd.summary()).isEqualTo("OrgRegistered");
        assertThat(odd.occurredAt()).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
        // a time no database could store is replaced by the record's
        AuditEntry far = read("org", "OrgRegistered", "{\"eventId\":\"" + ID + "\","
                + "\"occurredAt\":\"+1000000000-01-01T00:00:00Z\"}");
        assertThat(far.readable()).isTrue();
        assertThat(far.occurredAt()).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
    }

    private static String envelope(String type, String payload) {
        return "{\"eventId\":\"" + ID + "\",\"type\":\"" + type + "\",\"occurredAt\":\"2020-01-01T00:00:00Z\","
                + "\"payload\":" + payload + "}";
    }

    private static AuditEntry read(String aggregate, String headerType, String value) {
        RecordHeaders headers = new RecordHeaders();
        if (headerType != null) {
            headers.add(EventHeaders.EVENT_TYPE, headerType.getBytes(StandardCharsets.UTF_8));
        }
        ConsumerRecord<String, String> record = new ConsumerRecord<>("fundflow." + aggregate, 2, 77,
                1_600_000_000_000L, TimestampType.CREATE_TIME, 5, value == null ? 0 : value.length(), "key-1", value,
                headers, java.util.Optional.empty());
        return AuditEntry.read(record, JSON);
    }
}
