package org.fundflow.contracts.access;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A signed-in user as every service sees them, read from the JWT's claims. The claims are a contract between the
 * identity provider (Keycloak in production, the gateway's dev token endpoint locally), the gateway and the services:
 *
 * <ul>
 *   <li>{@code sub} — the subject, recorded on every change;</li>
 *   <li>{@code role} — one of {@link Role};</li>
 *   <li>{@code region} — a 6-digit GB/T 2260 region code, required for FINANCE_BUREAU and SUPERVISOR
 *       ({@code 000000} is 中央, i.e. national);</li>
 *   <li>{@code org} — the org code (统一社会信用代码 or internal code), required for AGENCY.</li>
 * </ul>
 */
public record Caller(String subject, Role role, String region, String org) {
    public static final String ROLE_CLAIM = "role";
    public static final String REGION_CLAIM = "region";
    public static final String ORG_CLAIM = "org";
    /** The region code of 中央: a supervisor scoped here sees the whole country. */
    public static final String NATIONAL = "000000";

    private static final Pattern SUBJECT = Pattern.compile("[\\p{L}\\p{N}._@:/-]{1,128}");
    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern ORG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Thrown when a token is well signed but its claims do not describe a fundflow user: the token is invalid. */
    public static final class InvalidClaims extends RuntimeException {
        public InvalidClaims(String message) {
            super(message);
        }
    }

    /** Reads the claims; anything missing, unknown or malformed is {@link InvalidClaims} (→ 401, never a guess). */
    public static Caller fromClaims(Map<String, Object> claims) {
        String subject = text(claims, "sub");
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new InvalidClaims("the token has no usable subject (sub)");
        }
        String roleText = text(claims, ROLE_CLAIM);
        if (roleText == null) {
            throw new InvalidClaims("the token has no role claim");
        }
        Role role;
        try {
            role = Role.valueOf(roleText);
        } catch (IllegalArgumentException e) {
            throw new InvalidClaims("the token's role '" + roleText + "' is not one of FINANCE_BUREAU, AGENCY, "
                    + "SUPERVISOR");
        }
        String region = text(claims, REGION_CLAIM);
        String org = text(claims, ORG_CLAIM);
        switch (role) {
            case FINANCE_BUREAU, SUPERVISOR -> {
                if (region == null || !REGION.matcher(region).matches()) {
                    throw new InvalidClaims("a " + role + " token needs a 6-digit region claim");
                }
                org = null;
            }
            case AGENCY -> {
                if (org == null || !ORG.matcher(org).matches()) {
                    throw new InvalidClaims("an AGENCY token needs an org claim");
                }
                region = null;
            }
        }
        return new Caller(subject, role, region, org);
    }

    private static String text(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    public boolean is(Role r) {
        return role == r;
    }

    /** How the caller's scope reads in messages and the audit trail, e.g. {@code region 140700} or {@code org X}. */
    public String scope() {
        return role == Role.AGENCY ? "org " + org : "region " + region;
    }
}
