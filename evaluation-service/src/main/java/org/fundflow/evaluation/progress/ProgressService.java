package org.fundflow.evaluation.progress;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import org.fundflow.evaluation.EvaluationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Answers progress and alert queries from the facts, as of a date. */
@Service
class ProgressService {
    private final FactReader reader;
    private final ProgressCalculator calculator;
    private final AlertRules alertRules;
    private final Rollup rollup;
    private final EvaluationProperties props;

    ProgressService(FactReader reader, EvaluationProperties props) {
        this.reader = reader;
        this.props = props;
        this.calculator = new ProgressCalculator(props.lagMargin());
        this.alertRules = new AlertRules(props.passDownDays(), props.lagMargin());
        this.rollup = new Rollup(calculator);
    }

    @Transactional(readOnly = true)
    ExecutionReport execution(ProgressQuery query) {
        List<AllocationProgress> shown = visible(query);
        List<ExecutionRow> rows = shown.stream().map(ExecutionRow::of).toList();
        return new ExecutionReport(query.asOf(), Rates.fraction(props.lagMargin()), rows, totals(shown));
    }

    @Transactional(readOnly = true)
    AlertReport alerts(ProgressQuery query) {
        return new AlertReport(query.asOf(), props.passDownDays(), Rates.fraction(props.lagMargin()),
                alertRules.evaluate(visible(query), query.asOf()));
    }

    @Transactional(readOnly = true)
    RollupReport rollup(ProgressQuery query, Rollup.Spec spec) {
        return rollup.compute(visible(query), spec, query, props.lagMargin(), reader::regionNames);
    }

    /** Figures over the whole loaded tree, then only the selected allocations whose recipient is in the region. */
    private List<AllocationProgress> visible(ProgressQuery query) {
        return calculator.compute(reader.load(query), query.asOf()).stream()
                .filter(p -> query.selects(p.fact()))
                .filter(p -> query.region().contains(p.fact().recipientRegion()))
                .toList();
    }

    private static ExecutionReport.Totals totals(List<AllocationProgress> shown) {
        Set<UUID> listed = new HashSet<>();
        shown.forEach(p -> listed.add(p.fact().allocationId()));
        Money budget = Money.ZERO;
        Money distributed = Money.ZERO;
        Money undistributed = Money.ZERO;
        Money executed = Money.ZERO;
        int top = 0;
        for (AllocationProgress p : shown) {
            UUID parent = p.fact().parentAllocationId();
            if (parent != null && listed.contains(parent)) {
                continue;
            }
            top++;
            budget = budget.plus(p.budget());
            distributed = distributed.plus(p.distributed());
            undistributed = undistributed.plus(p.undistributed());
            executed = executed.plus(p.executedInSubtree());
        }
        var rate = executed.ratioTo(budget);
        return new ExecutionReport.Totals(top, budget, distributed, undistributed, executed, Rates.fraction(rate),
                Rates.percent(rate), "sums of the top rows only (rows whose parent is not listed), so money passed "
                        + "down is not counted twice / 仅合计顶层指标，避免逐级重复计算");
    }
}
