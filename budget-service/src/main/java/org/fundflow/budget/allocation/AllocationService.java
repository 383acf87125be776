package org.fundflow.budget.allocation;

import org.fundflow.platform.web.RecordedBy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.budget.allocation.AllocationRequests.Adjust;
import org.fundflow.budget.allocation.AllocationRequests.CarryOver;
import org.fundflow.budget.allocation.AllocationRequests.Issue;
import org.fundflow.budget.allocation.AllocationRequests.Recover;
import org.fundflow.budget.allocation.AllocationView.MovementResult;
import org.fundflow.budget.allocation.AllocationView.MovementView;
import org.fundflow.budget.org.Org;
import org.fundflow.budget.org.Orgs;
import org.fundflow.budget.program.Program;
import org.fundflow.budget.program.Programs;
import org.fundflow.platform.region.Region;
import org.fundflow.platform.region.RegionDirectory;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.outbox.OutboxWriter;
import org.fundflow.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

/**
 * The rules of 指标下达 and of every later change of a budget. Writes run inside the Idempotency-Key transaction of
 * {@link org.fundflow.platform.web.IdempotentWrites}: a rule violation is thrown as an {@link ApiProblem}, which rolls
 * back the facts and their outbox events together.
 */
@Service
class AllocationService {
    private final Allocations allocations;
    private final Programs programs;
    private final Orgs orgs;
    private final RegionDirectory regions;
    private final OutboxWriter outbox;
    private final Clock clock;

    AllocationService(Allocations allocations, Programs programs, Orgs orgs, RegionDirectory regions,
            OutboxWriter outbox, Clock clock) {
        this.allocations = allocations;
        this.programs = programs;
        this.orgs = orgs;
        this.regions = regions;
        this.outbox = outbox;
        this.clock = clock;
    }

    AllocationView issue(Issue c) {
        Program program = programs.find(c.fiscalYear(), c.programCode()).orElseThrow(() -> ApiProblem.rule(
                "programCode", "no program " + c.programCode() + " in fiscal year " + c.fiscalYear()
                        + "; register it first with POST /api/programs"));
        Region from = region("fromRegion", c.fromRegion());
        Region toRegion = null;
        Org toOrg = null;
        Level level;
        if (c.toRegion() != null) {
            toRegion = region("toRegion", c.toRegion());
            if (!from.code().equals(toRegion.parentCode())) {
                throw ApiProblem.rule("toRegion", toRegion.code() + " " + toRegion.name() + " is not a direct child of "
                        + from.code() + " " + from.name() + ": money is passed down one level at a time");
            }
            level = toRegion.level();
        } else {
            toOrg = orgs.find(c.toOrg()).orElseThrow(() -> ApiProblem.rule("toOrg", "no org " + c.toOrg()
                    + "; register it first with PUT /api/orgs/" + c.toOrg()));
            if (!regions.isInSubtree(toOrg.regionCode(), from.code())) {
                throw ApiProblem.rule("toOrg", "org " + toOrg.orgCode() + " " + toOrg.name() + " belongs to region "
                        + toOrg.regionCode() + ", outside " + from.code() + " " + from.name()
                        + ": a region allocates only to orgs in its own subtree");
            }
            level = region("toOrg", toOrg.regionCode()).level();
        }

        UUID id = UUID.randomUUID();
        Level sourceLevel;
        UUID root;
        if (c.parentAllocationId() != null) {
            AllocationRow parent = lockedParent(c.parentAllocationId());
            if (parent.toOrg() != null) {
                throw ApiProblem.rule("parentAllocationId", "allocation " + parent.allocationId() + " went to org "
                        + parent.toOrg() + ", which spends it through payments: it cannot be passed down");
            }
            if (!parent.toRegion().equals(from.code())) {
                throw ApiProblem.rule("parentAllocationId", "allocation " + parent.allocationId() + " went to "
                        + parent.toRegion() + " " + parent.toRegionName() + ", not to fromRegion " + from.code()
                        + ": only its recipient can pass it down");
            }
            if (parent.fiscalYear() != c.fiscalYear() || !parent.programCode().equals(c.programCode())) {
                throw ApiProblem.rule("programCode", "allocation " + parent.allocationId() + " is of program "
                        + parent.programCode() + " " + parent.fiscalYear() + "; passing it down keeps its program and"
                        + " fiscal year");
            }
            if (c.sourceLevel() != null && c.sourceLevel() != parent.sourceLevel()) {
                throw ApiProblem.rule("sourceLevel", "the money of allocation " + parent.allocationId() + " is "
                        + parent.sourceLevel() + " money (资金来源); passing it down does not change whose it is");
            }
            if (c.issuedOn().isBefore(parent.issuedOn())) {
                throw ApiProblem.rule("issuedOn", "issuedOn " + c.issuedOn() + " is before " + parent.issuedOn()
                        + ", when allocation " + parent.allocationId() + " was issued");
            }
            if (c.amount().cents() > parent.undistributedCents()) {
                throw ApiProblem.rule("amount", "amount " + c.amount() + " exceeds what is left of allocation "
                        + parent.allocationId() + ": " + Money.ofCents(parent.undistributedCents()) + " left");
            }
            sourceLevel = parent.sourceLevel();
            root = parent.rootAllocationId();
        } else {
            if (c.sourceLevel() != null && c.sourceLevel() != from.level()) {
                throw ApiProblem.rule("sourceLevel", "an allocation without parentAllocationId originates "
                        + from.code() + " " + from.name() + "'s own money, so its sourceLevel is " + from.level()
                        + "; to pass down " + c.sourceLevel() + " money, name the allocation it came with");
            }
            sourceLevel = from.level();
            root = id;
        }

        String recordedBy = RecordedBy.current();
        String toOrgRegion = toOrg == null ? null : toOrg.regionCode();
        AllocationRow row = new AllocationRow(id, c.fiscalYear(), program.code(), program.name(), sourceLevel, level,
                from.code(), from.name(), toRegion == null ? null : toRegion.code(),
                toRegion == null ? null : toRegion.name(), toOrg == null ? null : toOrg.orgCode(),
                toOrg == null ? null : toOrg.name(), toOrgRegion, c.parentAllocationId(), root, c.amount().cents(),
                c.docNo(), c.issuedOn(), c.functionCode(), c.economicCode(), c.note(), recordedBy, null, 0, 0, 0);
        allocations.insert(row);
        outbox.append(Topics.ALLOCATION_AGGREGATE, id.toString(), Events.ALLOCATION_ISSUED, recordedBy,
                new Events.AllocationIssued(id, row.programCode(), row.programName(), row.fiscalYear(), sourceLevel,
                        row.fromRegion(), row.fromRegionName(), row.toRegion(), row.toRegionName(), row.toOrg(),
                        row.toOrgName(), toOrgRegion, level, row.parentAllocationId(), root, c.amount(), c.docNo(),
                        c.issuedOn(), c.functionCode(), c.economicCode(), c.note()));
        return view(id);
    }

