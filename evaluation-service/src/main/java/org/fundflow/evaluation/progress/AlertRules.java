package org.fundflow.evaluation.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;

/**
 * Alerts over derived figures. One alert per allocation at most: a late central transfer is reported as
 * LATE_PASS_DOWN only, so the same money is never listed twice; an org allocation that is overspent is not lagging
 * (its rate is above 100 %), so it gets NEGATIVE_BALANCE only.
 */
final class AlertRules {
    private static final Set<Level> PASSING_LEVELS = Set.of(Level.PROVINCIAL, Level.CITY);
    private static final Set<Level> HOLDING_LEVELS = Set.of(Level.PROVINCIAL, Level.CITY, Level.COUNTY);

    /** Most overdue first, then execution alerts by amount (largest first), then by id for a stable order. */
    private static final Comparator<Alert> ORDER = Comparator
            .comparing(Alert::daysOverdue, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Alert::amount, Comparator.reverseOrder())
            .thenComparing(a -> a.allocationId().toString());

    private final int passDownDays;
    private final BigDecimal lagMargin;

    AlertRules(int passDownDays, BigDecimal lagMargin) {
        this.passDownDays = passDownDays;
        this.lagMargin = lagMargin;
    }

    List<Alert> evaluate(List<AllocationProgress> figures, LocalDate asOf) {
        List<Alert> alerts = new ArrayList<>();
        for (AllocationProgress p : figures) {
            if (p.fact().heldByRegion()) {
                distribution(p, asOf, alerts);
            } else if (p.fact().heldByOrg()) {
                execution(p, asOf, alerts);
            }
        }
        alerts.sort(ORDER);
        return alerts;
    }

    private void distribution(AllocationProgress p, LocalDate asOf, List<Alert> alerts) {
        AllocationFact f = p.fact();
        LocalDate dueOn = f.issuedOn().plusDays(passDownDays);
        if (!asOf.isAfter(dueOn) || !p.undistributed().isPositive()) {
            return;
        }
        Level holder = Level.ofRegionCode(f.toRegion());
        if (latePassDown(p, holder, dueOn)) {
            alerts.add(distributionAlert(Alert.LATE_PASS_DOWN, p, dueOn, asOf,
                    "中央转移支付未在" + passDownDays + "日内下达 / central transfer not passed down within "
                            + passDownDays + " days"));
        } else if (HOLDING_LEVELS.contains(holder)) {
            alerts.add(distributionAlert(Alert.UNDISTRIBUTED_BALANCE, p, dueOn, asOf,
                    "指标下达" + passDownDays + "日后仍有未分配余额 " + p.undistributed() + " 元 / "
                            + p.undistributed() + " yuan still undistributed " + passDownDays
                            + " days after issue"));
        }
    }

    /**
     * Money with its spending org: overspent (budget − executed &lt; 0, e.g. a recovery or a cut after the
     * payments) or lagging (the calculator's rule: executionRate &lt; scheduleRate − margin).
     */
    private void execution(AllocationProgress p, LocalDate asOf, List<Alert> alerts) {
        Money executed = p.executedInSubtree();
        Money balance = p.budget().minus(executed);
        if (balance.isNegative()) {
            Money overspend = balance.negate();
            alerts.add(executionAlert(Alert.NEGATIVE_BALANCE, p, overspend,
                    "超支：执行数 " + executed + " 元超过预算数 " + p.budget() + " 元，超出 " + overspend + " 元 / overspent: "
                            + executed + " yuan executed against a budget of " + p.budget() + " yuan, "
                            + overspend + " yuan over"));
        } else if (p.lagging()) {
            long expected = ScheduleRate.expectedCents(p.budget().cents(), p.fact().fiscalYear(), asOf);
            Money shortfall = Money.ofCents(expected).minus(executed);
            if (shortfall.isPositive()) {
                String rate = Rates.percent(p.executionRate());
                String schedule = Rates.percent(p.scheduleRate());
                String margin = Rates.percent(lagMargin);
                alerts.add(executionAlert(Alert.LAGGING_EXECUTION, p, shortfall,
                        "执行进度滞后：执行率 " + rate + " 低于序时进度 " + schedule + " 超过 " + margin + "，差额 "
                                + shortfall + " 元 / execution lagging: " + rate + " executed against a schedule of "
                                + schedule + " (margin " + margin + "), " + shortfall + " yuan behind"));
            }
        }
    }

    /**
     * 预算法 第五十二条: a province or city must pass central transfers down within 30 days of receiving them. Any
     * pass-down (to a region or an org) by the due date counts as passing down; what is left is then an
     * undistributed balance.
     */
    private static boolean latePassDown(AllocationProgress p, Level holder, LocalDate dueOn) {
        return PASSING_LEVELS.contains(holder)
                && p.fact().sourceLevel() == Level.CENTRAL
                && (p.firstChildIssuedOn() == null || p.firstChildIssuedOn().isAfter(dueOn));
    }

    private static Alert distributionAlert(String type, AllocationProgress p, LocalDate dueOn, LocalDate asOf,
            String message) {
        AllocationFact f = p.fact();
        return new Alert(type, f.allocationId(), f.programCode(), f.programName(), f.fiscalYear(), f.toRegion(),
                f.toRegionName(), null, null, f.docNo(), f.issuedOn(), dueOn, ChronoUnit.DAYS.between(dueOn, asOf),
                p.undistributed(), null, null, message);
    }

    private static Alert executionAlert(String type, AllocationProgress p, Money amount, String message) {
        AllocationFact f = p.fact();
        return new Alert(type, f.allocationId(), f.programCode(), f.programName(), f.fiscalYear(), f.toOrgRegion(),
                f.toOrgRegionName(), f.toOrg(), f.toOrgName(), f.docNo(), f.issuedOn(), null, null, amount,
                Rates.fraction(p.executionRate()), Rates.fraction(p.scheduleRate()), message);
    }
}
