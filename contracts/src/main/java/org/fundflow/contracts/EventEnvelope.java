package org.fundflow.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on every topic looks like: metadata plus a typed payload. The Kafka value is this envelope as
 * JSON; the id, type and correlation id are also copied into record headers.
 *
 * @param eventId       unique per event; consumers deduplicate on it
 * @param type          stable past-tense name, e.g. {@code AllocationIssued}; a breaking change gets a new name
 * @param schemaVersion version of the payload's shape; only ever add fields within a version
 * @param aggregateType e.g. {@code allocation}; decides the topic
 * @param aggregateId   the Kafka key, so one aggregate's events stay ordered
 * @param occurredAt    when the change was committed by the writing service
 * @param recordedBy    who made the change (subject), for the audit trail
 * @param correlationId the request that caused it, from the gateway through every consumer
 * @param actor         who made the change in full (subject, role, scope, client address), for the audit trail;
 *                      absent on events recorded before authentication existed and on system-made events
 * @param payload       one of the records in {@link Events}
 */
public record EventEnvelope<T>(
        UUID eventId,
        String type,
        int schemaVersion,
        String aggregateType,
        String aggregateId,
        Instant occurredAt,
        String recordedBy,
        String correlationId,
        Actor actor,
        T payload) {

    /** An event made by the system itself, or by a test: no authenticated actor. */
    public EventEnvelope(UUID eventId, String type, int schemaVersion, String aggregateType, String aggregateId,
            Instant occurredAt, String recordedBy, String correlationId, T payload) {
        this(eventId, type, schemaVersion, aggregateType, aggregateId, occurredAt, recordedBy, correlationId, null,
                payload);
    }
}
