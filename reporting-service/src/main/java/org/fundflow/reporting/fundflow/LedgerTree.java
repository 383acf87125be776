package org.fundflow.reporting.fundflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Money;
import org.fundflow.reporting.facts.AllocationFact;
import org.fundflow.reporting.facts.MovementTotals;

/** Builds the ledger trees from allocation facts. Pure: no I/O, so every rule here is unit-testable. */
final class LedgerTree {
    /** Siblings (and roots) by issue date, then by id so the order is stable. */
    static final Comparator<AllocationFact> ORDER = Comparator
            .comparing(AllocationFact::issuedOn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(f -> f.allocationId().toString());

    private final Map<UUID, AllocationFact> byId = new LinkedHashMap<>();
    private final Map<UUID, List<AllocationFact>> childrenOf = new LinkedHashMap<>();
    private final Map<UUID, MovementTotals> movements;
    private final Set<UUID> visited = new HashSet<>();

    private LedgerTree(List<AllocationFact> facts, Map<UUID, MovementTotals> movements) {
        this.movements = movements;
        facts.stream().sorted(ORDER).forEach(f -> byId.put(f.allocationId(), f));
        for (AllocationFact f : byId.values()) {
            if (f.parentAllocationId() != null && byId.containsKey(f.parentAllocationId())) {
                childrenOf.computeIfAbsent(f.parentAllocationId(), k -> new ArrayList<>()).add(f);
            }
        }
    }

    /**
     * @param facts             the allocations of one ledger (one program and year)
     * @param movements         movement totals by allocation id (missing = none)
     * @param parentsIssued     parent ids known to be issued even though they are not among {@code facts} (e.g.
     *                          issued under another program or year): such a child is a root of this ledger but
     *                          is not waiting for its parent
     * @return the roots, each with its subtree, sorted by issue date then id
     */
    static List<LedgerNode> roots(List<AllocationFact> facts, Map<UUID, MovementTotals> movements,
            Set<UUID> parentsIssued) {
        LedgerTree tree = new LedgerTree(facts, movements);
        List<LedgerNode> roots = new ArrayList<>();
        for (AllocationFact f : tree.byId.values()) {
            UUID parent = f.parentAllocationId();
            if (parent == null || !tree.byId.containsKey(parent)) {
                roots.add(tree.node(f, parent != null && !parentsIssued.contains(parent)));
            }
        }
        // Only a cycle of parent ids (which the budget service never issues) leaves facts unreached; show them
        // rather than let money vanish from the ledger.
        for (AllocationFact f : tree.byId.values()) {
            if (!tree.visited.contains(f.allocationId())) {
                roots.add(tree.node(f, false));
            }
        }
        return roots;
    }

    private LedgerNode node(AllocationFact f, boolean parentPending) {
        visited.add(f.allocationId());
        List<LedgerNode> children = new ArrayList<>();
        for (AllocationFact child : childrenOf.getOrDefault(f.allocationId(), List.of())) {
            if (!visited.contains(child.allocationId())) {
                children.add(node(child, false));
            }
        }
        MovementTotals m = movements.getOrDefault(f.allocationId(), MovementTotals.NONE);
        Money budget = m.budgetOf(f.amount());
        Money distributed;
        if (f.isToOrg()) {
            // The money has reached the agency that spends it (through payments): nothing is left to pass down.
            distributed = budget;
        } else {
            distributed = children.stream().map(LedgerNode::budget).reduce(Money.ZERO, Money::plus);
        }
        LedgerNode.To to = f.isToOrg()
                ? new LedgerNode.To(null, f.toOrg(), f.toOrgName())
                : new LedgerNode.To(f.toRegion(), null, f.toRegionName());
        return new LedgerNode(f.allocationId(), f.parentAllocationId(), f.level(), f.sourceLevel(),
                new LedgerNode.From(f.fromRegion(), f.fromRegionName()), to, f.docNo(), f.issuedOn(), f.amount(),
                m.adjustments(), m.recovered(), m.carriedOver(), budget, distributed, budget.minus(distributed),
                parentPending, List.copyOf(children));
    }
}
