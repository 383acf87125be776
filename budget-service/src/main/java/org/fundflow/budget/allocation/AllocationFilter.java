package org.fundflow.budget.allocation;

import java.util.Set;
import java.util.UUID;

/**
 * Query of {@code GET /api/allocations}; null means "any".
 *
 * @param scopeRegions the caller's region subtree: only allocations whose fromRegion, toRegion or recipient org's
 *                     region lies in it; null for no restriction (a national caller, or an agency, which is held to
 *                     its org by {@code toOrg})
 */
record AllocationFilter(String programCode, Integer fiscalYear, String fromRegion, String toRegion, String toOrg,
        UUID parentAllocationId, Set<String> scopeRegions, int limit, int offset) {
}
