package org.fundflow.budget.allocation;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.fundflow.budget.Requests;
import org.fundflow.budget.allocation.AllocationRequests.AdjustAllocation;
import org.fundflow.budget.allocation.AllocationRequests.CarryOverAllocation;
import org.fundflow.budget.allocation.AllocationRequests.IssueAllocation;
import org.fundflow.budget.allocation.AllocationRequests.RecoverAllocation;
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

/** 指标下达 and the later changes of a budget: 追加/调减, 财政收回, 结转. */
@RestController
@RequestMapping("/api/allocations")
class AllocationController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final AllocationService service;
    private final IdempotentWrites writes;
    private final JsonMapper json;

    AllocationController(AllocationService service, IdempotentWrites writes, JsonMapper json) {
        this.service = service;
        this.writes = writes;
        this.json = json;
    }

    /** What an Idempotency-Key fingerprints for a movement: the body and the allocation it applies to. */
    private record Keyed(UUID allocationId, Object body) {
    }

    @PostMapping
    ResponseEntity<Object> issue(@RequestBody IssueAllocation body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        var command = body.validate();
        return withLocation(writes.execute("allocation.issue", key, body,
                () -> IdempotentWrites.Result.created(service.issue(command))), "allocationId");
    }

    @PostMapping("/{id}/adjustments")
    ResponseEntity<Object> adjust(@PathVariable UUID id, @RequestBody AdjustAllocation body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        var command = body.validate();
        return withLocation(writes.execute("allocation.adjust", key, new Keyed(id, body),
                () -> IdempotentWrites.Result.created(service.adjust(id, command))), "allocation");
    }

    @PostMapping("/{id}/recoveries")
    ResponseEntity<Object> recover(@PathVariable UUID id, @RequestBody RecoverAllocation body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        var command = body.validate();
        return withLocation(writes.execute("allocation.recover", key, new Keyed(id, body),
                () -> IdempotentWrites.Result.created(service.recover(id, command))), "allocation");
    }

    @PostMapping("/{id}/carry-overs")
    ResponseEntity<Object> carryOver(@PathVariable UUID id, @RequestBody CarryOverAllocation body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        var command = body.validate();
        return withLocation(writes.execute("allocation.carry-over", key, new Keyed(id, body),
                () -> IdempotentWrites.Result.created(service.carryOver(id, command))), "allocation");
    }

    @GetMapping("/{id}")
    AllocationView get(@PathVariable UUID id) {
        return service.view(id);
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
        return service.search(new AllocationFilter(programCode, fiscalYear, fromRegion, toRegion, toOrg,
                Requests.optionalUuid("parentAllocationId", parentAllocationId), pageSize, skip));
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
