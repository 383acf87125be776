package org.fundflow.disbursement.payment;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.fundflow.disbursement.access.Scopes;
import org.fundflow.disbursement.allocation.AllocationFacts;
import org.fundflow.disbursement.allocation.AllocationLookup;
import org.fundflow.disbursement.allocation.AllocationLookup.Found;
import org.fundflow.disbursement.payment.PaymentView.PaymentPage;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.IdempotentWrites;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * 支付 and 冲销: agencies record what they paid from the allocations they received. Only the agency of the org an
 * allocation was made to pays from it and reverses its payments; the org's agency and the finance bureaus and
 * supervisors over the org's region read them. Every scope check comes before anything is written, the
 * Idempotency-Key included.
 */
@RestController
@RequestMapping("/api/payments")
class PaymentController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final PaymentService service;
    private final AllocationLookup lookup;
    private final AllocationFacts facts;
    private final IdempotentWrites writes;
    private final Access access;
    private final Scopes scopes;
    private final JsonMapper json;

    PaymentController(PaymentService service, AllocationLookup lookup, AllocationFacts facts, IdempotentWrites writes,
            Access access, Scopes scopes, JsonMapper json) {
        this.service = service;
        this.lookup = lookup;
        this.facts = facts;
        this.writes = writes;
        this.access = access;
        this.scopes = scopes;
        this.json = json;
    }

    /** What an Idempotency-Key fingerprints for a reversal: the body and the payment it applies to. */
    private record Keyed(UUID paymentId, Object body) {
    }

    /**
     * Role (403), shape (400), the payer org in the caller's scope (403), then the allocation's facts (its org in the
     * caller's scope: 403; the rules: 422; 503 when budget-service must be asked and cannot be), then, with the
     * allocation locked, the voucher (409) and the balance (422). The allocation is looked up (and possibly read
     * through from budget-service, with the caller's token) before the write's transaction, which therefore never
     * waits on the network.
     */
    @PostMapping
    ResponseEntity<Object> record(@RequestBody RecordPayment body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Caller caller = access.requireRole(Role.AGENCY);
        PaymentCommand command = body.validate();
        requireKey(key);
        access.requireAgencyOf("payerOrg", command.payerOrg());
        AllocationLookup.Resolution resolution = lookup.resolve(command.allocationId(), authorization);
        if (resolution instanceof Found found) {
            access.requireAgencyOf("allocationId", found.fact().orgCode());
        }
        PaymentRules.check(command, resolution, caller.org()).ifPresent(r -> {
            throw r.toProblem();
        });
        var fact = ((Found) resolution).fact();
        return withLocation(writes.execute("payment.record", key, body,
                () -> IdempotentWrites.Result.created(service.record(command, fact))), "");
    }

    /** Only the agency of the payment's payer org reverses it (403 before anything is written). */
    @PostMapping("/{paymentId}/reversals")
    ResponseEntity<Object> reverse(@PathVariable UUID paymentId, @RequestBody ReversePayment body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        access.requireRole(Role.AGENCY);
        var command = body.validate();
        access.requireAgencyOf("paymentId", service.find(paymentId).payerOrg());
        return withLocation(writes.execute("payment.reverse", key, new Keyed(paymentId, body),
                () -> IdempotentWrites.Result.created(service.reverse(paymentId, command))), "payment");
    }

    @GetMapping("/{paymentId}")
    PaymentView get(@PathVariable UUID paymentId) {
        PaymentView view = service.view(paymentId);
        scopes.requireRead("paymentId", view.payerOrgRegion(), view.payerOrg());
        return view;
    }

    /**
     * Payments of an allocation and/or an org, by payment date (from/to inclusive), oldest first. A filter naming an
     * allocation or an org outside the caller's scope is a 403 naming it; the page itself only ever holds payments
     * the caller may read.
     */
    @GetMapping
    PaymentPage search(@RequestParam(required = false) UUID allocationId, @RequestParam(required = false) String org,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        if (allocationId == null && (org == null || org.isBlank())) {
            throw ApiProblem.invalid("allocationId", "query parameter allocationId or org is required");
        }
        String orgCode = org == null || org.isBlank() ? null
                : Fields.code("org", org, Fields.ORG_CODE, "an org code");
        LocalDate fromDate = from == null ? null : Fields.date("from", from);
        LocalDate toDate = to == null ? null : Fields.date("to", to);
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        int skip = offset == null ? 0 : offset;
        if (skip < 0) {
            throw ApiProblem.invalid("offset", "offset must not be negative");
        }
        if (allocationId != null) {
            facts.find(allocationId).ifPresent(f -> scopes.requireRead("allocationId", f.orgRegion(), f.orgCode()));
        }
        if (orgCode != null) {
            scopes.requireOrgRead("org", orgCode, true);
        }
        return service.search(allocationId, orgCode, fromDate, toDate, pageSize, skip, scopes.readScope());
    }

    /** The same refusal as IdempotentWrites', but before the allocation is looked up over the network. */
    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw ApiProblem.invalid(IdempotentWrites.HEADER, "header " + IdempotentWrites.HEADER + " is required on "
                    + "every write (any unique string of up to 128 letters, digits, '.', '_', ':' or '-', e.g. a "
                    + "UUID)");
        }
    }

    /** Adds the payment's Location, read from the body (which on a replay is the stored JSON). */
    private ResponseEntity<Object> withLocation(ResponseEntity<Object> response, String under) {
        var tree = json.valueToTree(response.getBody());
        var node = under.isEmpty() ? tree.path("paymentId") : tree.path(under).path("paymentId");
        if (node.isMissingNode() || node.isNull()) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .location(URI.create("/api/payments/" + node.asString())).body(response.getBody());
    }
}
