package org.fundflow.dashboard.live;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.fundflow.contracts.EventHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the little a nudge needs from an event envelope, tolerantly: producers only ever add fields, and a record
 * that cannot be read is skipped (it only would have prompted a refresh).
 */
final class Nudges {
    private static final Pattern TYPE = Pattern.compile("[A-Za-z]{1,64}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ALLOCATION_ID = Pattern.compile("[0-9a-fA-F-]{36}");

    private Nudges() {
    }

    /** @return the nudge, or null when the record is not an event envelope */
    static Nudge from(ConsumerRecord<String, String> record, JsonMapper json) {
        if (record.value() == null) {
            return null;
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(record.value());
        } catch (JacksonException e) {
            return null;
        }
        if (!envelope.isObject()) {
            return null;
        }
        String type = header(record, EventHeaders.EVENT_TYPE);
        if (type == null) {
            type = text(envelope.path("type"));
        }
        JsonNode payload = envelope.path("payload");
        JsonNode year = payload.path("fiscalYear");
        return new Nudge(matching(type, TYPE, Nudge.MIXED), matching(text(payload.path("programCode")), CODE, null),
                year.canConvertToInt() && year.isIntegralNumber() ? year.asInt() : null,
                matching(text(payload.path("allocationId")), ALLOCATION_ID, null), 1);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    /** Only well-formed values reach the browsers; anything else is "not known". */
    private static String matching(String value, Pattern pattern, String otherwise) {
        return value != null && pattern.matcher(value).matches() ? value : otherwise;
    }
}