    /**
     * 追加/调减. A reduction keeps the budget at or above what was already passed down and paid; an increase of a
     * child is taken from its parent, so it must fit in what is left there.
     */
    MovementResult adjust(UUID id, Adjust c) {
        AllocationRow a = lockedWithParent(id);
        notBeforeIssue("effectiveOn", c.effectiveOn(), a);
        long budgetAfter = Math.addExact(a.budgetCents(), c.delta().cents());
        if (c.delta().isNegative()) {
            if (-c.delta().cents() > a.unspentCents()) {
                throw ApiProblem.rule("delta", "delta " + c.delta() + " would leave a budget of "
                        + Money.ofCents(budgetAfter) + ", below what allocation " + id
                        + " has already passed down and paid: at most " + unspent(a) + " can be reduced");
            }
        } else if (a.parentAllocationId() != null) {
            AllocationRow parent = allocations.find(a.parentAllocationId()).orElseThrow();
            if (c.delta().cents() > parent.undistributedCents()) {
                throw ApiProblem.rule("delta", "delta " + c.delta() + " exceeds what is left of parent allocation "
                        + parent.allocationId() + ": " + Money.ofCents(parent.undistributedCents()) + " left");
            }
        }
        Movement m = record(a, Movement.Kind.ADJUSTMENT, c.delta().cents(), c.effectiveOn(), c.docNo(), c.reason(),
                null);
        outbox.append(Topics.ALLOCATION_AGGREGATE, id.toString(), Events.ALLOCATION_ADJUSTED, m.recordedBy(),
                new Events.AllocationAdjusted(id, c.delta(), c.docNo(), c.effectiveOn(), c.reason()));
        return new MovementResult(MovementView.of(m), view(id));
    }

    /**
     * 财政收回 of unspent money: the budget less what was passed down and what the payer org has paid (as far as its
     * payment events have arrived; see README).
     */
    MovementResult recover(UUID id, Recover c) {
        AllocationRow a = locked(id);
        notBeforeIssue("recoveredOn", c.recoveredOn(), a);
        requireUnspent(a, c.amount(), "recovered");
        Movement m = record(a, Movement.Kind.RECOVERY, -c.amount().cents(), c.recoveredOn(), null, c.reason(), null);
        outbox.append(Topics.ALLOCATION_AGGREGATE, id.toString(), Events.ALLOCATION_RECOVERED, m.recordedBy(),
                new Events.AllocationRecovered(id, c.amount(), c.recoveredOn(), c.reason()));
        return new MovementResult(MovementView.of(m), view(id));
    }

