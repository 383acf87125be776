package org.fundflow.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class DevTokenIssuerTest {
    private final DevTokenIssuer issuer = new DevTokenIssuer();

    @Test
    void issuesTokensEveryServiceAcceptsWithTheRoleAndScopeAsked() {
        DevTokenIssuer.Issued issued = issuer.issue("lishi-clerk", "FINANCE_BUREAU", "141102", null,
                Duration.ofMinutes(30));
        assertThat(issued.token_type()).isEqualTo("Bearer");
        assertThat(issued.expires_in()).isEqualTo(1800);
        Jwt jwt = NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build().decode(issued.access_token());
        assertThat(Caller.fromClaims(jwt.getClaims()))
                .isEqualTo(new Caller("lishi-clerk", Role.FINANCE_BUREAU, "141102", null));
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(DevTokenIssuer.ISSUER);
        assertThat(issuer.jwks()).containsKey("keys");
        assertThat(issuer.jwks().toString()).doesNotContain("\"d\"").doesNotContain(", d=");
    }

    @Test
    void refusesClaimsNoServiceWouldAccept() {
        assertThatThrownBy(() -> issuer.issue("x", "ADMIN", "000000", null, null))
                .isInstanceOf(Caller.InvalidClaims.class).hasMessageContaining("ADMIN");
        assertThatThrownBy(() -> issuer.issue("x", "AGENCY", null, null, null))
                .isInstanceOf(Caller.InvalidClaims.class).hasMessageContaining("org");
        assertThatThrownBy(() -> issuer.issue("x", "SUPERVISOR", "000000", null, Duration.ofDays(2)))
                .isInstanceOf(Caller.InvalidClaims.class).hasMessageContaining("ttlMinutes");
    }
}
