package org.fundflow.reporting.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One audit entry as read from a Kafka record: the envelope's metadata, its actor, the resource's scope as far as the
 * event itself names it, and a one-line summary. Reading never fails: an audit trail keeps even what it cannot
 * understand ({@code readable} false: the envelope is not JSON, or has no usable id or time), and every text is
 * cleaned (control and bidi characters replaced, length capped), since PostgreSQL refuses NUL and an auditor must
 * not be shown text that reorders itself. Pure: no Spring, no database.
 *
 * @param scopeOfAllocation for an allocation movement: the allocation whose scope (from/to region, org) it shares
 * @param scopeOfPayment    for a reversal: the payment whose scope it shares
 */
record AuditEntry(UUID eventId, String eventType, String aggregateType, String aggregateId, Instant occurredAt,
        String recordedBy, String actorSubject, String actorRole, String actorRegion, String actorOrg,
        String clientAddress, String correlationId, String resourceRegion, String resourceToRegion,
        String resourceOrg, String summary, Instant receivedAt, boolean readable, String scopeOfAllocation,
        String scopeOfPayment) {

    static final int MAX_TEXT = 200;
    static final int MAX_SUMMARY = 400;
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Pattern PLAIN_AMOUNT = Pattern.compile("-?\\d{1,16}(\\.\\d{1,2})?");

    /** The same entry with its scope resolved (from the allocation or payment it refers to, or the org's region). */
    AuditEntry withScope(String region, String toRegion, String org) {
        return new AuditEntry(eventId, eventType, aggregateType, aggregateId, occurredAt, recordedBy, actorSubject,
                actorRole, actorRegion, actorOrg, clientAddress, correlationId, region, toRegion, org, summary,
                receivedAt, readable, scopeOfAllocation, scopeOfPayment);
    }

    /**
     * Reads a record as the platform's IdempotentConsumer would (id from the header, else the envelope; type from
     * the header, else the envelope); what it could not read is an unreadable entry under the record's id, or under
     * an id made from topic, partition and offset, so a redelivery is still recognized.
     */
    static AuditEntry read(ConsumerRecord<String, String> record, JsonMapper json) {
        String headerId = header(record, EventHeaders.EVENT_ID);
        String headerType = header(record, EventHeaders.EVENT_TYPE);
        JsonNode envelope;
        UUID id;
        Instant occurred;
        String type;
        // exactly the platform's reading (IdempotentConsumer.parse): what fails here would fail there, and is kept
        // out of its batch
        try {
            envelope = json.readTree(record.value());
            String idText = headerId != null ? headerId : envelope.path("eventId").asString(null);
            if (idText == null) {
                throw new IllegalArgumentException("event without id");
            }
            id = UUID.fromString(idText);
            String occurredText = envelope.path("occurredAt").asString(null);
            occurred = occurredText == null ? null : Instant.parse(occurredText);
            type = headerType != null ? headerType : envelope.path("type").asString();
        } catch (RuntimeException e) {
            return unreadable(record, headerId, headerType, e);
        }
        type = type == null || type.isBlank() ? "unknown" : type;
        if (occurred == null || occurred.isBefore(EARLIEST) || occurred.isAfter(LATEST)) {
            // a time PostgreSQL could not store (or none): when the broker got the record
            occurred = Instant.ofEpochMilli(record.timestamp());
        }
        JsonNode actor = envelope.path("actor");
        JsonNode p = envelope.path("payload");
        Builder b = new Builder(type);
        switch (type) {
            case Events.ALLOCATION_ISSUED -> {
                String from = text(p, "fromRegion");
                String to = text(p, "toRegion") != null ? text(p, "toRegion") : text(p, "toOrg");
                b.scope(from, text(p, "toRegion") != null ? text(p, "toRegion") : text(p, "toOrgRegion"),
                        text(p, "toOrg"));
                b.say(amount(text(p, "amount")), from == null && to == null ? null
                        : (from == null ? "?" : from) + "→" + (to == null ? "?" : to), text(p, "docNo"));
            }
            case Events.ALLOCATION_ADJUSTED -> {
                b.allocation(text(p, "allocationId"));
                b.say(signed(text(p, "delta")), text(p, "docNo"), text(p, "effectiveOn"), text(p, "reason"));
            }
            case Events.ALLOCATION_RECOVERED -> {
                b.allocation(text(p, "allocationId"));
                b.say(amount(text(p, "amount")), text(p, "recoveredOn"), text(p, "reason"));
            }
            case Events.ALLOCATION_CARRIED_OVER -> {
                b.allocation(text(p, "allocationId"));
                b.say(amount(text(p, "amount")), text(p, "toFiscalYear") == null ? null
                        : "→" + text(p, "toFiscalYear"), text(p, "carriedOn"));
            }
            case Events.PAYMENT_RECORDED -> {
                b.scope(text(p, "payerOrgRegion"), null, text(p, "payerOrg"));
                b.say(amount(text(p, "amount")), text(p, "payerOrg"), text(p, "paidOn"), text(p, "voucherNo"));
            }
            case Events.PAYMENT_REVERSED -> {
                b.payment(text(p, "paymentId"));
                b.scope(null, null, text(p, "payerOrg"));
                b.say(amount(text(p, "amount")), text(p, "payerOrg"), text(p, "reversedOn"), text(p, "reason"));
            }
            case Events.ORG_REGISTERED, Events.ORG_UPDATED -> {
                b.scope(text(p, "regionCode"), null, text(p, "orgCode"));
                b.say(text(p, "orgCode"), text(p, "name"), text(p, "regionCode"));
            }
            case Events.PROGRAM_REGISTERED -> b.say(text(p, "code"), text(p, "fiscalYear"), text(p, "name"));
            case Events.SELF_EVALUATION_SUBMITTED -> {
                b.scope(null, null, text(p, "orgCode"));
                b.say(text(p, "level"), text(p, "fiscalYear"), text(p, "orgCode"), text(p, "programCode"));
            }
            case Events.SELF_EVALUATION_SCORED -> {
                b.scope(null, null, text(p, "orgCode"));
                b.say(text(p, "fiscalYear"), text(p, "orgCode"), text(p, "programCode"),
                        text(p, "total") == null ? null : "total " + text(p, "total"), text(p, "grade"));
            }
            default -> {
                // an event type this build does not know: recorded with its metadata only
            }
        }
        // the relay keys a record by its aggregate id and routes it to fundflow.<aggregateType>
        String aggregateType = text(envelope, "aggregateType") != null ? text(envelope, "aggregateType")
                : aggregateTypeOf(record);
        String aggregateId = text(envelope, "aggregateId") != null ? text(envelope, "aggregateId") : record.key();
        return new AuditEntry(id, clean(type, MAX_TEXT), clean(aggregateType, MAX_TEXT), clean(aggregateId, MAX_TEXT),
                occurred, clean(text(envelope, "recordedBy"), MAX_TEXT), clean(text(actor, "subject"), MAX_TEXT),
                clean(text(actor, "role"), MAX_TEXT), clean(text(actor, "region"), MAX_TEXT),
                clean(text(actor, "org"), MAX_TEXT), clean(text(actor, "clientAddress"), MAX_TEXT),
                clean(text(envelope, "correlationId") != null ? text(envelope, "correlationId")
                        : header(record, EventHeaders.CORRELATION_ID), MAX_TEXT),
                clean(b.region, MAX_TEXT), clean(b.toRegion, MAX_TEXT), clean(b.org, MAX_TEXT),
                clean(b.summary.toString(), MAX_SUMMARY), null, true, clean(b.allocation, MAX_TEXT),
                clean(b.payment, MAX_TEXT));
    }

    private static AuditEntry unreadable(ConsumerRecord<String, String> record, String headerId, String headerType,
            RuntimeException why) {
        UUID id;
        try {
            id = UUID.fromString(headerId);
        } catch (RuntimeException e) {
            id = UUID.nameUUIDFromBytes((record.topic() + "/" + record.partition() + "/" + record.offset())
                    .getBytes(StandardCharsets.UTF_8));
        }
        boolean typed = headerType != null && !headerType.isBlank();
        String type = typed ? headerType : "unreadable";
        String summary = (typed ? type + " " : "") + "unreadable event on " + record.topic() + "-"
                + record.partition() + "@" + record.offset() + " (" + why.getClass().getSimpleName() + ")";
        return new AuditEntry(id, clean(type, MAX_TEXT), clean(aggregateTypeOf(record), MAX_TEXT), clean(record.key(),
                MAX_TEXT), Instant.ofEpochMilli(record.timestamp()), null, null, null, null, null, null,
                clean(header(record, EventHeaders.CORRELATION_ID), MAX_TEXT), null, null, null,
                clean(summary, MAX_SUMMARY), null, false, null, null);
    }

    private static String aggregateTypeOf(ConsumerRecord<String, String> record) {
        return record.topic().startsWith(Topics.PREFIX) ? record.topic().substring(Topics.PREFIX.length())
                : record.topic();
    }

    /** Collects a summary's parts and the scope the payload names. */
    private static final class Builder {
        private final StringBuilder summary;
        private String region;
        private String toRegion;
        private String org;
        private String allocation;
        private String payment;

        Builder(String type) {
            this.summary = new StringBuilder(type);
        }

        void scope(String region, String toRegion, String org) {
            this.region = region;
            this.toRegion = toRegion;
            this.org = org;
        }

        void allocation(String id) {
            this.allocation = id;
        }

        void payment(String id) {
            this.payment = id;
        }

        void say(String... parts) {
            for (String part : parts) {
                if (part != null && !part.isBlank()) {
                    summary.append(' ').append(part.length() > MAX_TEXT ? part.substring(0, MAX_TEXT) + "…" : part);
                }
            }
        }
    }

    /** A field as text: strings as they are, numbers and booleans as printed; objects, arrays, null: null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        return v.asString();
    }

    /** An amount in 元 with thousands separators ("3,250,000.00"); anything that is not a plain amount as it came. */
    static String amount(String raw) {
        if (raw == null) {
            return null;
        }
        if (!PLAIN_AMOUNT.matcher(raw).matches()) {
            return raw;
        }
        return String.format(Locale.ROOT, "%,.2f", new BigDecimal(raw));
    }

    /** A signed change: "+50,000.00" / "-10,000.00". */
    static String signed(String raw) {
        String a = amount(raw);
        return a == null || a.startsWith("-") || !PLAIN_AMOUNT.matcher(raw).matches() ? a : "+" + a;
    }

    /**
     * Text as the audit trail stores it: control characters (NUL included: PostgreSQL refuses it in text) and
     * format characters (bidi overrides such as U+202E, zero-width characters) become U+FFFD, and the length is
     * capped.
     */
    static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max + 1));
        int i = 0;
        for (; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append('\uFFFD');
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD'); // a lone half of a pair is not text
            } else {
                out.append(c);
            }
        }
        return i < s.length() ? out.append('…').toString() : out.toString();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
