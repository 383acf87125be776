package org.fundflow.disbursement.payment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.fundflow.contracts.Actor;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.fundflow.disbursement.allocation.AllocationFact;
import org.fundflow.disbursement.allocation.AllocationFacts;
import org.fundflow.disbursement.allocation.Balance;
import org.fundflow.disbursement.payment.Payments.NewPayment;
import org.fundflow.disbursement.payment.Payments.VoucherKey;
import org.fundflow.disbursement.program.ProgramFacts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records payments that passed the shape checks and {@link PaymentRules}: the voucher and balance rules, which need
 * the allocations locked. One API call is a batch of one; an import batch is up to a thousand rows, checked in order
 * against balances held in memory while the allocations stay locked, then written with one INSERT for the payments
 * and one for their events. A row that fails is refused on its own; the rest of the batch proceeds.
 */
@Component
public class PaymentLedger {
    private final AllocationFacts allocations;
    private final ProgramFacts programs;
    private final Payments payments;
    private final PaymentEventLog events;
    private final Clock clock;

    PaymentLedger(AllocationFacts allocations, ProgramFacts programs, Payments payments, PaymentEventLog events,
            Clock clock) {
        this.allocations = allocations;
        this.programs = programs;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
    }

    /** A payment to record against its allocation's facts; {@code line} is the imported row's (0 for the API). */
    public record Candidate(long line, PaymentCommand command, AllocationFact fact) {
    }

    /** What became of a candidate. */
    public sealed interface Outcome {
        long line();
    }

    public record Recorded(long line, UUID paymentId, Money amount) implements Outcome {
    }

    /** The voucher was already recorded with the same content: the same payment, not recorded twice. */
    public record Duplicate(long line, UUID paymentId) implements Outcome {
    }

    public record Refused(long line, Rejection rejection) implements Outcome {
    }

