package org.fundflow.disbursement.allocation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the allocation a payment names: from the facts consumed from {@code fundflow.allocation}, else by reading
 * through to budget-service, so a client that just got 201 for an allocation can pay from it at once (DESIGN: no
 * client-visible race). An allocation read through is stored exactly as its AllocationIssued event would be; the
 * event, consumed later, is then a no-op. Movements keep coming from events only.
 *
 * <p>Call outside a database transaction: the read-through may wait for budget-service for a few seconds.
 */
@Component
public class AllocationLookup {
    private static final Logger log = LoggerFactory.getLogger(AllocationLookup.class);

    private final AllocationFacts facts;
    private final OrgAllocations allocations;
    private final BudgetClient budget;

    AllocationLookup(AllocationFacts facts, OrgAllocations allocations, BudgetClient budget) {
        this.facts = facts;
        this.allocations = allocations;
        this.budget = budget;
    }

    /** What is known of an allocation a payment names. */
    public sealed interface Resolution {
    }

    /** An allocation to an org: payments may be made from it. */
    public record Found(AllocationFact fact) implements Resolution {
    }

    /** Neither this service nor budget-service knows the id. */
    public record Unknown(UUID allocationId) implements Resolution {
    }

    /** An allocation to a region: money held by a region is passed down, never paid from directly. */
    public record ToRegion(UUID allocationId, String toRegion, String toRegionName) implements Resolution {
    }

    /** budget-service could not be asked: the payment can be neither accepted nor refused now. */
    public record Unavailable(UUID allocationId, String reason) implements Resolution {
    }

    public Resolution resolve(UUID allocationId) {
        Optional<AllocationFact> known = facts.find(allocationId);
        return known.<Resolution>map(Found::new).orElseGet(() -> readThrough(allocationId));
    }

    /** Resolves many ids with one query for those already known and one read-through per unknown id. */
    public Map<UUID, Resolution> resolveAll(Collection<UUID> allocationIds) {
        Map<UUID, Resolution> resolved = new HashMap<>();
        facts.findAll(allocationIds).forEach((id, fact) -> resolved.put(id, new Found(fact)));
        for (UUID id : allocationIds) {
            if (!resolved.containsKey(id)) {
                resolved.put(id, readThrough(id));
            }
        }
        return resolved;
    }

    private Resolution readThrough(UUID allocationId) {
        Optional<BudgetClient.Fetched> fetched;
        try {
            fetched = budget.fetch(allocationId);
        } catch (BudgetClient.Unavailable e) {
            log.warn("cannot verify allocation {}: {}", allocationId, e.getMessage());
            return new Unavailable(allocationId, e.getMessage());
        }
        if (fetched.isEmpty()) {
            return new Unknown(allocationId);
        }
        var issued = fetched.get().issued();
        if (issued.toOrg() == null) {
            return new ToRegion(allocationId, issued.toRegion(), issued.toRegionName());
        }
        allocations.recordReadThrough(fetched.get().recordedAt(), issued);
        log.info("allocation {} to org {} read through from budget-service (its event is not consumed yet)",
                allocationId, issued.toOrg());
        return new Found(facts.find(allocationId).orElseThrow());
    }
}
