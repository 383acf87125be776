package org.fundflow.disbursement.payment;

import java.util.Optional;
import org.fundflow.disbursement.allocation.AllocationFact;
import org.fundflow.disbursement.allocation.AllocationLookup;

/**
 * The rules a payment is checked against its allocation's issued facts. They need no lock (the facts never change);
 * the balance rule does and is checked by {@link PaymentLedger}.
 */
public final class PaymentRules {
    private PaymentRules() {
    }

    /**
     * @param org the org the payment is made for: the calling agency's, or the org an import belongs to; an
     *            allocation made to any other org is outside the caller's scope
     * @return the rejection, or empty when the allocation is found and the payment fits its facts
     */
    public static Optional<Rejection> check(PaymentCommand c, AllocationLookup.Resolution resolution, String org) {
        // (no pattern matching for switch at Java 17)
        if (resolution instanceof AllocationLookup.Found f) {
            return Optional.ofNullable(check(c, f.fact(), org));
        }
        if (resolution instanceof AllocationLookup.Unknown u) {
            return Optional.of(Rejection.rule("allocationId", "no allocation " + u.allocationId()
                    + " is known to budget-service"));
        }
        if (resolution instanceof AllocationLookup.Forbidden f) {
            return Optional.of(Rejection.forbidden("allocationId", "allocation " + f.allocationId()
                    + " is outside your scope (org " + org + "): " + f.reason()
                    + (f.status() == 401 ? "; sign in again and retry" : "")));
        }
        if (resolution instanceof AllocationLookup.ToRegion r) {
            return Optional.of(Rejection.rule("allocationId", "allocation " + r.allocationId()
                    + " was made to region " + r.toRegion() + (r.toRegionName() == null ? "" : " " + r.toRegionName())
                    + ", not to an org: money held by a region is passed down, payments are made from allocations "
                    + "to orgs"));
        }
        AllocationLookup.Unavailable u = (AllocationLookup.Unavailable) resolution;
        return Optional.of(Rejection.unavailable("allocationId", "cannot verify allocation " + u.allocationId()
                + " (" + u.reason() + "); retry"));
    }

    private static Rejection check(PaymentCommand c, AllocationFact fact, String org) {
        if (!fact.orgCode().equals(org)) {
            return Rejection.forbidden("allocationId", "allocationId " + fact.allocationId()
                    + " is outside your scope (org " + org + "): it was made to org " + fact.orgCode());
        }
        if (!fact.orgCode().equals(c.payerOrg())) {
            return Rejection.rule("payerOrg", "allocation " + fact.allocationId() + " was made to org "
                    + fact.orgCode() + (fact.orgName() == null ? "" : " " + fact.orgName()) + ", not to " + c.payerOrg()
                    + ": an org pays only from its own allocations");
        }
        if (fact.issuedOn() != null && c.paidOn().isBefore(fact.issuedOn())) {
            return Rejection.rule("paidOn", "paidOn " + c.paidOn() + " is before " + fact.issuedOn() + ", when "
                    + "allocation " + fact.allocationId() + " was issued");
        }
        return null;
    }
}
