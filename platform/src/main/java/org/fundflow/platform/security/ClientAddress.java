package org.fundflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The address a request came from, for the audit trail. The gateway overwrites {@value #HEADER} with the address it
 * saw (a client cannot set it through the gateway); a request straight to a service records the socket's peer.
 * Services are meant to be reachable only from the gateway's network (see deploy/README.md).
 */
public final class ClientAddress {
    public static final String HEADER = "X-Fundflow-Client-Address";
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private ClientAddress() {
    }

    /** The current request's client address, or null outside a request. */
    public static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String relayed = request.getHeader(HEADER);
            if (relayed != null && ADDRESS.matcher(relayed.strip()).matches()) {
                return relayed.strip();
            }
            return request.getRemoteAddr();
        }
        return null;
    }
}
