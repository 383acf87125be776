package org.fundflow.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a service gets the keys that sign tokens, and how big a request may be.
 *
 * @param jwkSetUri    the identity provider's JWK set (Keycloak: {@code …/realms/fundflow/protocol/openid-connect/certs};
 *                     the local run: the gateway's dev {@code /dev/jwks.json}); env {@code FUNDFLOW_JWK_SET_URI}
 * @param publicKey    instead of a JWK set: one RSA public key, base64 X.509 (tests); env {@code FUNDFLOW_JWT_PUBLIC_KEY}
 * @param issuer       if set, the {@code iss} every token must carry; env {@code FUNDFLOW_JWT_ISSUER}
 * @param maxBodyBytes the largest JSON request body accepted (uploads have their own multipart limits)
 */
@ConfigurationProperties("fundflow.security")
public record SecurityProperties(String jwkSetUri, String publicKey, String issuer, Long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public long bodyLimit() {
        return maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    }
}
