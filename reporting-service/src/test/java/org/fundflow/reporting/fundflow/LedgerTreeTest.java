package org.fundflow.reporting.fundflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.reporting.facts.AllocationFact;
import org.fundflow.reporting.facts.MovementTotals;
import org.junit.jupiter.api.Test;

/** The tree rules, without Spring: ordering, pending parents, movements, org leaves, cycles. */
class LedgerTreeTest {

    private static AllocationFact region(UUID id, UUID parent, String to, String amount, String issuedOn) {
        return new AllocationFact(id, "P", "program", 2022, Level.CENTRAL, "000000", "中央", to, "region " + to,
                null, null, null, Level.ofRegionCode(to), parent, parent == null ? id : parent, Money.parse(amount),
                "doc", issuedOn == null ? null : LocalDate.parse(issuedOn), "2101301", null, null);
    }

    private static AllocationFact org(UUID id, UUID parent, String amount, String issuedOn) {
        return new AllocationFact(id, "P", "program", 2022, Level.CENTRAL, "141102", "离石区", null, null, "ORG",
                "离石区医疗保障局", "141102", Level.COUNTY, parent, parent, Money.parse(amount), "doc",
                LocalDate.parse(issuedOn), "2101301", null, null);
    }

    private static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }

    @Test
    void children_are_sorted_by_issue_date_then_id_and_sum_into_distributed() {
        List<AllocationFact> facts = List.of(
                region(id(9), id(1), "140702", "100.00", "2022-05-01"),
                region(id(3), id(1), "140703", "200.00", "2022-04-01"),
                region(id(2), id(1), "140704", "300.00", "2022-04-01"),
                region(id(4), id(1), "140705", "50.00", null),
                region(id(1), null, "140700", "1000.00", "2022-03-01"));

        List<LedgerNode> roots = LedgerTree.roots(facts, Map.of(), Set.of());

        assertThat(roots).hasSize(1);
        LedgerNode root = roots.get(0);
        assertThat(root.children()).extracting(LedgerNode::allocationId).containsExactly(id(2), id(3), id(9), id(4));
        assertThat(root.distributed()).isEqualTo(Money.parse("650.00"));
        assertThat(root.undistributed()).isEqualTo(Money.parse("350.00"));
        assertThat(root.parentPending()).isFalse();
    }

    @Test
    void a_missing_parent_makes_a_pending_root_unless_it_was_issued_elsewhere() {
        UUID missing = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        List<AllocationFact> facts = List.of(
                region(id(1), missing, "140702", "100.00", "2022-05-01"),
                region(id(2), elsewhere, "140703", "100.00", "2022-05-02"));

        List<LedgerNode> roots = LedgerTree.roots(facts, Map.of(), Set.of(elsewhere));

        assertThat(roots).extracting(LedgerNode::allocationId).containsExactly(id(1), id(2));
        assertThat(roots).extracting(LedgerNode::parentPending).containsExactly(true, false);
    }

    @Test
    void movements_change_the_budget_and_an_org_allocation_has_nothing_left_to_distribute() {
        List<AllocationFact> facts = List.of(
                region(id(1), null, "141102", "1000.00", "2022-03-01"),
                org(id(2), id(1), "800.00", "2022-04-01"));
        Map<UUID, MovementTotals> movements = Map.of(
                id(1), new MovementTotals(Money.parse("-50.00"), Money.parse("10.00"), Money.parse("20.00")),
                id(2), new MovementTotals(Money.parse("25.00"), Money.parse("5.00"), Money.ZERO));

        LedgerNode root = LedgerTree.roots(facts, movements, Set.of()).get(0);
        LedgerNode leaf = root.children().get(0);

        assertThat(root.budget()).isEqualTo(Money.parse("920.00"));
        assertThat(leaf.budget()).isEqualTo(Money.parse("820.00"));
        assertThat(leaf.distributed()).isEqualTo(Money.parse("820.00"));
        assertThat(leaf.undistributed()).isEqualTo(Money.ZERO);
        assertThat(leaf.to()).isEqualTo(new LedgerNode.To(null, "ORG", "离石区医疗保障局"));
        assertThat(root.distributed()).isEqualTo(Money.parse("820.00"));
        assertThat(root.undistributed()).isEqualTo(Money.parse("100.00"));
        assertThat(FundFlowLedger.Totals.of(List.of(root)))
                .isEqualTo(new FundFlowLedger.Totals(Money.parse("1000.00"), Money.parse("920.00"),
                        Money.parse("820.00"), Money.parse("100.00")));
    }

    @Test
    void a_cycle_of_parent_ids_still_shows_every_allocation_once() {
        List<AllocationFact> facts = List.of(
                region(id(1), id(2), "140702", "100.00", "2022-05-01"),
                region(id(2), id(1), "140703", "100.00", "2022-05-02"));

        List<LedgerNode> roots = LedgerTree.roots(facts, Map.of(), Set.of());

        assertThat(roots).hasSize(1);
        assertThat(roots.get(0).allocationId()).isEqualTo(id(1));
        assertThat(roots.get(0).children()).extracting(LedgerNode::allocationId).containsExactly(id(2));
        assertThat(roots.get(0).children().get(0).children()).isEmpty();
    }
}
