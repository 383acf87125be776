package org.fundflow.evaluation.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;

/**
 * Rolls execution up by a dimension, counting money once: budget and executed come only from allocations made to
 * orgs (where money is spent; nothing is passed down from there), never from a region allocation and its children
 * together. Each org allocation falls into exactly one row, so the totals are the sums of the rows. Money still
 * held undistributed by region allocations is shown beside it ({@code undistributedHeld}), never inside the budget.
 */
final class Rollup {
    static final String UNKNOWN = "UNKNOWN";
    private static final Map<Level, String> LEVEL_NAMES = Map.of(Level.CENTRAL, "中央", Level.PROVINCIAL, "省级",
            Level.CITY, "市级", Level.COUNTY, "县级");

    /**
     * @param depth  FUNCTION_CODE only: cut codes to 3 (类), 5 (款) or 7 (项) digits; null keeps them whole
     * @param region REGION groups by the child regions of this one (EVERYWHERE: provinces, and 000000 for
     *               central orgs); for every dimension it also limits the allocations counted
     * @param org    only allocations to this org (then nothing is held undistributed), null for all
     */
    record Spec(RollupDimension by, Integer depth, RegionScope region, String org) {
    }

    private final ProgressCalculator calculator;

    Rollup(ProgressCalculator calculator) {
        this.calculator = calculator;
    }

    /**
     * @param shown       the figures of the allocations the query selects, already limited to the region
     * @param regionNames names of region codes not named in {@code shown} (one lookup for all of them)
     */
    RollupReport compute(List<AllocationProgress> shown, Spec spec, ProgressQuery query, BigDecimal lagMargin,
            Function<Set<String>, Map<String, String>> regionNames) {
        Map<String, Group> groups = new HashMap<>();
        Group total = new Group(null, null, null);
        for (AllocationProgress p : shown) {
            AllocationFact f = p.fact();
            if (spec.org() != null && !spec.org().equals(f.toOrg())) {
                continue;
            }
            Group g = groups.computeIfAbsent(key(f, spec), k -> group(k, f, spec));
            if (spec.by() == RollupDimension.PROGRAM) {
                g.offerName(f.programName(), f.fiscalYear());
            }
            if (f.heldByOrg()) {
                g.addOrg(p);
                total.addOrg(p);
            } else {
                g.addHeld(p);
                total.addHeld(p);
            }
        }
        if (spec.by() == RollupDimension.REGION) {
            name(groups, shown, regionNames);
        }
        // A region allocation that passed everything down leaves an empty group: no row for no money.
        List<RollupReport.Row> rows = groups.values().stream()
                .filter(g -> g.allocations > 0 || g.held != 0)
                .sorted(Comparator.comparing((Group g) -> g.sortKey))
                .map(g -> g.row(query.asOf(), calculator))
                .toList();
        return new RollupReport(spec.by().param, spec.depth(),
                spec.region() == RegionScope.EVERYWHERE ? null : spec.region().code(), spec.org(),
                query.fiscalYear(), query.programCode(), query.asOf(), Rates.fraction(lagMargin), rows,
                total.totals(query.asOf(), calculator),
                "budget and executed are those of allocations to orgs (where money is spent), each counted in one "
                        + "row; undistributedHeld is money still held by regions, beside the budget, not in it / "
                        + "仅按拨付至预算单位的指标汇总，不重复计算上下级；未分配余额单列");
    }

    private static String key(AllocationFact f, Spec spec) {
        return switch (spec.by()) {
            case REGION -> regionKey(spec.region(), f.recipientRegion());
            case LEVEL -> f.level().name();
            case PROGRAM -> f.programCode();
            case SOURCE_LEVEL -> f.sourceLevel().name();
            case FUNCTION_CODE -> functionKey(f.functionCode(), spec.depth());
        };
    }

    private static Group group(String key, AllocationFact f, Spec spec) {
        return switch (spec.by()) {
            case REGION -> new Group(key, null, UNKNOWN.equals(key) ? "\uffff" : key);
            case LEVEL -> new Group(key, LEVEL_NAMES.get(f.level()), String.valueOf(f.level().ordinal()));
            case PROGRAM -> new Group(key, null, key);
            case SOURCE_LEVEL -> new Group(key, LEVEL_NAMES.get(f.sourceLevel()),
                    String.valueOf(f.sourceLevel().ordinal()));
            // No classification table here: a function code names itself.
            case FUNCTION_CODE -> UNKNOWN.equals(key) ? new Group(key, "未注明 / not given", "\uffff")
                    : new Group(key, key, key);
        };
    }

