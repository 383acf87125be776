package org.fundflow.evaluation.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Money;

/**
 * Derives budget, distribution and execution figures from allocation facts, in exact 分. Pure: the caller has
 * already summed each allocation's movements and payments up to {@code asOf}; allocations issued after
 * {@code asOf} are ignored here as well, so they count neither as rows nor as children.
 *
 * <p>Facts may be incomplete (a child whose parent has not arrived yet is simply a root for now) and even
 * inconsistent (a parent cycle from bad data): every walk over the tree is guarded, so figures are always produced.
 */
final class ProgressCalculator {
    private final BigDecimal lagMargin;

    ProgressCalculator(BigDecimal lagMargin) {
        this.lagMargin = lagMargin;
    }

    /** @return the figures of every visible allocation, in tree order (depth, then issue date, then id) */
    List<AllocationProgress> compute(Collection<AllocationFact> facts, LocalDate asOf) {
        Map<UUID, AllocationFact> byId = new HashMap<>();
        for (AllocationFact f : facts) {
            if (!f.issuedOn().isAfter(asOf)) {
                byId.put(f.allocationId(), f);
            }
        }
        Map<UUID, List<AllocationFact>> children = new HashMap<>();
        for (AllocationFact f : byId.values()) {
            if (f.parentAllocationId() != null && byId.containsKey(f.parentAllocationId())
                    && !f.parentAllocationId().equals(f.allocationId())) {
                children.computeIfAbsent(f.parentAllocationId(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<UUID, Long> subtreeExecuted = new HashMap<>();
        Map<UUID, Integer> depths = new HashMap<>();
        List<AllocationProgress> result = new ArrayList<>(byId.size());
        for (AllocationFact f : byId.values()) {
            List<AllocationFact> kids = children.getOrDefault(f.allocationId(), List.of());
            // Money assigned to its spending org has finished distribution: an org allocation counts as fully
            // distributed (as the fund-flow ledger shows it); what is left there is unspent, not undistributed.
            long distributed = f.heldByRegion() ? 0 : f.budgetCents();
            LocalDate firstChild = null;
            for (AllocationFact c : kids) {
                distributed = Math.addExact(distributed, c.budgetCents());
                if (firstChild == null || c.issuedOn().isBefore(firstChild)) {
                    firstChild = c.issuedOn();
                }
            }
            Money budget = Money.ofCents(f.budgetCents());
            Money executedInSubtree = Money.ofCents(
                    executedInSubtree(f.allocationId(), byId, children, subtreeExecuted, new HashSet<>()));
            BigDecimal executionRate = executedInSubtree.ratioTo(budget);
            BigDecimal scheduleRate = ScheduleRate.at(f.fiscalYear(), asOf);
            result.add(new AllocationProgress(f, budget, Money.ofCents(distributed),
                    Money.ofCents(Math.subtractExact(f.budgetCents(), distributed)), Money.ofCents(f.executedCents()),
                    executedInSubtree, Money.ofCents(distributed).ratioTo(budget),
                    executionRate, scheduleRate, lagging(budget, executionRate, scheduleRate),
                    depth(f, byId, depths), firstChild));
        }
        result.sort(TREE_ORDER);
        return result;
    }

    /**
     * Lagging compares the four-decimal rates that the API shows, so a reader can check it from the response. A
     * fund with no budget left (all recovered or carried over) has nothing to execute and never lags.
     */
    boolean lagging(Money budget, BigDecimal executionRate, BigDecimal scheduleRate) {
        return budget.isPositive() && executionRate.compareTo(scheduleRate.subtract(lagMargin)) < 0;
    }

    static final Comparator<AllocationProgress> TREE_ORDER = Comparator
            .comparingInt(AllocationProgress::depth)
            .thenComparing(p -> p.fact().issuedOn())
            .thenComparing(p -> p.fact().allocationId().toString());

    private static long executedInSubtree(UUID id, Map<UUID, AllocationFact> byId,
            Map<UUID, List<AllocationFact>> children, Map<UUID, Long> memo, Set<UUID> onPath) {
        Long known = memo.get(id);
        if (known != null) {
            return known;
        }
        if (!onPath.add(id)) {
            return 0; // a parent cycle in bad data: count each allocation once on this path
        }
        long sum = byId.get(id).executedCents();
        for (AllocationFact c : children.getOrDefault(id, List.of())) {
            sum = Math.addExact(sum, executedInSubtree(c.allocationId(), byId, children, memo, onPath));
        }
        onPath.remove(id);
        memo.put(id, sum);
        return sum;
    }

    private static int depth(AllocationFact f, Map<UUID, AllocationFact> byId, Map<UUID, Integer> memo) {
        Integer known = memo.get(f.allocationId());
        if (known != null) {
            return known;
        }
        // Walk up iteratively; stop at the first known depth, a missing parent, or a cycle.
        List<AllocationFact> path = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        AllocationFact current = f;
        int base = -1;
        while (current != null && seen.add(current.allocationId())) {
            Integer d = memo.get(current.allocationId());
            if (d != null) {
                base = d;
                break;
            }
            path.add(current);
            UUID parent = current.parentAllocationId();
            current = parent == null ? null : byId.get(parent);
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            base++;
            memo.put(path.get(i).allocationId(), base);
        }
        return memo.get(f.allocationId());
    }
}