    /**
     * @param importJobId the import the rows come from, or null for an API call
     * @param recordedBy  who made the change (the token's subject; an import's uploader)
     * @param actor       who made the change in full, for the events (an import's uploader; the request's actor)
     * @return one outcome per candidate, in order
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> record(List<Candidate> candidates, UUID importJobId, String recordedBy, Actor actor) {
        Set<UUID> ids = new TreeSet<>();
        Set<VoucherKey> vouchers = new LinkedHashSet<>();
        Set<ProgramFacts.Key> programKeys = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            ids.add(c.command().allocationId());
            if (c.command().voucherNo() != null) {
                vouchers.add(voucher(c.command()));
            }
            programKeys.add(new ProgramFacts.Key(c.fact().fiscalYear(), c.fact().programCode()));
        }
        allocations.lock(ids);
        Map<UUID, Balance> balances = allocations.balances(ids); // after the lock: see its javadoc
        Map<UUID, Long> available = new HashMap<>();
        balances.forEach((id, b) -> available.put(id, b.available().cents()));
        Map<VoucherKey, StoredPayment> recorded = payments.byVoucher(vouchers);
        Map<ProgramFacts.Key, String> fundTypes = programs.fundTypes(programKeys);

        Outcome[] outcomes = new Outcome[candidates.size()];
        Map<VoucherKey, PendingVoucher> inBatch = new HashMap<>();
        List<NewPayment> accepted = new ArrayList<>();
        List<Integer> acceptedIndex = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            PaymentCommand p = c.command();
            if (p.voucherNo() != null) {
                VoucherKey key = voucher(p);
                StoredPayment existing = recorded.get(key);
                PendingVoucher pending = inBatch.get(key);
                if (existing != null) {
                    outcomes[i] = sameVoucher(c, existing.paymentId(), existing.asCommand());
                    continue;
                }
                if (pending != null) {
                    outcomes[i] = sameVoucher(c, pending.paymentId(), pending.command());
                    continue;
                }
            }
            long left = available.getOrDefault(p.allocationId(), 0L);
            if (p.amount().cents() > left) {
                Balance b = balances.get(p.allocationId());
                outcomes[i] = new Refused(c.line(), Rejection.rule("amount", "amount " + p.amount()
                        + " exceeds the available balance of allocation " + p.allocationId() + ": "
                        + Money.ofCents(left) + " available (budget " + (b == null ? "?" : b.budget())
                        + ", executed " + (b == null ? "?" : Money.ofCents(b.budget().cents() - left)) + ")"));
                continue;
            }
            available.put(p.allocationId(), left - p.amount().cents());
            UUID paymentId = UUID.randomUUID();
            if (p.voucherNo() != null) {
                inBatch.put(voucher(p), new PendingVoucher(paymentId, p));
            }
            AllocationFact f = c.fact();
            accepted.add(new NewPayment(paymentId, p, f.orgRegion(), f.programCode(), f.fiscalYear(),
                    fundTypes.get(new ProgramFacts.Key(f.fiscalYear(), f.programCode())),
                    importJobId == null ? null : c.line()));
            acceptedIndex.add(i);
        }

        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Set<UUID> inserted = payments.insertAll(accepted, importJobId, recordedBy, now);
        List<Events.PaymentRecorded> recordedEvents = new ArrayList<>(inserted.size());
        List<VoucherKey> lostRaces = new ArrayList<>();
        for (int k = 0; k < accepted.size(); k++) {
            NewPayment n = accepted.get(k);
            int i = acceptedIndex.get(k);
            if (inserted.contains(n.paymentId())) {
                outcomes[i] = new Recorded(candidates.get(i).line(), n.paymentId(), n.command().amount());
                recordedEvents.add(event(n, importJobId));
            } else {
                lostRaces.add(voucher(n.command()));
            }
        }
        if (!lostRaces.isEmpty()) {
            // Another transaction recorded the same voucher of the org (from another allocation) after our lookup.
            // The money reserved for these rows simply stays unspent.
            Map<VoucherKey, StoredPayment> winners = payments.byVoucher(lostRaces);
            for (int k = 0; k < accepted.size(); k++) {
                int i = acceptedIndex.get(k);
                if (outcomes[i] == null) {
                    StoredPayment winner = winners.get(voucher(accepted.get(k).command()));
                    outcomes[i] = winner == null
                            ? new Refused(candidates.get(i).line(), Rejection.conflict("voucherNo", "voucher "
                                    + accepted.get(k).command().voucherNo() + " is being recorded by another request"))
                            : sameVoucher(candidates.get(i), winner.paymentId(), winner.asCommand());
                }
            }
        }
        events.recorded(recordedEvents, recordedBy, actor);
        return List.of(outcomes);
    }

    private record PendingVoucher(UUID paymentId, PaymentCommand command) {
    }

    private static Outcome sameVoucher(Candidate c, UUID paymentId, PaymentCommand recorded) {
        PaymentCommand p = c.command();
        if (p.sameContentAs(recorded)) {
            return new Duplicate(c.line(), paymentId);
        }
        return new Refused(c.line(), Rejection.conflict("voucherNo", "voucher " + p.voucherNo()
                + " already used for a different payment of org " + p.payerOrg() + " (payment " + paymentId + ": "
                + recorded.amount() + " paid on " + recorded.paidOn() + " from allocation " + recorded.allocationId()
                + ")"));
    }

    private static VoucherKey voucher(PaymentCommand p) {
        return new VoucherKey(p.payerOrg(), p.voucherNo());
    }

    private static Events.PaymentRecorded event(NewPayment n, UUID importJobId) {
        PaymentCommand p = n.command();
        return new Events.PaymentRecorded(n.paymentId(), p.allocationId(), p.payerOrg(), n.payerOrgRegion(),
                n.programCode(), n.fiscalYear(), n.fundType(), p.amount(), p.paidOn(), p.functionCode(),
                p.economicCode(), p.expenditureKind(), p.payee(), p.beneficiaryCount(), p.voucherNo(),
                p.procurementCategory(), importJobId);
    }
}
