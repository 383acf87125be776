package org.fundflow.disbursement.access;

import java.util.List;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.fundflow.platform.security.Access;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read scopes over what this service holds: payments, org allocations and imports all belong to an org, and an org
 * lies in a region. An agency reads its own org's; a finance bureau or supervisor reads what belongs to orgs whose
 * region lies in their subtree; a national one (000000 中央) reads everything. The org's region is the one its
 * allocations name ({@code allocation_fact.to_org_region}); payments copy it.
 */
@Component
public class Scopes {

    private final Access access;
    private final JdbcTemplate jdbc;

    Scopes(Access access, JdbcTemplate jdbc) {
        this.access = access;
        this.jdbc = jdbc;
    }

    /** What a list query must be restricted to for the signed-in caller. */
    public ReadScope readScope() {
        Caller caller = access.caller();
        if (caller.role() == Role.AGENCY) {
            return new ReadScope(caller.org(), null);
        }
        return national(caller) ? ReadScope.EVERYTHING
                : new ReadScope(null, access.regions().subtree(caller.region()));
    }

    /**
     * One resource of an org in a region: {@link Access#requireRead}, except that a national caller reads everything,
     * even a resource whose region is not known.
     */
    public void requireRead(String field, String region, String org) {
        if (national(access.caller())) {
            return;
        }
        access.requireRead(field, region, org);
    }

    /**
     * A request naming an org (a list filter, or an import job's owner): its agency, or a region-scoped caller whose
     * subtree holds the org's region, else 403 naming the field.
     *
     * @param unknownRegionAllowed whether a region-scoped caller may name an org whose region is not known here: true
     *                             for a list filter, whose rows are restricted to the caller's scope anyway (they then
     *                             get an empty list, as for an org with nothing recorded)
     */
    public void requireOrgRead(String field, String org, boolean unknownRegionAllowed) {
        Caller caller = access.caller();
        if (national(caller)) {
            return;
        }
        if (org == null) {
            throw access.deny(field, field + " belongs to no org (it was recorded before access control): only "
                    + "a national supervisor may read it");
        }
        if (caller.role() == Role.AGENCY) {
            access.requireRead(field, null, org);
            return;
        }
        List<String> regions = regionsOf(org);
        if (regions.isEmpty()) {
            if (unknownRegionAllowed) {
                return;
            }
            throw access.deny(field, field + " belongs to org " + org + ", whose region is not known here: "
                    + "outside your scope (" + caller.scope() + ")");
        }
        String region = regions.stream().filter(r -> access.regionInScope(caller, r)).findFirst()
                .orElse(regions.get(0));
        access.requireRead(field, region, org);
    }

    /** The regions an org's allocations name (normally exactly one). */
    public List<String> regionsOf(String org) {
        return jdbc.queryForList("SELECT DISTINCT to_org_region FROM allocation_fact WHERE to_org = ? "
                + "AND to_org_region IS NOT NULL ORDER BY 1", String.class, org);
    }

    private static boolean national(Caller caller) {
        return caller.role() != Role.AGENCY && Caller.NATIONAL.equals(caller.region());
    }
}
