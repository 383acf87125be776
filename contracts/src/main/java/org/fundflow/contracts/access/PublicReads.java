package org.fundflow.contracts.access;

import java.util.List;

/**
 * What anyone may read without a token: the published dashboards and disclosure tables, and the reference data they
 * name (regions, orgs, programs). One list, read by the gateway and by every service, so the two can never disagree.
 * Everything else needs a token; a write always does.
 *
 * <p>Final accounts (部门决算公开) are listed because their published versions are public; reporting-service itself
 * answers an anonymous caller with published versions only, never a draft.
 */
public final class PublicReads {
    /** Ant-style path patterns, GET (and HEAD) only. */
    public static final List<String> GET_PATTERNS = List.of(
            // the dashboard's pages, scripts and change feed (the feed says what changed, never the figures)
            "/", "/dashboard", "/dashboard/**", "/assets/**", "/api/live/**",
            // reference data
            "/api/regions", "/api/regions/**", "/api/orgs", "/api/orgs/**", "/api/programs", "/api/programs/**",
            // the published dashboards: execution rates and their roll-ups, and the public ledgers
            "/api/execution", "/api/execution/rollup",
            "/api/reports/execution/**", "/api/reports/fund-flow", "/api/reports/fund-flow/**",
            // 部门决算公开: published versions only for anonymous callers (enforced by reporting-service)
            "/api/reports/final-accounts/**");

    private PublicReads() {
    }
}
