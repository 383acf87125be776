package org.fundflow.reporting.execution;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import org.fundflow.reporting.classification.Classifications;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.facts.ProgramFacts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Derives the execution tables from the facts. Each table is read in one repeatable-read snapshot, so payments
 * arriving meanwhile never leave a table whose rows and total disagree. Sums are exact 分; conversion to 万元 and
 * rates come last.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class ExecutionReports {
    private static final String COUNTRY = "全国";
    private static final String OWN_LEVEL = "本级";
    private static final String UNKNOWN_REGION = "（地区未知）";

    private final ExecutionQueries queries;
    private final ProgramFacts programs;
    private final Classifications classifications;
    private final Clock clock;

    ExecutionReports(ExecutionQueries queries, ProgramFacts programs, Classifications classifications, Clock clock) {
        this.queries = queries;
        this.programs = programs;
        this.classifications = classifications;
        this.clock = clock;
    }

    ByRegionReport byRegion(Scope scope, AmountUnit unit) {
        Map<String, Long> budgets = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        queries.orgBudgetsByRegion(scope).forEach((code, cents) -> budgets.merge(
                Regions.childOf(scope.region(), code), cents, Math::addExact));
        Map<String, Spending> spending = new HashMap<>();
        queries.spending(scope, ExecutionQueries.By.PAYER_REGION).forEach((code, s) -> spending.merge(
                Regions.childOf(scope.region(), code), s, Spending::plus));

        Set<String> codes = new TreeSet<>(Comparator.nullsLast(Comparator.naturalOrder()));
        codes.addAll(budgets.keySet());
        codes.addAll(spending.keySet());
        Set<String> named = new HashSet<>(codes);
        named.remove(null);
        named.add(scope.region());
        Map<String, String> names = queries.regionNames(named);

        BigDecimal schedule = ScheduleRate.at(scope.fiscalYear(), scope.asOf());
        String scheduleRate = Rates.fraction(schedule);
        String schedulePercent = Rates.percent(schedule);
        List<ByRegionReport.Row> rows = new ArrayList<>();
        long budgetTotal = 0;
        Spending spentTotal = Spending.NONE;
        // The region's own level (本级) first, as the published tables print it, then the children by code.
        List<String> ordered = new ArrayList<>(codes);
        if (ordered.remove(scope.region())) {
            ordered.add(0, scope.region());
        }
        for (String code : ordered) {
            Money budget = Money.ofCents(budgets.getOrDefault(code, 0L));
            Money executed = spending.getOrDefault(code, Spending.NONE).executed();
            budgetTotal = Math.addExact(budgetTotal, budget.cents());
            spentTotal = spentTotal.plus(spending.getOrDefault(code, Spending.NONE));
            rows.add(new ByRegionReport.Row(code, rowName(scope.region(), code, names), unit.format(budget),
                    unit.format(executed), Rates.fraction(executed.ratioTo(budget)),
                    Rates.percent(executed.ratioTo(budget)), scheduleRate, schedulePercent));
        }
        Money budget = Money.ofCents(budgetTotal);
        Money executed = spentTotal.executed();
        ByRegionReport.Total total = new ByRegionReport.Total(unit.format(budget), unit.format(executed),
                Rates.fraction(executed.ratioTo(budget)), Rates.percent(executed.ratioTo(budget)), scheduleRate,
                schedulePercent);
        RegionRef region = regionRef(scope.region(), names);
        String programName = scope.programCode() == null ? null : programName(scope);
        String title = title(scope, region, programName, "分地区支出进度表");
        return new ByRegionReport(title, scope.fiscalYear(), scope.programCode(), programName, region, scope.asOf(),
                unit.label(), unit.note(), scheduleRate, schedulePercent, now(), rows, total);
    }

    ByFundReport byFund(Scope scope, AmountUnit unit) {
        List<ExecutionQueries.Entry> entries = queries.entries(scope);
        Map<String, Spending> spending = queries.spending(scope, ExecutionQueries.By.PROGRAM);

        Map<String, Long> budgets = new TreeMap<>();
        Map<String, String> allocationNames = new HashMap<>();
        Map<String, Set<Level>> sources = new HashMap<>();
        for (ExecutionQueries.Entry e : entries) {
            budgets.merge(e.programCode(), e.budgetCents(), Math::addExact);
            if (e.programName() != null) {
                allocationNames.putIfAbsent(e.programCode(), e.programName());
            }
            if (e.sourceLevel() != null) {
                sources.computeIfAbsent(e.programCode(), k -> EnumSet.noneOf(Level.class)).add(e.sourceLevel());
            }
        }
        Set<String> codes = new TreeSet<>(budgets.keySet());
        spending.keySet().stream().filter(Objects::nonNull).forEach(codes::add);
        Map<String, ProgramFacts.Program> registered = programs.ofYear(scope.fiscalYear(), codes);
        Set<String> withoutFundType = codes.stream()
                .filter(c -> registered.get(c) == null || registered.get(c).fundType() == null)
                .collect(Collectors.toSet());
        Map<String, String> paymentFundTypes = queries.paymentFundTypes(scope.fiscalYear(), withoutFundType);

        List<ByFundReport.Row> rows = new ArrayList<>();
        long budgetTotal = 0;
        Spending spentTotal = Spending.NONE;
        for (String code : codes) {
            ProgramFacts.Program program = registered.get(code);
            String name = program != null && program.name() != null ? program.name() : allocationNames.get(code);
            String fundType = program != null && program.fundType() != null ? program.fundType()
                    : paymentFundTypes.get(code);
            String source = sources.getOrDefault(code, Set.of()).stream().map(Level::name)
                    .collect(Collectors.joining(","));
            Money budget = Money.ofCents(budgets.getOrDefault(code, 0L));
            Spending spent = spending.getOrDefault(code, Spending.NONE);
            Money executed = spent.executed();
            budgetTotal = Math.addExact(budgetTotal, budget.cents());
            spentTotal = spentTotal.plus(spent);
            rows.add(new ByFundReport.Row(code, name, fundType, source.isEmpty() ? null : source,
                    unit.format(budget), unit.format(executed), Rates.fraction(executed.ratioTo(budget)),
                    Rates.percent(executed.ratioTo(budget))));
        }
        Money budget = Money.ofCents(budgetTotal);
        Money executed = spentTotal.executed();
        ByFundReport.Total total = new ByFundReport.Total(unit.format(budget), unit.format(executed),
                Rates.fraction(executed.ratioTo(budget)), Rates.percent(executed.ratioTo(budget)));
        BigDecimal schedule = ScheduleRate.at(scope.fiscalYear(), scope.asOf());
        RegionRef region = regionRef(scope.region(), queries.regionNames(Set.of(scope.region())));
        String title = title(scope, region, null, "分资金支出进度表");
        return new ByFundReport(title, scope.fiscalYear(), region, scope.asOf(), unit.label(), unit.note(),
                Rates.fraction(schedule), Rates.percent(schedule), now(), rows, total);
    }

    ByFunctionReport byFunction(Scope scope, int depth, AmountUnit unit) {
        Map<String, Spending> byCode = queries.spending(scope, ExecutionQueries.By.FUNCTION_CODE);
        List<FunctionRollup.Line> lines = FunctionRollup.lines(byCode, classifications.functional(), depth);
        List<ByFunctionReport.Row> rows = lines.stream().map(l -> new ByFunctionReport.Row(l.code(), l.name(),
                l.tier() == null ? null : l.tier().label(), unit.format(l.spending().paid()),
                unit.format(l.spending().reversed()), unit.format(l.spending().executed()))).toList();
        Spending sum = FunctionRollup.total(lines);
        ByFunctionReport.Total total = new ByFunctionReport.Total(unit.format(sum.paid()), unit.format(sum.reversed()),
                unit.format(sum.executed()));
        RegionRef region = regionRef(scope.region(), queries.regionNames(Set.of(scope.region())));
        String programName = scope.programCode() == null ? null : programName(scope);
        String title = title(scope, region, programName, "支出功能分类执行表");
        return new ByFunctionReport(title, scope.fiscalYear(), scope.programCode(), region, scope.asOf(), depth,
                unit.label(), unit.note(), now(), rows, total);
    }

    /** "2022年度离石区支出功能分类执行表（<program>，截至2022-12-31）". */
    private static String title(Scope scope, RegionRef region, String programName, String table) {
        String program = scope.programCode() == null ? "" : (programName != null ? programName : scope.programCode())
                + "，";
        return scope.fiscalYear() + "年度" + region.name() + table + "（" + program + "截至" + scope.asOf() + "）";
    }

    private String programName(Scope scope) {
        ProgramFacts.Program p = programs.ofYear(scope.fiscalYear(), Set.of(scope.programCode()))
                .get(scope.programCode());
        if (p != null && p.name() != null) {
            return p.name();
        }
        return queries.entries(new Scope(scope.fiscalYear(), scope.programCode(), Regions.CENTRE, scope.asOf()))
                .stream().map(ExecutionQueries.Entry::programName).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static RegionRef regionRef(String region, Map<String, String> names) {
        if (Regions.CENTRE.equals(region)) {
            return new RegionRef(region, COUNTRY);
        }
        return new RegionRef(region, names.getOrDefault(region, region));
    }

    private static String rowName(String region, String code, Map<String, String> names) {
        if (code == null) {
            return UNKNOWN_REGION;
        }
        if (code.equals(region)) {
            String own = Regions.CENTRE.equals(region) ? Regions.CENTRE_NAME : names.get(region);
            return (own == null ? region : own) + OWN_LEVEL;
        }
        return names.get(code);
    }

    private Instant now() {
        return clock.instant();
    }
}
