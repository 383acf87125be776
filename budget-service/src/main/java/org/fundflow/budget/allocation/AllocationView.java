package org.fundflow.budget.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;

/**
 * An allocation as the API shows it: the issued facts, the derived figures, its movements and its children.
 * {@code executed} is what the payer org has paid out of it (payments less reversals, as far as their events have
 * arrived); always 0.00 for an allocation to a region.
 */
record AllocationView(
        UUID allocationId,
        String programCode,
        String programName,
        int fiscalYear,
        Level sourceLevel,
        Level level,
        String fromRegion,
        String fromRegionName,
        String toRegion,
        String toRegionName,
        String toOrg,
        String toOrgName,
        String toOrgRegion,
        UUID parentAllocationId,
        UUID rootAllocationId,
        Money amount,
        Money budget,
        Money distributed,
        Money undistributed,
        Money executed,
        String docNo,
        LocalDate issuedOn,
        String functionCode,
        String economicCode,
        String note,
        String recordedBy,
        Instant recordedAt,
        List<MovementView> movements,
        List<UUID> childAllocationIds) {

    static AllocationView of(AllocationRow a, List<Movement> movements, List<UUID> children) {
        return new AllocationView(a.allocationId(), a.programCode(), a.programName(), a.fiscalYear(),
                a.sourceLevel(), a.level(), a.fromRegion(), a.fromRegionName(), a.toRegion(), a.toRegionName(),
                a.toOrg(), a.toOrgName(), a.toOrgRegion(), a.parentAllocationId(), a.rootAllocationId(),
                Money.ofCents(a.amountCents()), Money.ofCents(a.budgetCents()), Money.ofCents(a.distributedCents()),
                Money.ofCents(a.undistributedCents()), Money.ofCents(a.executedCents()), a.docNo(), a.issuedOn(),
                a.functionCode(), a.economicCode(), a.note(), a.recordedBy(), a.createdAt(),
                movements.stream().map(MovementView::of).toList(), List.copyOf(children));
    }

    /**
     * @param amount the figure as requested: an adjustment's signed delta, a recovered or carried-over amount
     * @param effect the signed effect on the budget
     */
    record MovementView(UUID movementId, Movement.Kind kind, Money amount, Money effect, LocalDate effectiveOn,
            String docNo, String reason, Integer toFiscalYear, String recordedBy, Instant recordedAt) {

        static MovementView of(Movement m) {
            Money effect = Money.ofCents(m.effectCents());
            return new MovementView(m.movementId(), m.kind(), m.kind() == Movement.Kind.ADJUSTMENT ? effect
                    : effect.negate(), effect, m.effectiveOn(), m.docNo(), m.reason(), m.toFiscalYear(),
                    m.recordedBy(), m.createdAt());
        }
    }

    /** Response of a movement: what was recorded and the allocation after it. */
    record MovementResult(MovementView movement, AllocationView allocation) {
    }
}
