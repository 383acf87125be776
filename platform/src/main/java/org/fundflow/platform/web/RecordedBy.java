package org.fundflow.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who made a change, for the audit trail ({@code recordedBy} of events and rows).
 *
 * <p>Stand-in until authentication arrives: it trusts the {@code X-Fundflow-Subject} header the gateway will set from
 * the JWT. This class is the only place that knows, so authentication replaces exactly this.
 */
public final class RecordedBy {
    public static final String HEADER = "X-Fundflow-Subject";
    public static final String ANONYMOUS = "anonymous";
    private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N}._@:/-]{1,128}");

    private RecordedBy() {
    }

    /** The subject of the current request, or {@value #ANONYMOUS} outside a request or without a usable header. */
    public static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String subject = request.getHeader(HEADER);
            if (subject != null && SAFE.matcher(subject.strip()).matches()) {
                return subject.strip();
            }
        }
        return ANONYMOUS;
    }
}
