package org.fundflow.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Abuse limits at the front door (each service enforces its own body limits again).
 *
 * @param maxBodyBytes       largest request body (JSON) accepted, by Content-Length; env FUNDFLOW_LIMITS_MAX_BODY_BYTES
 * @param maxUploadBytes     largest upload to /api/payment-imports; env FUNDFLOW_LIMITS_MAX_UPLOAD_BYTES
 * @param perSubject         requests per second per signed-in subject (and its burst)
 * @param anonymous          requests per second per client address without a token (and its burst)
 */
@ConfigurationProperties("fundflow.limits")
public record LimitProperties(
        @DefaultValue("1048576") long maxBodyBytes,
        @DefaultValue("53477376") long maxUploadBytes,
        @DefaultValue Rate perSubject,
        @DefaultValue Rate anonymous) {

    /** A token bucket: refills {@code perSecond} tokens a second up to {@code burst}. */
    public record Rate(@DefaultValue("20") double perSecond, @DefaultValue("100") int burst) {
    }
}
