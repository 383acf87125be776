package org.fundflow.budget.org;

import org.fundflow.platform.web.RecordedBy;
import java.util.List;
import java.util.Set;
import org.fundflow.budget.Requests;
import org.fundflow.platform.region.Region;
import org.fundflow.platform.region.RegionDirectory;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Topics;
import org.fundflow.contracts.access.Role;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.outbox.OutboxWriter;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.IdempotentWrites;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 预算单位: registered or renamed with PUT; every version is kept and every change is published. A finance bureau
 * registers the orgs of its region subtree; moving an org needs a bureau over both its old and its new region.
 */
@RestController
@RequestMapping("/api/orgs")
class OrgController {
    private final Orgs orgs;
    private final RegionDirectory regions;
    private final OutboxWriter outbox;
    private final IdempotentWrites writes;
    private final Access access;

    OrgController(Orgs orgs, RegionDirectory regions, OutboxWriter outbox, IdempotentWrites writes, Access access) {
        this.orgs = orgs;
        this.regions = regions;
        this.outbox = outbox;
        this.writes = writes;
        this.access = access;
    }

    record PutOrg(String name, String regionCode) {
    }

    /** What the Idempotency-Key fingerprints: the body and the org it is for. */
    private record Keyed(String orgCode, PutOrg body) {
    }

    @PutMapping("/{orgCode}")
    ResponseEntity<Object> put(@PathVariable String orgCode, @RequestBody PutOrg body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        access.requireRole(Role.FINANCE_BUREAU);
        Requests.code("orgCode", orgCode, Requests.ORG_CODE, "an org code (1 to 32 letters, digits, '_' or '-')");
        String name = Requests.text("name", body.name(), 100);
        String regionCode = Requests.regionCode("regionCode", body.regionCode());
        Region region = regions.find(regionCode).orElseThrow(() -> ApiProblem.rule("regionCode",
                "no region " + regionCode + " in the GB/T 2260 reference data"));
        access.requireFinanceBureauOver("regionCode", regionCode);
        orgs.find(orgCode).ifPresent(this::requireOver);
        return writes.execute("org.put", key, new Keyed(orgCode, body), () -> {
            String recordedBy = RecordedBy.current();
            var previous = orgs.lockOrInsert(orgCode, name, regionCode, recordedBy);
            // again under the row lock, in case the org moved since: a refusal here rolls back the key and all
            previous.ifPresent(this::requireOver);
            String eventType;
            HttpStatus status;
            if (previous.isEmpty()) {
                eventType = Events.ORG_REGISTERED;
                status = HttpStatus.CREATED;
            } else if (previous.get().name().equals(name) && previous.get().regionCode().equals(regionCode)) {
                return IdempotentWrites.Result.ok(view(previous.get())); // nothing changed: nothing to publish
            } else {
                orgs.update(orgCode, name, regionCode, recordedBy);
                eventType = Events.ORG_UPDATED;
                status = HttpStatus.OK;
            }
            outbox.append(Topics.ORG_AGGREGATE, orgCode, eventType, recordedBy,
                    new Events.OrgRegistered(orgCode, name, regionCode, region.name()));
            return new IdempotentWrites.Result(status, view(new Org(orgCode, name, regionCode)));
        });
    }

    @GetMapping("/{orgCode}")
    OrgDetail get(@PathVariable String orgCode) {
        Requests.code("orgCode", orgCode, Requests.ORG_CODE, "an org code (1 to 32 letters, digits, '_' or '-')");
        Org org = orgs.find(orgCode).orElseThrow(() -> ApiProblem.notFound("orgCode", "no org " + orgCode));
        OrgView v = view(org);
        return new OrgDetail(v.orgCode(), v.name(), v.regionCode(), v.regionName(), v.level(), orgs.history(orgCode));
    }

    /** Orgs anywhere in the subtree of {@code region} (the region itself included); all orgs without it. */
    @GetMapping
    List<OrgView> list(@RequestParam(required = false) String region) {
        if (region == null) {
            return orgs.all().stream().map(this::view).toList();
        }
        Requests.regionCode("region", region);
        Set<String> subtree = regions.subtree(region);
        if (subtree.isEmpty()) {
            throw ApiProblem.notFound("region", "no region " + region + " in the GB/T 2260 reference data");
        }
        return orgs.inRegions(subtree).stream().map(this::view).toList();
    }

    /** The org as it is now must be in the caller's subtree too: taking an org from another region is theirs. */
    private void requireOver(Org existing) {
        access.requireFinanceBureauOver("orgCode", existing.regionCode());
    }

    private OrgView view(Org org) {
        Region region = regions.find(org.regionCode()).orElse(null);
        return new OrgView(org.orgCode(), org.name(), org.regionCode(), region == null ? null : region.name(),
                region == null ? null : region.level());
    }

    record OrgView(String orgCode, String name, String regionCode, String regionName, Level level) {
    }

    record OrgDetail(String orgCode, String name, String regionCode, String regionName, Level level,
            List<Orgs.OrgVersion> history) {
    }
}
