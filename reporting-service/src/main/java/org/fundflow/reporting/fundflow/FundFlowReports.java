package org.fundflow.reporting.fundflow;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fundflow.reporting.facts.AllocationFact;
import org.fundflow.reporting.facts.AllocationFacts;
import org.fundflow.reporting.facts.MovementTotals;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Derives ledgers from the facts. Each call reads in one repeatable-read snapshot, so facts and movements that
 * arrive meanwhile never leave a ledger half-updated.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class FundFlowReports {
    private final AllocationFacts facts;
    private final Clock clock;

    FundFlowReports(AllocationFacts facts, Clock clock) {
        this.facts = facts;
        this.clock = clock;
    }

    FundFlowLedger ledger(String programCode, int fiscalYear) {
        List<AllocationFact> allocations = facts.ofProgram(programCode, fiscalYear);
        Map<UUID, MovementTotals> movements = facts.movementTotals(fiscalYear, programCode);
        Set<UUID> parentsIssued = facts.existing(outsideParents(allocations));
        return ledger(programCode, fiscalYear, allocations, movements, parentsIssued, clock.instant());
    }

    ProgramLedgers programs(int fiscalYear) {
        Map<String, List<AllocationFact>> byProgram = facts.ofYear(fiscalYear).stream()
                .collect(Collectors.groupingBy(AllocationFact::programCode, TreeMap::new, Collectors.toList()));
        Map<UUID, MovementTotals> movements = facts.movementTotals(fiscalYear, null);
        Set<UUID> outside = new HashSet<>();
        byProgram.values().forEach(list -> outside.addAll(outsideParents(list)));
        Set<UUID> parentsIssued = facts.existing(outside);
        Instant now = clock.instant();
        List<ProgramLedgers.Program> programs = byProgram.entrySet().stream().map(e -> {
            FundFlowLedger ledger = ledger(e.getKey(), fiscalYear, e.getValue(), movements, parentsIssued, now);
            return new ProgramLedgers.Program(ledger.programCode(), ledger.programName(), fiscalYear,
                    e.getValue().size(), ledger.roots().size(), ledger.totals());
        }).toList();
        return new ProgramLedgers(fiscalYear, now, programs);
    }

    private static FundFlowLedger ledger(String programCode, int fiscalYear, List<AllocationFact> allocations,
            Map<UUID, MovementTotals> movements, Set<UUID> parentsIssued, Instant generatedAt) {
        List<LedgerNode> roots = LedgerTree.roots(allocations, movements, parentsIssued);
        String programName = allocations.stream().sorted(LedgerTree.ORDER).map(AllocationFact::programName)
                .filter(Objects::nonNull).findFirst().orElse(null);
        return new FundFlowLedger(programCode, programName, fiscalYear, generatedAt,
                FundFlowLedger.Totals.of(roots), roots);
    }

    /** Parent ids that are not part of this ledger: issued elsewhere, or not arrived yet. */
    private static Set<UUID> outsideParents(List<AllocationFact> allocations) {
        Set<UUID> ids = allocations.stream().map(AllocationFact::allocationId).collect(Collectors.toSet());
        return allocations.stream().map(AllocationFact::parentAllocationId)
                .filter(p -> p != null && !ids.contains(p)).collect(Collectors.toSet());
    }
}
