package org.fundflow.disbursement.allocation;

import java.util.List;
import java.util.UUID;
import org.fundflow.platform.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Balances of the allocations made to orgs: what each org may still pay. */
@RestController
@RequestMapping("/api/org-allocations")
class OrgAllocationController {
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;

    private final OrgAllocations allocations;

    OrgAllocationController(OrgAllocations allocations) {
        this.allocations = allocations;
    }

    /** A bad UUID is a 400 naming allocationId (platform problem handler); an unknown one a 404. */
    @GetMapping("/{allocationId}")
    OrgAllocation get(@PathVariable UUID allocationId) {
        return allocations.find(allocationId).orElseThrow(() -> ApiProblem.notFound("allocationId",
                "no allocation to an org with id " + allocationId
                        + " (allocations to regions have no org balance; a new one may not have arrived yet)"));
    }

    @GetMapping
    OrgAllocationList list(@RequestParam(required = false) String org,
            @RequestParam(required = false) String fiscalYear) {
        String orgCode = org == null || org.isBlank() ? null : org.strip();
        Integer year = fiscalYear == null || fiscalYear.isBlank() ? null : year(fiscalYear);
        if (orgCode == null && year == null) {
            throw ApiProblem.invalid("org", "query parameter org (an org code) or fiscalYear is required");
        }
        return new OrgAllocationList(orgCode, year, allocations.list(orgCode, year));
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
