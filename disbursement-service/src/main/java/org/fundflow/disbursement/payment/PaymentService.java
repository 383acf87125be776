package org.fundflow.disbursement.payment;

import org.fundflow.platform.web.RecordedBy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.disbursement.access.ReadScope;
import org.fundflow.disbursement.allocation.AllocationFact;
import org.fundflow.disbursement.allocation.AllocationFacts;
import org.fundflow.disbursement.allocation.Balance;
import org.fundflow.disbursement.payment.PaymentView.PaymentPage;
import org.fundflow.disbursement.payment.PaymentView.PaymentRemainder;
import org.fundflow.disbursement.payment.PaymentView.ReversalResult;
import org.fundflow.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

/**
 * Payments and reversals one at a time (the API). Writes run inside the Idempotency-Key transaction of
 * {@link org.fundflow.platform.web.IdempotentWrites}: a refusal is thrown as an {@link ApiProblem}, which rolls back
 * the rows and their outbox events together.
 */
@Service
class PaymentService {
    private final PaymentLedger ledger;
    private final Payments payments;
    private final AllocationFacts allocations;
    private final PaymentEventLog events;
    private final Clock clock;

    PaymentService(PaymentLedger ledger, Payments payments, AllocationFacts allocations, PaymentEventLog events,
            Clock clock) {
        this.ledger = ledger;
        this.payments = payments;
        this.allocations = allocations;
        this.events = events;
        this.clock = clock;
    }

    /** Records a payment whose allocation facts were already checked by {@link PaymentRules}. */
    PaymentView record(PaymentCommand c, AllocationFact fact) {
        PaymentLedger.Outcome outcome = ledger.record(List.of(new PaymentLedger.Candidate(0, c, fact)), null,
                RecordedBy.current(), RecordedBy.actor()).get(0);
        if (outcome instanceof PaymentLedger.Refused refused) {
            throw refused.rejection().toProblem();
        }
        if (outcome instanceof PaymentLedger.Duplicate duplicate) {
            throw ApiProblem.conflict("voucherNo", "voucher " + c.voucherNo() + " of org " + c.payerOrg()
                    + " is already recorded, with the same content, as payment " + duplicate.paymentId()
                    + "; to retry a request, send it again with its original Idempotency-Key");
        }
        return view(((PaymentLedger.Recorded) outcome).paymentId());
    }

    /**
     * 冲销: undoes part or all of a payment. The allocation is locked first, so concurrent reversals of one payment
     * cannot together undo more than was paid.
     */
    ReversalResult reverse(UUID paymentId, ReversePayment.Reversal c) {
        StoredPayment unlocked = payments.find(paymentId).orElseThrow(() -> notFound(paymentId));
        allocations.lock(List.of(unlocked.allocationId()));
        StoredPayment p = payments.find(paymentId).orElseThrow(); // its reversed sum, now that no one else writes
        if (c.reversedOn().isBefore(p.paidOn())) {
            throw ApiProblem.rule("reversedOn", "reversedOn " + c.reversedOn() + " is before " + p.paidOn()
                    + ", when payment " + paymentId + " was made");
        }
        if (c.amount().compareTo(p.net()) > 0) {
            throw ApiProblem.rule("amount", "amount " + c.amount() + " exceeds what is left of payment " + paymentId
                    + ": " + p.net() + " (paid " + p.amount() + ", already reversed " + p.reversed() + ")");
        }
        UUID reversalId = UUID.randomUUID();
        String recordedBy = RecordedBy.current();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        payments.insertReversal(reversalId, p, c.amount(), c.reversedOn(), c.reason(), recordedBy, now);
        events.reversed(new Events.PaymentReversed(reversalId, paymentId, p.allocationId(), p.payerOrg(), c.amount(),
                c.reversedOn(), c.reason()), recordedBy);
        var reversedNow = p.reversed().plus(c.amount());
        return new ReversalResult(reversalId, paymentId, p.allocationId(), p.payerOrg(), c.amount(), c.reversedOn(),
                c.reason(), recordedBy, now, new PaymentRemainder(paymentId, p.amount(), reversedNow,
                        p.amount().minus(reversedNow)), allocations.balance(p.allocationId()).orElseThrow());
    }

    /** The payment as recorded (its payer org and region say who may see or reverse it), or 404. */
    StoredPayment find(UUID paymentId) {
        return payments.find(paymentId).orElseThrow(() -> notFound(paymentId));
    }

    PaymentView view(UUID paymentId) {
        StoredPayment p = payments.find(paymentId).orElseThrow(() -> notFound(paymentId));
        List<ReversalView> reversals = payments.reversals(List.of(paymentId)).getOrDefault(paymentId, List.of());
        Balance balance = allocations.balance(p.allocationId()).orElse(null);
        return PaymentView.of(p, reversals, balance);
    }

    PaymentPage search(UUID allocationId, String org, LocalDate from, LocalDate to, int limit, int offset,
            ReadScope scope) {
        List<StoredPayment> page = payments.search(allocationId, org, from, to, limit, offset, scope);
        Map<UUID, List<ReversalView>> reversals = payments.reversals(page.stream().map(StoredPayment::paymentId)
                .toList());
        return new PaymentPage(allocationId, org, from, to, limit, offset, page.stream()
                .map(p -> PaymentView.of(p, reversals.getOrDefault(p.paymentId(), List.of()), null)).toList());
    }

    private static ApiProblem notFound(UUID paymentId) {
        return ApiProblem.notFound("paymentId", "no payment " + paymentId);
    }
}