    /** 结转 of unspent money to a later fiscal year, for the same purpose. */
    MovementResult carryOver(UUID id, CarryOver c) {
        AllocationRow a = locked(id);
        if (c.toFiscalYear() <= a.fiscalYear()) {
            throw ApiProblem.rule("toFiscalYear", "toFiscalYear " + c.toFiscalYear() + " must be after the "
                    + "allocation's fiscal year " + a.fiscalYear() + ": money is carried over into a later year");
        }
        notBeforeIssue("carriedOn", c.carriedOn(), a);
        requireUnspent(a, c.amount(), "carried over");
        Movement m = record(a, Movement.Kind.CARRY_OVER, -c.amount().cents(), c.carriedOn(), null, null,
                c.toFiscalYear());
        outbox.append(Topics.ALLOCATION_AGGREGATE, id.toString(), Events.ALLOCATION_CARRIED_OVER, m.recordedBy(),
                new Events.AllocationCarriedOver(id, c.amount(), c.toFiscalYear(), c.carriedOn()));
        return new MovementResult(MovementView.of(m), view(id));
    }

    AllocationView view(UUID id) {
        AllocationRow a = allocations.find(id).orElseThrow(() -> notFound(id));
        return views(List.of(a)).get(0);
    }

    /** The fromRegion of an allocation (it never changes), or 404. */
    String fromRegion(UUID id) {
        return allocations.fromRegion(id).orElseThrow(() -> notFound(id));
    }

    List<AllocationView> search(AllocationFilter filter) {
        return views(allocations.search(filter));
    }

    private List<AllocationView> views(List<AllocationRow> rows) {
        List<UUID> ids = rows.stream().map(AllocationRow::allocationId).toList();
        Map<UUID, List<Movement>> movements = allocations.movements(ids);
        Map<UUID, List<UUID>> children = allocations.childIds(ids);
        return rows.stream().map(a -> AllocationView.of(a, movements.getOrDefault(a.allocationId(), List.of()),
                children.getOrDefault(a.allocationId(), List.of()))).toList();
    }

    private Movement record(AllocationRow a, Movement.Kind kind, long effect, java.time.LocalDate on, String docNo,
            String reason, Integer toFiscalYear) {
        Movement m = new Movement(UUID.randomUUID(), a.allocationId(), kind, effect, on, docNo, reason, toFiscalYear,
                RecordedBy.current(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        allocations.insert(m);
        return m;
    }

    /**
     * Money already paid cannot be taken back. {@code a} was read under its row lock, so its figures include every
     * committed movement, child and counted payment.
     */
    private void requireUnspent(AllocationRow a, Money amount, String what) {
        if (amount.cents() > a.unspentCents()) {
            throw ApiProblem.rule("amount", "amount " + amount + " exceeds the unspent balance of allocation "
                    + a.allocationId() + ": " + unspent(a) + " can be " + what);
        }
    }

    /** E.g. "600.00 unspent (budget 1000.00, passed down 0.00, paid 400.00)". */
    private static String unspent(AllocationRow a) {
        return Money.ofCents(a.unspentCents()) + " unspent (budget " + Money.ofCents(a.budgetCents())
                + ", passed down " + Money.ofCents(a.distributedCents()) + ", paid "
                + Money.ofCents(a.executedCents()) + ")";
    }

    private static void notBeforeIssue(String field, java.time.LocalDate date, AllocationRow a) {
        if (date.isBefore(a.issuedOn())) {
            throw ApiProblem.rule(field, field + " " + date + " is before " + a.issuedOn() + ", when allocation "
                    + a.allocationId() + " was issued");
        }
    }

    private Region region(String field, String code) {
        return regions.find(code).orElseThrow(() -> ApiProblem.rule(field, "no region " + code
                + " in the GB/T 2260 reference data"));
    }

    private AllocationRow lockedParent(UUID parentId) {
        if (!allocations.lock(parentId)) {
            throw ApiProblem.rule("parentAllocationId", "no allocation " + parentId + " to pass down from");
        }
        return allocations.find(parentId).orElseThrow();
    }

    /** Locks the allocation and reads it afresh, so its derived figures include every committed change. */
    private AllocationRow locked(UUID id) {
        if (!allocations.lock(id)) {
            throw notFound(id);
        }
        return allocations.find(id).orElseThrow();
    }

    /** Locks the parent (if any) before the allocation itself: the one lock order that cannot deadlock. */
    private AllocationRow lockedWithParent(UUID id) {
        AllocationRow unlocked = allocations.find(id).orElseThrow(() -> notFound(id));
        if (unlocked.parentAllocationId() != null) {
            allocations.lock(unlocked.parentAllocationId());
        }
        return locked(id);
    }

    private static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("allocationId", "no allocation " + id);
    }
}
