package org.fundflow.testsupport;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;

/** A small builder for AllocationIssued payloads: the record has 21 components. */
public final class AllocationIssuedBuilder {
    private final UUID allocationId = UUID.randomUUID();
    private final String programCode;
    private final String programName;
    private final int fiscalYear;
    private Level sourceLevel = Level.CENTRAL;
    private String fromRegion;
    private String fromRegionName;
    private String toRegion;
    private String toRegionName;
    private String toOrg;
    private String toOrgName;
    private String toOrgRegion;
    private UUID parentAllocationId;
    private UUID rootAllocationId;
    private String amount;
    private String docNo;
    private String issuedOn;
    private String functionCode = "2101301";
    private String economicCode;
    private String note;

    private AllocationIssuedBuilder(String programCode, String programName, int fiscalYear) {
        this.programCode = programCode;
        this.programName = programName;
        this.fiscalYear = fiscalYear;
    }

    public AllocationIssuedBuilder source(Level level) {
        this.sourceLevel = level;
        return this;
    }

    public AllocationIssuedBuilder from(String regionCode, String name) {
        this.fromRegion = regionCode;
        this.fromRegionName = name;
        return this;
    }

    public AllocationIssuedBuilder toRegion(String regionCode, String name) {
        this.toRegion = regionCode;
        this.toRegionName = name;
        return this;
    }

    public AllocationIssuedBuilder toOrg(String orgCode, String name, String regionCode) {
        this.toOrg = orgCode;
        this.toOrgName = name;
        this.toOrgRegion = regionCode;
        return this;
    }

    /** Passes down part of {@code parent}: same chain, same root. */
    public AllocationIssuedBuilder under(Events.AllocationIssued parent) {
        this.parentAllocationId = parent.allocationId();
        this.rootAllocationId = parent.rootAllocationId();
        return this;
    }

    public AllocationIssuedBuilder amount(String yuan) {
        this.amount = yuan;
        return this;
    }

    public AllocationIssuedBuilder doc(String docNo, String issuedOn) {
        this.docNo = docNo;
        this.issuedOn = issuedOn;
        return this;
    }

    public AllocationIssuedBuilder function(String code) {
        this.functionCode = code;
        return this;
    }

    public AllocationIssuedBuilder economic(String code) {
        this.economicCode = code;
        return this;
    }

    public AllocationIssuedBuilder note(String note) {
        this.note = note;
        return this;
    }

    public Events.AllocationIssued build() {
        Level level = Level.ofRegionCode(toOrg != null ? toOrgRegion : toRegion);
        return new Events.AllocationIssued(allocationId, programCode, programName, fiscalYear, sourceLevel,
                fromRegion, fromRegionName, toRegion, toRegionName, toOrg, toOrgName, toOrgRegion, level,
                parentAllocationId, rootAllocationId == null ? allocationId : rootAllocationId,
                Money.parse(amount), docNo, LocalDate.parse(issuedOn), functionCode, economicCode, note);
    }

    /** Starts an allocation of a program and year; the rest is set by the chained calls. */
    public static AllocationIssuedBuilder issue(String programCode, String programName, int fiscalYear) {
        return new AllocationIssuedBuilder(programCode, programName, fiscalYear);
    }
}
