package org.fundflow.gateway.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The local run's identity provider: a signing key made at startup (never stored, never in the repository) and the
 * tokens it signs for whoever asks. Exists only with the {@code local} profile — a production gateway has no such
 * bean and no such endpoint, and verifies tokens against Keycloak's JWK set instead.
 */
@Component
@Profile("local")
public class DevTokenIssuer {
    public static final String TOKEN_PATH = "/dev/token";
    public static final String JWKS_PATH = "/dev/jwks.json";
    public static final String ISSUER = "fundflow-local-dev";
    static final Duration MAX_TTL = Duration.ofHours(12);
    private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);

    private final RSAKey key;
    private final Clock clock;

    DevTokenIssuer() {
        this(Clock.systemUTC());
    }

    DevTokenIssuer(Clock clock) {
        this.clock = clock;
        KeyPair pair;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            pair = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyID(UUID.randomUUID().toString()).build();
        log.warn("DEV TOKEN ISSUER ENABLED (profile 'local'): anyone reaching {} gets a token. Never in production.",
                TOKEN_PATH);
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half as a JWK set, for services that verify tokens themselves. */
    public Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    /**
     * Signs a token for these claims after checking them exactly as every service will ({@link Caller#fromClaims}).
     *
     * @throws Caller.InvalidClaims if the role or scope is missing or malformed
     */
    public Issued issue(String subject, String role, String region, String org, Duration ttl) {
        Duration lifetime = ttl == null ? Duration.ofHours(1) : ttl;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_TTL) > 0) {
            throw new Caller.InvalidClaims("ttlMinutes must be between 1 and " + MAX_TTL.toMinutes());
        }
        Map<String, Object> claims = new java.util.HashMap<>();
        claims.put("sub", subject);
        claims.put(Caller.ROLE_CLAIM, role);
        if (region != null) {
            claims.put(Caller.REGION_CLAIM, region);
        }
        if (org != null) {
            claims.put(Caller.ORG_CLAIM, org);
        }
        Caller caller = Caller.fromClaims(claims);
        Instant now = Instant.now(clock);
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().subject(caller.subject()).issuer(ISSUER)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString()).claim(Caller.ROLE_CLAIM, caller.role().name());
        if (caller.region() != null) {
            set.claim(Caller.REGION_CLAIM, caller.region());
        }
        if (caller.org() != null) {
            set.claim(Caller.ORG_CLAIM, caller.org());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    set.build());
            jwt.sign(new RSASSASigner(key));
            return new Issued(jwt.serialize(), "Bearer", lifetime.toSeconds(), caller);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token endpoint's answer (OAuth2 token response field names). */
    public record Issued(String access_token, String token_type, long expires_in, Caller caller) {
    }
}
