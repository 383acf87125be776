package org.fundflow.platform.web;

import org.fundflow.contracts.Actor;
import org.fundflow.contracts.access.Caller;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.security.ClientAddress;

/**
 * Who made a change, for the audit trail: {@code recordedBy} of events and rows, and the full {@link Actor} on every
 * event. Both come from the verified token of the current request (see {@code ServiceSecurity}); a change made by
 * the service itself (a consumer, a background job) is recorded as {@value #SYSTEM}.
 */
public final class RecordedBy {
    public static final String SYSTEM = "system";

    private RecordedBy() {
    }

    /** The signed-in subject of the current request, or {@value #SYSTEM}. */
    public static String current() {
        return Access.current().map(Caller::subject).orElse(SYSTEM);
    }

    /** The signed-in actor of the current request with their scope and address, or null for the system. */
    public static Actor actor() {
        return Access.current()
                .map(c -> new Actor(c.subject(), c.role().name(), c.region(), c.org(), ClientAddress.current()))
                .orElse(null);
    }
}
