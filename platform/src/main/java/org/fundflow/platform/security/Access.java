package org.fundflow.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Optional;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.Role;
import org.fundflow.platform.region.RegionDirectory;
import org.fundflow.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The scope checks every controller makes before it reads or writes (defence in depth behind the gateway): who the
 * caller is, and whether a region or org lies within their scope. A refusal is a 403 problem naming the field, is
 * logged with the subject, and counted ({@code fundflow.access.denied}); as an {@link ApiProblem} thrown before or
 * inside the write's transaction it leaves nothing written and nothing published.
 *
 * <p>Scopes: a FINANCE_BUREAU or SUPERVISOR token is scoped to a region and everything below it (000000 中央 is the
 * whole country); an AGENCY token to one org.
 */
public class Access {
    private static final Logger log = LoggerFactory.getLogger(Access.class);

    private final RegionDirectory regions;
    private final MeterRegistry meters;

    public Access(RegionDirectory regions, MeterRegistry meters) {
        this.regions = regions;
        this.meters = meters;
    }

    /** The signed-in caller, if the request carried a valid token (public reads may have none). */
    public static Optional<Caller> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof CallerAuthentication ca ? Optional.of(ca.getPrincipal()) : Optional.empty();
    }

    /** The signed-in caller; 401 if there is none (only reachable on a public path). */
    public Caller caller() {
        return current().orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", null,
                "sign in: this needs a bearer token"));
    }

    /** The caller has one of these roles, or 403. */
    public Caller requireRole(Role... roles) {
        Caller caller = caller();
        if (Arrays.asList(roles).contains(caller.role())) {
            return caller;
        }
        throw deny(caller, null, "role " + caller.role() + " may not do this (needs " + describe(roles) + ")");
    }

    /** A finance bureau of exactly this region: only a region's own bureau writes its allocations. */
    public Caller requireFinanceBureauOf(String field, String region) {
        Caller caller = requireRole(Role.FINANCE_BUREAU);
        if (!caller.region().equals(region)) {
            throw deny(caller, field, field + " " + region + " is outside your scope (" + caller.scope() + ")");
        }
        return caller;
    }

    /** A finance bureau whose region subtree holds this region (e.g. registering an org of a county below it). */
    public Caller requireFinanceBureauOver(String field, String region) {
        Caller caller = requireRole(Role.FINANCE_BUREAU);
        if (!regionInScope(caller, region)) {
            throw deny(caller, field, field + " " + region + " is outside your scope (" + caller.scope() + ")");
        }
        return caller;
    }

    /** An agency of exactly this org. */
    public Caller requireAgencyOf(String field, String org) {
        Caller caller = requireRole(Role.AGENCY);
        if (!caller.org().equals(org)) {
            throw deny(caller, field, field + " " + org + " is outside your scope (" + caller.scope() + ")");
        }
        return caller;
    }

    /**
     * May the caller read something that belongs to this org in this region? Finance bureaus and supervisors: the
     * region (or the org's region) lies in their subtree; agencies: it is their org. Either argument may be null
     * when the resource has none.
     */
    public boolean canRead(String region, String org) {
        return current().map(caller -> switch (caller.role()) {
            case AGENCY -> org != null && caller.org().equals(org);
            case FINANCE_BUREAU, SUPERVISOR -> region != null && regionInScope(caller, region);
        }).orElse(false);
    }

    /** {@link #canRead} or 403 naming the field. */
    public void requireRead(String field, String region, String org) {
        Caller caller = caller();
        if (!canRead(region, org)) {
            throw deny(caller, field, field + " " + (org != null && caller.role() == Role.AGENCY ? org : region)
                    + " is outside your scope (" + caller.scope() + ")");
        }
    }

    /** A region filter for a list: must lie in a region-scoped caller's subtree; null means "your own region". */
    public String regionFilter(String field, String requested) {
        Caller caller = requireRole(Role.FINANCE_BUREAU, Role.SUPERVISOR);
        if (requested == null || requested.isBlank()) {
            return caller.region();
        }
        if (!regionInScope(caller, requested)) {
            throw deny(caller, field, field + " " + requested + " is outside your scope (" + caller.scope() + ")");
        }
        return requested;
    }

    /** True if {@code region} is the caller's region or lies below it. */
    public boolean regionInScope(Caller caller, String region) {
        return caller.region() != null && region != null
                && (caller.region().equals(Caller.NATIONAL) || regions.isInSubtree(region, caller.region()));
    }

    public RegionDirectory regions() {
        return regions;
    }

    /** A refusal the caller's own rule decided (logged and counted like every other): throw what this returns. */
    public AccessDenied deny(String field, String detail) {
        return deny(caller(), field, detail);
    }

    private AccessDenied deny(Caller caller, String field, String detail) {
        meters.counter("fundflow.access.denied", "role", caller.role().name()).increment();
        log.warn("access denied: subject={} role={} scope='{}' field={} reason='{}'", caller.subject(), caller.role(),
                caller.scope(), field, detail);
        return new AccessDenied(field, detail);
    }

    private static String describe(Role[] roles) {
        return roles.length == 1 ? roles[0].name() : String.join(" or ", Arrays.stream(roles).map(Enum::name).toList());
    }
}
