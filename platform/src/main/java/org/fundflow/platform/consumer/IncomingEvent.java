package org.fundflow.platform.consumer;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An event as a consumer sees it: the envelope's metadata and the payload still as JSON. */
public record IncomingEvent(UUID eventId, String type, String aggregateId, Instant occurredAt, String recordedBy,
        String correlationId, JsonNode payload, JsonMapper json) {

    public <T> T payloadAs(Class<T> type) {
        return json.treeToValue(payload, type);
    }
}
