package org.fundflow.evaluation.facts;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.fundflow.platform.consumer.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes the facts, always inside the consuming transaction of {@code IdempotentConsumer}, so a fact and its
 * processed-event marker commit together. Facts are only inserted, never updated: figures are derived from them.
 */
@Repository
class FactStore {
    private static final Logger log = LoggerFactory.getLogger(FactStore.class);

    private final JdbcTemplate jdbc;

    FactStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void issued(IncomingEvent event, Events.AllocationIssued a) {
        require(a.allocationId() != null, event, "allocationId");
        require(a.programCode() != null, event, "programCode");
        require(a.sourceLevel() != null, event, "sourceLevel");
        require(a.fromRegion() != null, event, "fromRegion");
        require(a.level() != null, event, "level");
        require(a.amount() != null, event, "amount");
        require(a.issuedOn() != null, event, "issuedOn");
        require((a.toRegion() == null) != (a.toOrg() == null), event, "exactly one of toRegion and toOrg");
        int inserted = jdbc.update("""
                INSERT INTO allocation_fact (allocation_id, program_code, program_name, fiscal_year, source_level,
                    from_region, from_region_name, to_region, to_region_name, to_org, to_org_name, to_org_region,
                    level, parent_allocation_id, root_allocation_id, amount_cents, doc_no, issued_on, function_code,
                    economic_code, note, event_id, occurred_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (allocation_id) DO NOTHING""",
                a.allocationId(), a.programCode(), a.programName(), a.fiscalYear(), a.sourceLevel().name(),
                a.fromRegion(), a.fromRegionName(), a.toRegion(), a.toRegionName(), a.toOrg(), a.toOrgName(),
                a.toOrgRegion(), a.level().name(), a.parentAllocationId(), a.rootAllocationId(), a.amount().cents(),
                a.docNo(), date(a.issuedOn()), a.functionCode(), a.economicCode(), a.note(), event.eventId(),
                timestamp(event), event.recordedBy());
        if (inserted == 0) {
            // An allocation is issued once; a second AllocationIssued under another event id is a producer bug.
            log.warn("allocation {} issued again by event {}; keeping the first issue", a.allocationId(),
                    event.eventId());
        }
    }

    void adjusted(IncomingEvent event, Events.AllocationAdjusted a) {
        require(a.allocationId() != null, event, "allocationId");
        require(a.delta() != null, event, "delta");
        require(a.effectiveOn() != null, event, "effectiveOn");
        movement(event, a.allocationId(), "ADJUSTMENT", a.delta(), a.effectiveOn(), a.docNo(), a.reason(), null);
    }

    void recovered(IncomingEvent event, Events.AllocationRecovered r) {
        require(r.allocationId() != null, event, "allocationId");
        require(r.amount() != null, event, "amount");
        require(r.recoveredOn() != null, event, "recoveredOn");
        movement(event, r.allocationId(), "RECOVERY", r.amount().negate(), r.recoveredOn(), null, r.reason(), null);
    }

    void carriedOver(IncomingEvent event, Events.AllocationCarriedOver c) {
        require(c.allocationId() != null, event, "allocationId");
        require(c.amount() != null, event, "amount");
        require(c.carriedOn() != null, event, "carriedOn");
        // The money stays with its purpose but leaves this fiscal year's budget.
        movement(event, c.allocationId(), "CARRY_OVER", c.amount().negate(), c.carriedOn(), null,
                "结转至" + c.toFiscalYear() + "年 / carried over to " + c.toFiscalYear(), c.toFiscalYear());
    }

    void program(IncomingEvent event, Events.ProgramRegistered p) {
        require(p.code() != null && p.name() != null, event, "code and name");
        jdbc.update("""
                INSERT INTO program_ref (code, fiscal_year, name, function_code, fund_type, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (code, fiscal_year) DO UPDATE SET name = excluded.name,
                    function_code = excluded.function_code, fund_type = excluded.fund_type,
                    occurred_at = excluded.occurred_at
                WHERE program_ref.occurred_at IS NULL OR excluded.occurred_at >= program_ref.occurred_at""",
                p.code(), p.fiscalYear(), p.name(), p.functionCode(), p.fundType(), timestamp(event));
    }

    void org(IncomingEvent event, Events.OrgRegistered o) {
        require(o.orgCode() != null && o.name() != null, event, "orgCode and name");
        // Last writer by occurrence wins, so a late redelivery of an old name never overwrites a rename.
        jdbc.update("""
                INSERT INTO org_ref (org_code, name, region_code, region_name, occurred_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (org_code) DO UPDATE SET name = excluded.name, region_code = excluded.region_code,
                    region_name = excluded.region_name, occurred_at = excluded.occurred_at
                WHERE org_ref.occurred_at IS NULL OR excluded.occurred_at >= org_ref.occurred_at""",
                o.orgCode(), o.name(), o.regionCode(), o.regionName(), timestamp(event));
    }

    private void movement(IncomingEvent event, java.util.UUID allocationId, String kind, Money effect,
            LocalDate effectiveOn, String docNo, String reason, Integer toFiscalYear) {
        jdbc.update("""
                INSERT INTO allocation_movement (event_id, allocation_id, kind, budget_effect_cents, effective_on,
                    doc_no, reason, to_fiscal_year, occurred_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""",
                event.eventId(), allocationId, kind, effect.cents(), date(effectiveOn), docNo, reason, toFiscalYear,
                timestamp(event), event.recordedBy());
    }

    private static void require(boolean ok, IncomingEvent event, String what) {
        if (!ok) {
            throw new IllegalArgumentException(event.type() + " event " + event.eventId() + " lacks " + what);
        }
    }

    private static Date date(LocalDate d) {
        return Date.valueOf(d);
    }

    private static Timestamp timestamp(IncomingEvent event) {
        return event.occurredAt() == null ? null : Timestamp.from(event.occurredAt());
    }
}
