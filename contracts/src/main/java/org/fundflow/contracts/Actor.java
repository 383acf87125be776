package org.fundflow.contracts;

/**
 * Who made a change, as the audit trail records it on every event: the token's subject, role and scope, and the
 * address the request came from (as the gateway saw it).
 *
 * @param subject       the token's {@code sub}
 * @param role          FINANCE_BUREAU, AGENCY or SUPERVISOR
 * @param region        the region the role is scoped to (finance bureaus, supervisors); null for an agency
 * @param org           the org the role is scoped to (agencies); null otherwise
 * @param clientAddress the caller's IP address as the gateway saw it
 */
public record Actor(String subject, String role, String region, String org, String clientAddress) {
}
