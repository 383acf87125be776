package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.fundflow.contracts.Level;

/**
 * Alerts over derived figures. One alert per allocation at most: a late central transfer is reported as
 * LATE_PASS_DOWN only, so the same money is never listed twice.
 */
final class AlertRules {
    private static final Set<Level> PASSING_LEVELS = Set.of(Level.PROVINCIAL, Level.CITY);
    private static final Set<Level> HOLDING_LEVELS = Set.of(Level.PROVINCIAL, Level.CITY, Level.COUNTY);

    private final int passDownDays;

    AlertRules(int passDownDays) {
        this.passDownDays = passDownDays;
    }

    List<Alert> evaluate(List<AllocationProgress> figures, LocalDate asOf) {
        List<Alert> alerts = new ArrayList<>();
        for (AllocationProgress p : figures) {
            AllocationFact f = p.fact();
            if (!f.heldByRegion()) {
                continue;
            }
            LocalDate dueOn = f.issuedOn().plusDays(passDownDays);
            if (!asOf.isAfter(dueOn) || !p.undistributed().isPositive()) {
                continue;
            }
            Level holder = Level.ofRegionCode(f.toRegion());
            if (latePassDown(p, holder, dueOn)) {
                alerts.add(alert(Alert.LATE_PASS_DOWN, p, dueOn, asOf,
                        "中央转移支付未在" + passDownDays + "日内下达 / central transfer not passed down within "
                                + passDownDays + " days"));
            } else if (HOLDING_LEVELS.contains(holder)) {
                alerts.add(alert(Alert.UNDISTRIBUTED_BALANCE, p, dueOn, asOf,
                        "指标下达" + passDownDays + "日后仍有未分配余额 " + p.undistributed() + " 元 / "
                                + p.undistributed() + " yuan still undistributed " + passDownDays
                                + " days after issue"));
            }
        }
        alerts.sort(Comparator.comparingLong(Alert::daysOverdue).reversed()
                .thenComparing(a -> a.allocationId().toString()));
        return alerts;
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

    private static Alert alert(String type, AllocationProgress p, LocalDate dueOn, LocalDate asOf, String message) {
        AllocationFact f = p.fact();
        return new Alert(type, f.allocationId(), f.programCode(), f.programName(), f.fiscalYear(), f.toRegion(),
                f.toRegionName(), f.docNo(), f.issuedOn(), dueOn, ChronoUnit.DAYS.between(dueOn, asOf),
                p.undistributed(), message);
    }
}
