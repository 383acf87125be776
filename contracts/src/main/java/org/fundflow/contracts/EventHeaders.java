package org.fundflow.contracts;

/** Kafka record headers every fundflow event carries (values are UTF-8 strings). */
public final class EventHeaders {
    private EventHeaders() {
    }

    /** The event id (UUID): the key of idempotent consumption. Not Spring's reserved {@code id} message header. */
    public static final String EVENT_ID = "id";
    public static final String EVENT_TYPE = "eventType";
    public static final String CORRELATION_ID = "correlationId";
}
