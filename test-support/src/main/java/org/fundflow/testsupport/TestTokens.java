package org.fundflow.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens for tests, signed by a key pair made fresh in each test JVM (nothing secret is in the repository). Services
 * under test trust its public key through {@link TestInfrastructure#register}. Besides the good tokens of each role,
 * it makes the bad ones a service must refuse: expired, wrongly signed, unsigned ({@code alg=none}), HMAC-signed
 * with the public key as secret (the algorithm-confusion attack).
 */
public final class TestTokens {
    private static final KeyPair KEYS = rsa();
    private static final KeyPair STRANGER = rsa();

    private TestTokens() {
    }

    /** The public key services under test verify with: base64 X.509 ({@code fundflow.security.public-key}). */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String financeBureau(String region) {
        return sign(claims("finance-" + region, "FINANCE_BUREAU", region, null), KEYS);
    }

    public static String agency(String org) {
        return sign(claims("agency-" + org, "AGENCY", null, org), KEYS);
    }

    public static String supervisor(String region) {
        return sign(claims("supervisor-" + region, "SUPERVISOR", region, null), KEYS);
    }

    /** A supervisor of the whole country (region 000000 中央): reads everything, writes nothing. */
    public static String nationalSupervisor() {
        return supervisor("000000");
    }

    /** A token with exactly these claims (plus {@code exp} in an hour unless given), properly signed. */
    public static String withClaims(Map<String, Object> claims) {
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.putIfAbsent("exp", Instant.now().plus(Duration.ofHours(1)));
        return sign(all, KEYS);
    }

    /** Properly signed, but with no {@code exp}: a token that would never expire, which services must refuse. */
    public static String withoutExpiry(Map<String, Object> claims) {
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.remove("exp");
        return sign(all, KEYS);
    }

    public static String expired(String role, String region, String org) {
        Map<String, Object> c = claims("expired-user", role, region, org);
        c.put("iat", Instant.now().minus(Duration.ofHours(3)));
        c.put("exp", Instant.now().minus(Duration.ofHours(2)));
        return sign(c, KEYS);
    }

    /** Signed by a key the services do not know. */
    public static String wronglySigned(String role, String region, String org) {
        return sign(claims("stranger", role, region, org), STRANGER);
    }

    /** {@code alg=none}: no signature at all. */
    public static String unsigned(String role, String region, String org) {
        return new PlainJWT(claimsSet(claims("nobody", role, region, org))).serialize();
    }

    /** HS256 with the (public!) RSA key bytes as the HMAC secret: must never verify. */
    public static String hmacWithPublicKey(String role, String region, String org) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                    claimsSet(claims("confused", role, region, org)));
            jwt.sign(new MACSigner(KEYS.getPublic().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static Map<String, Object> claims(String subject, String role, String region, String org) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", subject);
        c.put("role", role);
        if (region != null) {
            c.put("region", region);
        }
        if (org != null) {
            c.put("org", org);
        }
        c.put("iat", Instant.now());
        c.put("exp", Instant.now().plus(Duration.ofHours(1)));
        c.put("jti", UUID.randomUUID().toString());
        return c;
    }

    private static JWTClaimsSet claimsSet(Map<String, Object> claims) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
        claims.forEach((k, v) -> b.claim(k, v instanceof Instant i ? Date.from(i) : v));
        return b.build();
    }

    private static String sign(Map<String, Object> claims, KeyPair keys) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claimsSet(claims));
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