    /**
     * The child of the scope's region that contains {@code code} (GB/T 2260 prefixes): everywhere → the province
     * {@code xx0000} (or {@code 000000} for the centre), a province → its city {@code xxxx00} (or the province
     * itself for its own orgs), a city or county → the code itself (a city's own orgs stay {@code xxxx00}).
     */
    static String regionKey(RegionScope scope, String code) {
        if (code == null || code.length() != 6) {
            return code == null ? UNKNOWN : code;
        }
        return switch (scope.prefix().length()) {
            case 0 -> code.equals("000000") ? code : code.substring(0, 2) + "0000";
            case 2 -> code.endsWith("0000") ? code : code.substring(0, 4) + "00";
            default -> code;
        };
    }

    static String functionKey(String code, Integer depth) {
        if (code == null || code.isBlank()) {
            return UNKNOWN;
        }
        String c = code.strip();
        return depth == null || c.length() <= depth ? c : c.substring(0, depth);
    }

    /** Names from the facts at hand first; what is still unnamed in one lookup; a code nobody names is its name. */
    private static void name(Map<String, Group> groups, List<AllocationProgress> shown,
            Function<Set<String>, Map<String, String>> regionNames) {
        Map<String, String> known = new HashMap<>();
        for (AllocationProgress p : shown) {
            AllocationFact f = p.fact();
            remember(known, f.toRegion(), f.toRegionName());
            remember(known, f.fromRegion(), f.fromRegionName());
            remember(known, f.toOrgRegion(), f.toOrgRegionName());
        }
        Set<String> missing = new HashSet<>();
        for (String key : groups.keySet()) {
            if (!known.containsKey(key) && !UNKNOWN.equals(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            regionNames.apply(missing).forEach((code, name) -> remember(known, code, name));
        }
        groups.forEach((key, g) -> g.name = UNKNOWN.equals(key) ? "未知地区 / unknown region"
                : known.getOrDefault(key, key));
    }

    private static void remember(Map<String, String> names, String code, String name) {
        if (code != null && name != null && !name.isBlank()) {
            names.putIfAbsent(code, name);
        }
    }

    /** Sums of one row, in 分. */
    private static final class Group {
        final String key;
        final String sortKey;
        String name;
        long budget;
        long executed;
        long held;
        int allocations;
        int nameYear = Integer.MIN_VALUE;
        /** Σ budget × scheduleRate, for a row mixing fiscal years. */
        BigDecimal scheduled = BigDecimal.ZERO;
        final Set<Integer> years = new HashSet<>();

        Group(String key, String name, String sortKey) {
            this.key = key;
            this.name = name;
            this.sortKey = sortKey;
        }

        void addOrg(AllocationProgress p) {
            budget = Math.addExact(budget, p.budget().cents());
            executed = Math.addExact(executed, p.executed().cents());
            scheduled = scheduled.add(BigDecimal.valueOf(p.budget().cents()).multiply(p.scheduleRate()));
            allocations++;
            years.add(p.fact().fiscalYear());
        }

        /** A program spanning fiscal years is named as in its latest one. */
        void offerName(String candidate, int fiscalYear) {
            if (candidate != null && fiscalYear > nameYear) {
                name = candidate;
                nameYear = fiscalYear;
            }
        }

        void addHeld(AllocationProgress p) {
            held = Math.addExact(held, p.undistributed().cents());
            years.add(p.fact().fiscalYear());
        }

        /**
         * One fiscal year: its 序时进度. Several (no fiscalYear asked): the budget-weighted mean of the allocations'
         * schedule rates, i.e. the share of the row's budget that should be spent by now.
         */
        BigDecimal scheduleRate(LocalDate asOf) {
            if (years.size() == 1) {
                return ScheduleRate.at(years.iterator().next(), asOf);
            }
            if (budget == 0) {
                return BigDecimal.ZERO.setScale(4);
            }
            return scheduled.divide(BigDecimal.valueOf(budget), 4, RoundingMode.HALF_UP);
        }

        RollupReport.Row row(LocalDate asOf, ProgressCalculator calculator) {
            Money b = Money.ofCents(budget);
            BigDecimal rate = Money.ofCents(executed).ratioTo(b);
            BigDecimal schedule = scheduleRate(asOf);
            return new RollupReport.Row(key, name, b, Money.ofCents(executed), Rates.fraction(rate),
                    Rates.percent(rate), Rates.fraction(schedule), calculator.lagging(b, rate, schedule),
                    allocations, Money.ofCents(held));
        }

        RollupReport.Totals totals(LocalDate asOf, ProgressCalculator calculator) {
            RollupReport.Row r = row(asOf, calculator);
            return new RollupReport.Totals(r.budget(), r.executed(), r.executionRate(), r.executionPercent(),
                    r.scheduleRate(), r.lagging(), r.allocations(), r.undistributedHeld());
        }
    }
}
