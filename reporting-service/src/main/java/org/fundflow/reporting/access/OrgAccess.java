package org.fundflow.reporting.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.fundflow.contracts.access.Caller;
import org.fundflow.platform.security.Access;
import org.fundflow.reporting.facts.OrgFacts;
import org.springframework.stereotype.Component;

/**
 * Scope checks for data that belongs to an org and is not public: the org's own AGENCY may read it, and a
 * FINANCE_BUREAU or SUPERVISOR whose region subtree holds the org's region (its latest OrgRegistered/OrgUpdated,
 * else the region its latest allocation names). While an org's region is unknown only its agency and national
 * (000000) readers may read it: an unknown region lies in no one else's subtree.
 */
@Component
public class OrgAccess {
    private final Access access;
    private final OrgFacts orgs;

    OrgAccess(Access access, OrgFacts orgs) {
        this.access = access;
        this.orgs = orgs;
    }

    /** May the signed-in caller, if there is one, read the org's non-public data? False for anonymous callers. */
    public boolean mayRead(String orgCode) {
        Optional<Caller> caller = Access.current();
        return caller.isPresent() && mayRead(caller.get(), orgCode, orgs.regionOf(orgCode).orElse(null));
    }

    /** The signed-in caller if they may read the org's data; 401 without a token, 403 naming the field otherwise. */
    public Caller requireRead(String field, String orgCode) {
        Caller caller = access.caller();
        String region = orgs.regionOf(orgCode).orElse(null);
        if (!mayRead(caller, orgCode, region)) {
            // refused through the platform, which logs and counts every refusal (mayRead is never narrower than
            // Access.canRead, so this throws)
            access.requireRead(field, region, orgCode);
        }
        return caller;
    }

    /** For a list: which of these orgs the caller may read (one query for all of them). */
    public Predicate<String> readableAmong(Caller caller, Collection<String> orgCodes) {
        if (caller.role() == org.fundflow.contracts.access.Role.AGENCY) {
            return caller.org()::equals;
        }
        if (Caller.NATIONAL.equals(caller.region())) {
            return org -> true;
        }
        Map<String, String> regions = orgs.regionsOf(orgCodes);
        return org -> mayRead(caller, org, regions.get(org));
    }

    private boolean mayRead(Caller caller, String orgCode, String region) {
        return switch (caller.role()) {
            case AGENCY -> orgCode != null && orgCode.equals(caller.org());
            case FINANCE_BUREAU, SUPERVISOR -> Caller.NATIONAL.equals(caller.region())
                    || region != null && access.regionInScope(caller, region);
        };
    }
}
