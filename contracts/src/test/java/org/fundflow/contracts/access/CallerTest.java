package org.fundflow.contracts.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void readsEachRoleWithItsScope() {
        assertThat(Caller.fromClaims(Map.of("sub", "lishi-czj", "role", "FINANCE_BUREAU", "region", "141102")))
                .isEqualTo(new Caller("lishi-czj", Role.FINANCE_BUREAU, "141102", null));
        assertThat(Caller.fromClaims(Map.of("sub", "ybj", "role", "AGENCY", "org", "141102-YBJ", "region", "141102")))
                .as("an agency is scoped by org only").isEqualTo(new Caller("ybj", Role.AGENCY, null, "141102-YBJ"));
        assertThat(Caller.fromClaims(Map.of("sub", "audit", "role", "SUPERVISOR", "region", "000000")).scope())
                .isEqualTo("region 000000");
    }

    @Test
    void refusesClaimsThatDoNotDescribeAUser() {
        assertInvalid(Map.of("role", "AGENCY", "org", "X"), "subject");
        assertInvalid(Map.of("sub", "a b; DROP TABLE org", "role", "AGENCY", "org", "X"), "subject");
        assertInvalid(Map.of("sub", "x"), "no role");
        assertInvalid(Map.of("sub", "x", "role", "ADMIN", "region", "000000"), "'ADMIN'");
        assertInvalid(Map.of("sub", "x", "role", "FINANCE_BUREAU"), "region");
        assertInvalid(Map.of("sub", "x", "role", "SUPERVISOR", "region", "14"), "region");
        assertInvalid(Map.of("sub", "x", "role", "AGENCY"), "org");
        Map<String, Object> numeric = new HashMap<>(Map.of("sub", "x", "role", "FINANCE_BUREAU"));
        numeric.put("region", 141102);
        assertInvalid(numeric, "region");
    }

    private static void assertInvalid(Map<String, Object> claims, String message) {
        assertThatThrownBy(() -> Caller.fromClaims(claims)).isInstanceOf(Caller.InvalidClaims.class)
                .hasMessageContaining(message);
    }
}
