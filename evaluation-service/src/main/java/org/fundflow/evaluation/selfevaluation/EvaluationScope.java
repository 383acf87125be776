package org.fundflow.evaluation.selfevaluation;

import java.util.Set;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.fundflow.platform.security.Access;
import org.springframework.stereotype.Component;

/**
 * Who may read which self-evaluations. An evaluation belongs to its org: the org's agency reads it, and so do the
 * finance bureaus and supervisors whose region subtree holds the org's region ({@link OrgRegions}). An org whose
 * region this service does not know is outside every region subtree: only its agency and a national supervisor
 * (who sees everything) read its evaluations.
 */
@Component
class EvaluationScope {
    private final Access access;
    private final OrgRegions orgRegions;

    EvaluationScope(Access access, OrgRegions orgRegions) {
        this.access = access;
        this.orgRegions = orgRegions;
    }

    /** Which evaluations a list may show the caller. */
    record Visible(Kind kind, String org, Set<String> regions) {
        enum Kind {
            /** a national supervisor: every evaluation */
            ALL,
            /** an agency: its own org's */
            ORG,
            /** a national finance bureau: those of every org whose region is known */
            ANY_KNOWN_REGION,
            /** a region-scoped caller: those of orgs whose region is in the set (the caller's subtree) */
            REGIONS
        }
    }

    /** The caller may read evaluations of this org, or 403 naming the field. */
    void requireRead(String field, String org) {
        Caller caller = access.caller();
        if (nationalSupervisor(caller)) {
            return;
        }
        String region = caller.role() == Role.AGENCY ? null : orgRegions.regionOf(org).orElse(null);
        if (region == null && caller.role() != Role.AGENCY) {
            throw access.deny(field, "org " + org + " is in no region this service knows (no registration, no "
                    + "allocation to it): only its own agency and a national supervisor may read its "
                    + "self-evaluations");
        }
        access.requireRead(field, region, org);
    }

    /**
     * The list's scope. A filter on an org outside the caller's scope is refused (403), not answered with an empty
     * list; without one the list is cut to the caller's scope.
     */
    Visible visible(String requestedOrg) {
        Caller caller = access.caller();
        if (requestedOrg != null) {
            requireRead("orgCode", requestedOrg);
        }
        return switch (caller.role()) {
            case AGENCY -> new Visible(Visible.Kind.ORG, caller.org(), null);
            case FINANCE_BUREAU, SUPERVISOR -> {
                if (nationalSupervisor(caller)) {
                    yield new Visible(Visible.Kind.ALL, null, null);
                }
                if (Caller.NATIONAL.equals(caller.region())) {
                    yield new Visible(Visible.Kind.ANY_KNOWN_REGION, null, null);
                }
                yield new Visible(Visible.Kind.REGIONS, null, access.regions().subtree(caller.region()));
            }
        };
    }

    private static boolean nationalSupervisor(Caller caller) {
        return caller.role() == Role.SUPERVISOR && Caller.NATIONAL.equals(caller.region());
    }
}
