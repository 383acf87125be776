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
 * <p>The read-through relays the caller's token ({@code Authorization} header): budget-service shows an allocation
 * only to those allowed to see it, and a refusal is {@link Forbidden}, never a guess.
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

    /** budget-service refused to show the allocation to the caller (401 or 403): not theirs to pay from. */
    public record Forbidden(UUID allocationId, int status, String reason) implements Resolution {
    }

    /**
     * @param authorization the caller's {@code Authorization} header, relayed to budget-service if it must be asked
     */
    public Resolution resolve(UUID allocationId, String authorization) {
        Optional<AllocationFact> known = facts.find(allocationId);
        return known.<Resolution>map(Found::new).orElseGet(() -> readThrough(allocationId, authorization));
    }

    /** Resolves many ids with one query for those already known and one read-through per unknown id. */
    public Map<UUID, Resolution> resolveAll(Collection<UUID> allocationIds, String authorization) {
        Map<UUID, Resolution> resolved = new HashMap<>();
        facts.findAll(allocationIds).forEach((id, fact) -> resolved.put(id, new Found(fact)));
        for (UUID id : allocationIds) {
            if (!resolved.containsKey(id)) {
                resolved.put(id, readThrough(id, authorization));
            }
        }
        return resolved;
    }

    private Resolution readThrough(UUID allocationId, String authorization) {
        Optional<BudgetClient.Fetched> fetched;
        try {
            fetched = budget.fetch(allocationId, authorization);
        } catch (BudgetClient.Refused e) {
            log.warn("allocation {}: {}", allocationId, e.getMessage());
            return new Forbidden(allocationId, e.status(), e.getMessage());
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
