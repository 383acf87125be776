package org.fundflow.platform.web;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;

/** The id that follows one user request from the gateway into logs, events and consumers. */
public final class CorrelationId {
    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";

    private CorrelationId() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }

    public static String currentOrNew() {
        return current().orElseGet(() -> UUID.randomUUID().toString());
    }
}
