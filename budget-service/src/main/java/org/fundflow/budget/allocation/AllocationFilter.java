package org.fundflow.budget.allocation;

import java.util.UUID;

/** Query of {@code GET /api/allocations}; null means "any". */
record AllocationFilter(String programCode, Integer fiscalYear, String fromRegion, String toRegion, String toOrg,
        UUID parentAllocationId, int limit, int offset) {
}
