package org.fundflow.disbursement.allocation;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fundflow.disbursement.access.Scopes;
import org.fundflow.platform.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Balances of the allocations made to orgs: what each org may still pay. Read by the org's agency, and by finance
 * bureaus and supervisors whose region subtree holds the org's region.
 */
@RestController
@RequestMapping("/api/org-allocations")
class OrgAllocationController {
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;
    private static final Pattern ORG = Pattern.compile("[0-9A-Za-z._-]{1,64}");

    private final OrgAllocations allocations;
    private final Scopes scopes;

    OrgAllocationController(OrgAllocations allocations, Scopes scopes) {
        this.allocations = allocations;
        this.scopes = scopes;
    }

    /** A bad UUID is a 400 naming allocationId (platform problem handler); an unknown one a 404; another's a 403. */
    @GetMapping("/{allocationId}")
    OrgAllocation get(@PathVariable UUID allocationId) {
        OrgAllocation allocation = allocations.find(allocationId).orElseThrow(() -> ApiProblem.notFound(
                "allocationId", "no allocation to an org with id " + allocationId
                        + " (allocations to regions have no org balance; a new one may not have arrived yet)"));
        scopes.requireRead("allocationId", allocation.orgRegion(), allocation.orgCode());
        return allocation;
    }

    /**
     * An {@code org} filter outside the caller's scope is a 403 naming it; the list itself only ever holds what the
     * caller may read (an agency asking by fiscal year gets its own org's allocations of the year).
     */
    @GetMapping
    OrgAllocationList list(@RequestParam(required = false) String org,
            @RequestParam(required = false) String fiscalYear) {
        String orgCode = org == null || org.isBlank() ? null : org.strip();
        if (orgCode != null && !ORG.matcher(orgCode).matches()) {
            throw ApiProblem.invalid("org", "org must be an org code (up to 64 letters, digits, '.', '_' or '-')");
        }
        Integer year = fiscalYear == null || fiscalYear.isBlank() ? null : year(fiscalYear);
        if (orgCode == null && year == null) {
            throw ApiProblem.invalid("org", "query parameter org (an org code) or fiscalYear is required");
        }
        if (orgCode != null) {
            scopes.requireOrgRead("org", orgCode, true);
        }
        return new OrgAllocationList(orgCode, year, allocations.list(orgCode, year, scopes.readScope()));
    }

    private static int year(String value) {
        int year;
        try {
            year = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear must be a year such as 2020");
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear must be between " + MIN_YEAR + " and " + MAX_YEAR);
        }
        return year;
    }

    record OrgAllocationList(String org, Integer fiscalYear, List<OrgAllocation> allocations) {
    }
}
