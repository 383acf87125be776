package org.fundflow.reporting.finalaccounts;

import java.util.LinkedHashSet;
import java.util.Set;
import org.fundflow.reporting.classification.Classifications;
import org.fundflow.reporting.facts.OrgFacts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The live (unpublished) final accounts of an org and year, derived from the facts when asked for. Read in one
 * repeatable-read snapshot, so a payment consumed meanwhile never leaves 公开03 and 公开06 disagreeing.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class FinalAccounts {
    private final FinalAccountsQueries queries;
    private final OrgFacts orgs;
    private final Layouts layouts;
    private final TableBuilder builder;

    FinalAccounts(FinalAccountsQueries queries, OrgFacts orgs, Layouts layouts, Classifications classifications) {
        this.queries = queries;
        this.orgs = orgs;
        this.layouts = layouts;
        this.builder = new TableBuilder(classifications);
    }

    /**
     * The org as the tables print it: its current name and region from the org events, else as its latest
     * allocation names it, else just its code.
     */
    TableRenderer.OrgRef org(String orgCode) {
        OrgFacts.Org known = orgs.find(orgCode).orElse(null);
        FinalAccountsQueries.OrgSeen seen = queries.orgFromAllocations(orgCode);
        String name = known != null && known.name() != null ? known.name() : seen != null && seen.name() != null
                ? seen.name() : orgCode;
        String region = known != null && known.regionCode() != null ? known.regionCode()
                : seen != null ? seen.region() : null;
        return new TableRenderer.OrgRef(orgCode, name, region);
    }

    Layout layout(TableRenderer.OrgRef org, int fiscalYear) {
        return layouts.forOrg(org.regionCode(), fiscalYear);
    }

    FinalAccountsDocument live(String orgCode, int fiscalYear) {
        TableRenderer.OrgRef org = org(orgCode);
        Set<String> regions = new LinkedHashSet<>(queries.allocationRegions(orgCode));
        if (org.regionCode() != null) {
            regions.add(org.regionCode());
        }
        Figures figures = new Figures(fiscalYear, queries.allocations(orgCode, fiscalYear),
                queries.payments(orgCode, fiscalYear, regions));
        return builder.build(orgCode, org.name(), org.regionCode(), layout(org, fiscalYear), figures);
    }
}
