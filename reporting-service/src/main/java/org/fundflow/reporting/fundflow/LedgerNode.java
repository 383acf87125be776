package org.fundflow.reporting.fundflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;

/**
 * One allocation in the ledger tree, with its figures derived from the facts.
 *
 * @param amount        the amount issued (下达数)
 * @param adjustments   net of every 追加/调减 (signed)
 * @param budget        amount + adjustments − recovered − carriedOver (全年预算数)
 * @param distributed   Σ budgets of the allocations passed down from this one; for an allocation to an org, the
 *                      whole budget (it has reached the body that spends it)
 * @param undistributed budget − distributed: money still held at this level
 * @param parentPending the parent id is set but its AllocationIssued has not arrived: shown as a root meanwhile, so
 *                      nothing disappears from the ledger
 */
record LedgerNode(
        UUID allocationId,
        UUID parentAllocationId,
        Level level,
        Level sourceLevel,
        From from,
        To to,
        String docNo,
        LocalDate issuedOn,
        Money amount,
        Money adjustments,
        Money recovered,
        Money carriedOver,
        Money budget,
        Money distributed,
        Money undistributed,
        boolean parentPending,
        List<LedgerNode> children) {

    record From(String regionCode, String name) {
    }

    /** A region or an org: only the recipient's code is present. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record To(String regionCode, String orgCode, String name) {
    }
}
