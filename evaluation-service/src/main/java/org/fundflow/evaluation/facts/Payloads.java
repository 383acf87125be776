package org.fundflow.evaluation.facts;

import org.fundflow.platform.consumer.IncomingEvent;
import tools.jackson.databind.DeserializationFeature;

/** Reads event payloads as a tolerant reader. */
final class Payloads {
    private Payloads() {
    }

    /**
     * Unknown fields are ignored here, unlike in the (strict) HTTP API: producers may add fields to a payload
     * within a schema version, and an older consumer must keep working when they do.
     */
    static <T> T read(IncomingEvent event, Class<T> type) {
        return event.json().readerFor(type)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(event.payload());
    }
}
