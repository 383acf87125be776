package org.fundflow.budget.allocation;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.fundflow.budget.Requests;
import org.fundflow.budget.allocation.AllocationRequests.AdjustAllocation;
import org.fundflow.budget.allocation.AllocationRequests.CarryOverAllocation;
import org.fundflow.budget.allocation.AllocationRequests.IssueAllocation;
import org.fundflow.budget.allocation.AllocationRequests.RecoverAllocation;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.IdempotentWrites;
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
 * 指标下达 and the later changes of a budget: 追加/调减, 财政收回, 结转. Only the finance bureau of exactly the
 * allocation's fromRegion writes it (a province cannot issue in a city's name, nor a county in a province's); reads
 * are for whoever the allocation touches: region-scoped callers over its fromRegion, toRegion or the recipient org's
 * region, and the recipient org's agency. Every check is made before the Idempotency-Key is recorded.
 */
@RestController
@RequestMapping("/api/allocations")
class AllocationController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final AllocationService service;
    private final IdempotentWrites writes;
    private final JsonMapper json;
    private final Access access;

    AllocationController(AllocationService service, IdempotentWrites writes, JsonMapper json, Access access) {
        this.service = service;
        this.writes = writes;
        this.json = json;
        this.access = access;
    }

    /** What an Idempotency-Key fingerprints for a movement: the body and the allocation it applies to. */
    private record Keyed(UUID allocationId, Object body) {
    }

    @PostMapping
    ResponseEntity<Object> issue(@RequestBody IssueAllocation body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        access.requireRole(Role.FINANCE_BUREAU);
        var command = body.validate();
        access.requireFinanceBureauOf("fromRegion", command.fromRegion());
        return withLocation(writes.execute("allocation.issue", key, body,
                () -> IdempotentWrites.Result.created(service.issue(command))), "allocationId");
    }

    @PostMapping("/{id}/adjustments")
    ResponseEntity<Object> adjust(@PathVariable UUID id, @RequestBody AdjustAllocation body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        var command = authorizedMovement(id, body::validate);
        return movement("allocation.adjust", id, body, key, () -> service.adjust(id, command));
    }

    @PostMapping("/{id}/recoveries")
    ResponseEntity<Object> recover(@PathVariable UUID id, @RequestBody RecoverAllocation body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        var command = authorizedMovement(id, body::validate);
        return movement("allocation.recover", id, body, key, () -> service.recover(id, command));
    }

    @PostMapping("/{id}/carry-overs")
    ResponseEntity<Object> carryOver(@PathVariable UUID id, @RequestBody CarryOverAllocation body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        var command = authorizedMovement(id, body::validate);
        return movement("allocation.carry-over", id, body, key, () -> service.carryOver(id, command));
    }

    /** A movement of an existing allocation: a finance bureau (403), a valid body (400), the allocation's issuer. */
    private <C> C authorizedMovement(UUID id, Supplier<C> validate) {
        access.requireRole(Role.FINANCE_BUREAU);
        C command = validate.get();
        requireWriter(id);
        return command;
    }

    private ResponseEntity<Object> movement(String scope, UUID id, Object body, String key,
            Supplier<Object> write) {
        return withLocation(writes.execute(scope, key, new Keyed(id, body),
                () -> IdempotentWrites.Result.created(write.get())), "allocation");
    }

    @GetMapping("/{id}")
    AllocationView get(@PathVariable UUID id) {
        AllocationView view = service.view(id);
        requireReader(view);
        return view;
    }

    @GetMapping
    List<AllocationView> search(@RequestParam(required = false) String programCode,
            @RequestParam(required = false) Integer fiscalYear, @RequestParam(required = false) String fromRegion,
            @RequestParam(required = false) String toRegion, @RequestParam(required = false) String toOrg,
            @RequestParam(required = false) String parentAllocationId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        int skip = offset == null ? 0 : offset;
        if (skip < 0) {
            throw ApiProblem.invalid("offset", "offset must not be negative");
        }
        if (programCode != null) {
            Requests.code("programCode", programCode, Requests.PROGRAM_CODE, "a program code");
        }
        if (fromRegion != null) {
            Requests.regionCode("fromRegion", fromRegion);
        }
        if (toRegion != null) {
            Requests.regionCode("toRegion", toRegion);
        }
        if (toOrg != null) {
            Requests.code("toOrg", toOrg, Requests.ORG_CODE, "an org code");
        }
        UUID parent = Requests.optionalUuid("parentAllocationId", parentAllocationId);
        Caller caller = access.caller();
        Set<String> scope = null;
        if (caller.is(Role.AGENCY)) {
            // an agency sees the allocations to its own org and asks for no other
            toOrg = toOrg == null ? caller.org() : access.requireAgencyOf("toOrg", toOrg).org();
        } else {
            // a region filter outside the caller's subtree is refused; within it, rows are still cut to the subtree
            if (fromRegion != null) {
                access.regionFilter("fromRegion", fromRegion);
            }
            if (toRegion != null) {
                access.regionFilter("toRegion", toRegion);
            }
            if (!caller.region().equals(Caller.NATIONAL)) {
                scope = access.regions().subtree(caller.region());
            }
        }
        return service.search(new AllocationFilter(programCode, fiscalYear, fromRegion, toRegion, toOrg, parent,
                scope, pageSize, skip));
    }

    /** 404 for an unknown allocation, then 403 unless the caller is the finance bureau of its fromRegion. */
    private void requireWriter(UUID id) {
        access.requireFinanceBureauOf("fromRegion", service.fromRegion(id));
    }

    /**
     * Region-scoped callers read an allocation whose fromRegion, toRegion or recipient org's region lies in their
     * subtree; an agency reads the allocations to its own org (disbursement-service relays an agency's token to
     * check the allocation a payment is made from).
     */
    private void requireReader(AllocationView a) {
        if (access.canRead(a.fromRegion(), null) || access.canRead(a.toRegion(), a.toOrg())
                || access.canRead(a.toOrgRegion(), a.toOrg())) {
            return;
        }
        if (access.caller().is(Role.AGENCY)) {
            access.requireRead(a.toOrg() == null ? "toRegion" : "toOrg", a.toRegion(), a.toOrg());
        }
        access.requireRead("fromRegion", a.fromRegion(), null); // not readable: throws 403 naming the field
        throw new IllegalStateException("requireRead let through what canRead refused");
    }

    /**
     * Adds the allocation's Location. It is read from the body, which on a replay is the stored JSON rather than
     * the view object, so both cases go through the JSON tree.
     */
    private ResponseEntity<Object> withLocation(ResponseEntity<Object> response, String idPath) {
        var tree = json.valueToTree(response.getBody());
        var node = idPath.equals("allocation") ? tree.path("allocation").path("allocationId")
                : tree.path("allocationId");
        if (node.isMissingNode() || node.isNull()) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .location(URI.create("/api/allocations/" + node.asString())).body(response.getBody());
    }
}
