package org.fundflow.reporting.finalaccounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Row;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Table;

/**
 * 第三部分 情况说明: the explanatory figures of the final accounts, computed from the tables (never typed): shares of
 * income and expenditure, of each function and economic category, year-on-year changes against the previous fiscal
 * year's tables, execution against the start-of-year budget (年初预算). Pure: from a document (and the previous
 * year's, when there is one).
 *
 * <p>Shares and rates are four-decimal fractions ("0.1008") with a percent ("10.08%"); a zero denominator gives
 * "0.0000". A change is {@code null} when there is no previous year to compare with.
 */
final class Narrative {

    /** Where the previous year's figures came from: its latest published version, else its live figures. */
    record PreviousYear(int fiscalYear, String source, Integer version) {
    }

    record Change(String previous, String change, String rate, String percent) {
    }

    record Share(String key, String name, String amount, String share, String sharePercent) {
    }

    /** 一、收入支出决算总体情况. */
    record Overview(String incomeTotal, String expenditureTotal, Change incomeChange, Change expenditureChange) {
    }

    /** 二、收入决算情况 / 三、支出决算情况. */
    record Composition(String total, List<Share> items) {
    }

    /** 四、财政拨款收支决算总体情况. */
    record Appropriation(String incomeTotal, String expenditureTotal, Change incomeChange, Change expenditureChange) {
    }

    record CodeShare(String code, String name, int level, String amount, String share, String sharePercent) {
    }

    record ExecutionLine(String code, String name, String startOfYearBudget, String actual, String completionRate,
            String completionPercent) {
    }

    /** 五(三): spending against the start-of-year budget. */
    record Execution(String startOfYearBudgetBy, String startOfYearBudget, String fullYearBudget, String actual,
            String completionRate, String completionPercent, List<ExecutionLine> items) {
    }

    /** 五、一般公共预算财政拨款支出决算情况. */
    record GeneralBudget(String total, String shareOfExpenditure, String shareOfExpenditurePercent, Change change,
            Share personnel, Share dailyPublic, List<CodeShare> byFunction, Execution execution) {
    }

    record EconomicLine(String code, String name, int level, String amount, String basic, String share,
            String sharePercent) {
    }

    /** 六: basic spending (基本支出) and the economic classification. */
    record BasicExpenditure(String total, String personnel, String dailyPublic, String personnelAllKinds,
            String publicAllKinds, List<EconomicLine> byEconomicCode) {
    }

    /** 七、八: the government-fund and state-capital budgets. */
    record OtherBudget(String table, String income, String expenditure, boolean noData) {
    }

    record ThreePublicLine(String key, String name, String budget, String actual, String completionRate,
            String completionPercent) {
    }

    /** 九、“三公”经费. */
    record ThreePublic(String table, String budget, String actual, String completionRate, String completionPercent,
            Change change, List<ThreePublicLine> items) {
    }

    /** 十(一) 机关运行经费. */
    record OfficeOperation(String amount, Change change) {
    }

    /** 十(二) 政府采购. */
    record Procurement(String total, String goods, String works, String services) {
    }

    record View(TableRenderer.OrgRef org, int fiscalYear, String unit, String note, String status, Integer version,
            Instant generatedAt, PreviousYear previousYear, Overview overview, Composition income,
            Composition expenditure, Appropriation appropriation, GeneralBudget generalBudget,
            BasicExpenditure basicExpenditure, OtherBudget governmentFund, OtherBudget stateCapital,
            ThreePublic threePublic, OfficeOperation officeOperation, Procurement procurement) {
    }

    private final FinalAccountsDocument doc;
    private final FinalAccountsDocument previous;
    private final AmountUnit unit;

    private Narrative(FinalAccountsDocument doc, FinalAccountsDocument previous, AmountUnit unit) {
        this.doc = doc;
        this.previous = previous;
        this.unit = unit;
    }

    static View of(FinalAccountsDocument doc, FinalAccountsDocument previous, PreviousYear previousYear,
            AmountUnit unit, Integer version, Instant generatedAt) {
        Narrative n = new Narrative(doc, previous, unit);
        return new View(new TableRenderer.OrgRef(doc.orgCode(), doc.orgName(), doc.regionCode()), doc.fiscalYear(),
                unit.label(), unit.note(), version == null ? "live" : "published", version, generatedAt,
                previousYear, n.overview(), n.income(), n.expenditure(), n.appropriation(), n.generalBudget(),
                n.basicExpenditure(), n.otherBudget(TableKind.GOVERNMENT_FUND), n.otherBudget(TableKind.STATE_CAPITAL),
                n.threePublic(), n.officeOperation(), n.procurement());
    }

    private Overview overview() {
        long income = cents(doc, TableKind.INCOME_EXPENDITURE_SUMMARY, "income-grand-total", "amount");
        long spent = cents(doc, TableKind.INCOME_EXPENDITURE_SUMMARY, "expenditure-grand-total", "amount");
        return new Overview(fmt(income), fmt(spent),
                change(income, TableKind.INCOME_EXPENDITURE_SUMMARY, "income-grand-total", "amount"),
                change(spent, TableKind.INCOME_EXPENDITURE_SUMMARY, "expenditure-grand-total", "amount"));
    }

    private Composition income() {
        TableKind k = TableKind.INCOME_EXPENDITURE_SUMMARY;
        long total = cents(doc, k, "income-total", "amount");
        long appropriation = cents(doc, k, "general-budget", "amount") + cents(doc, k, "government-fund", "amount")
                + cents(doc, k, "state-capital", "amount");
        List<Share> items = new ArrayList<>();
        items.add(share("appropriation", "财政拨款收入", appropriation, total));
        String[][] others = {{"superior-subsidy", "上级补助收入"}, {"business", "事业收入"}, {"operating", "经营收入"},
            {"affiliated", "附属单位上缴收入"}, {"other", "其他收入"}};
        for (String[] o : others) {
            items.add(share(o[0], o[1], cents(doc, k, o[0], "amount"), total));
        }
        return new Composition(fmt(total), items);
    }

    private Composition expenditure() {
        TableKind k = TableKind.EXPENDITURE;
        long total = cents(doc, k, "total", "total");
        List<Share> items = new ArrayList<>();
        String[][] parts = {{"basic", "基本支出"}, {"project", "项目支出"}, {"remitted", "上缴上级支出"},
            {"operating", "经营支出"}, {"affiliated", "对附属单位补助支出"}};
        for (String[] p : parts) {
            items.add(share(p[0], p[1], cents(doc, k, "total", p[0]), total));
        }
        return new Composition(fmt(total), items);
    }

    private Appropriation appropriation() {
        TableKind k = TableKind.APPROPRIATION_SUMMARY;
        long income = cents(doc, k, "income-grand-total", "amount");
        long spent = cents(doc, k, "expenditure-grand-total", "total");
        return new Appropriation(fmt(income), fmt(spent), change(income, k, "income-grand-total", "amount"),
                change(spent, k, "expenditure-grand-total", "total"));
    }

    private GeneralBudget generalBudget() {
        TableKind k = TableKind.GENERAL_BUDGET_EXPENDITURE;
        long total = cents(doc, k, "total", "total");
        long allSpending = cents(doc, TableKind.EXPENDITURE, "total", "total");
        BigDecimal ofAll = Money.ofCents(total).ratioTo(Money.ofCents(allSpending));
        long personnel = cents(doc, TableKind.EXPENDITURE_BY_ECONOMIC_CODE, "personnel-total", "basic");
        long dailyPublic = cents(doc, TableKind.EXPENDITURE_BY_ECONOMIC_CODE, "public-total", "basic");
        List<CodeShare> byFunction = new ArrayList<>();
        Optional<Table> table = doc.table(k);
        Map<String, Long> actualByCode = new HashMap<>();
        table.ifPresent(t -> t.blocks().forEach(b -> b.rows().forEach(r -> {
            if (r.level() > 0) {
                long v = Money.parse(r.value("total")).cents();
                BigDecimal s = Money.ofCents(v).ratioTo(Money.ofCents(total));
                byFunction.add(new CodeShare(r.code(), r.name(), r.level(), fmt(v), Rates.fraction(s),
                        Rates.percent(s)));
                if (r.code() != null && !r.key().endsWith("/direct")) {
                    actualByCode.put(r.code(), v);
                }
            }
        })));
        return new GeneralBudget(fmt(total), Rates.fraction(ofAll), Rates.percent(ofAll),
                change(total, k, "total", "total"), share("personnel", "人员经费", personnel, total),
                share("daily-public", "日常公用经费", dailyPublic, total), byFunction,
                execution(total, actualByCode, byFunction));
    }

    private Execution execution(long actual, Map<String, Long> actualByCode, List<CodeShare> rows) {
        FinalAccountsDocument.Budget budget = doc.budget();
        long startOfYear = budget == null ? 0 : Money.parse(budget.startOfYear()).cents();
        long fullYear = budget == null ? 0 : Money.parse(budget.fullYear()).cents();
        Map<String, Long> startByCode = new HashMap<>();
        if (budget != null) {
            budget.startOfYearByFunction().forEach(l -> startByCode.merge(l.code(), Money.parse(l.amount()).cents(),
                    Long::sum));
        }
        List<ExecutionLine> items = new ArrayList<>();
        java.util.Set<String> codes = new java.util.TreeSet<>();
        rows.stream().filter(r -> r.code() != null && r.code().length() == 7).forEach(r -> codes.add(r.code()));
        startByCode.keySet().stream().filter(c -> c != null && c.length() == 7).forEach(codes::add);
        for (String code : codes) {
            long b = startByCode.getOrDefault(code, 0L);
            long a = actualByCode.getOrDefault(code, 0L);
            BigDecimal rate = Money.ofCents(a).ratioTo(Money.ofCents(b));
            String name = rows.stream().filter(r -> code.equals(r.code())).map(CodeShare::name).findFirst()
                    .orElse(null);
            items.add(new ExecutionLine(code, name, fmt(b), fmt(a), Rates.fraction(rate), Rates.percent(rate)));
        }
        BigDecimal rate = Money.ofCents(actual).ratioTo(Money.ofCents(startOfYear));
        return new Execution(budget == null ? null : budget.startOfYearBy(), fmt(startOfYear), fmt(fullYear),
                fmt(actual), Rates.fraction(rate), Rates.percent(rate), items);
    }

    private BasicExpenditure basicExpenditure() {
        TableKind k = TableKind.EXPENDITURE_BY_ECONOMIC_CODE;
        long total = cents(doc, TableKind.GENERAL_BUDGET_EXPENDITURE, "total", "basic");
        long personnel = cents(doc, k, "personnel-total", "basic");
        long dailyPublic = cents(doc, k, "public-total", "basic");
        Optional<Table> table = doc.table(k);
        boolean basicOnly = table.map(t -> t.blocks().get(0).columns().stream().noneMatch(c -> c.key().equals(
                "amount"))).orElse(false);
        String personnelAll = basicOnly ? null : fmt(cents(doc, k, "personnel-total", "amount"));
        String publicAll = basicOnly ? null : fmt(cents(doc, k, "public-total", "amount"));
        long allTotal = basicOnly ? total : cents(doc, k, "personnel-total", "amount")
                + cents(doc, k, "public-total", "amount");
        List<EconomicLine> lines = new ArrayList<>();
        table.ifPresent(t -> t.blocks().forEach(b -> b.rows().forEach(r -> {
            if (r.level() == 0) {
                return;
            }
            long basic = Money.parse(r.value("basic")).cents();
            long amount = basicOnly ? basic : Money.parse(r.value("amount")).cents();
            if (amount == 0 && basic == 0) {
                return;
            }
            BigDecimal s = Money.ofCents(amount).ratioTo(Money.ofCents(allTotal));
            lines.add(new EconomicLine(r.code(), r.name(), r.level(), fmt(amount), fmt(basic), Rates.fraction(s),
                    Rates.percent(s)));
        })));
        return new BasicExpenditure(fmt(total), fmt(personnel), fmt(dailyPublic), personnelAll, publicAll, lines);
    }

    private OtherBudget otherBudget(TableKind k) {
        Optional<Table> t = doc.table(k);
        if (t.isEmpty()) {
            return null;
        }
        long income = k == TableKind.GOVERNMENT_FUND ? cents(doc, k, "total", "income") : 0;
        long spent = cents(doc, k, "total", "total");
        return new OtherBudget(t.get().number(), k == TableKind.GOVERNMENT_FUND ? fmt(income) : null, fmt(spent),
                t.get().noData());
    }

    private ThreePublic threePublic() {
        TableKind k = TableKind.THREE_PUBLIC;
        Optional<Table> t = doc.table(k);
        if (t.isEmpty()) {
            return null;
        }
        String[][] parts = {{"abroad", "因公出国（境）费"}, {"vehicle-purchase", "公务用车购置费"},
            {"vehicle-operation", "公务用车运行维护费"}, {"reception", "公务接待费"}};
        List<ThreePublicLine> items = new ArrayList<>();
        for (String[] p : parts) {
            long b = cents(doc, k, "total", "budget-" + p[0]);
            long a = cents(doc, k, "total", "actual-" + p[0]);
            BigDecimal rate = Money.ofCents(a).ratioTo(Money.ofCents(b));
            items.add(new ThreePublicLine(p[0], p[1], fmt(b), fmt(a), Rates.fraction(rate), Rates.percent(rate)));
        }
        long budget = cents(doc, k, "total", "budget-total");
        long actual = cents(doc, k, "total", "actual-total");
        BigDecimal rate = Money.ofCents(actual).ratioTo(Money.ofCents(budget));
        return new ThreePublic(t.get().number(), fmt(budget), fmt(actual), Rates.fraction(rate), Rates.percent(rate),
                change(actual, k, "total", "actual-total"), items);
    }

    private OfficeOperation officeOperation() {
        TableKind k = TableKind.RELATED_INFORMATION;
        if (doc.table(k).isEmpty()) {
            return null;
        }
        long amount = cents(doc, k, "office-operation", "amount");
        return new OfficeOperation(fmt(amount), change(amount, k, "office-operation", "amount"));
    }

    private Procurement procurement() {
        TableKind k = TableKind.RELATED_INFORMATION;
        if (doc.table(k).isEmpty()) {
            return null;
        }
        return new Procurement(fmt(cents(doc, k, "procurement-total", "amount")), fmt(cents(doc, k, "goods", "amount")),
                fmt(cents(doc, k, "works", "amount")), fmt(cents(doc, k, "services", "amount")));
    }

    // ---------------------------------------------------------------- helpers

    /** A figure of the previous year's same table, row and column; null when there is no previous year. */
    private Change change(long now, TableKind kind, String row, String column) {
        if (previous == null || previous.table(kind).isEmpty()) {
            return null;
        }
        long before = cents(previous, kind, row, column);
        long delta = now - before;
        BigDecimal rate = Money.ofCents(delta).ratioTo(Money.ofCents(before));
        return new Change(fmt(before), fmt(delta), Rates.fraction(rate), Rates.percent(rate));
    }

    private Share share(String key, String name, long amount, long total) {
        BigDecimal s = Money.ofCents(amount).ratioTo(Money.ofCents(total));
        return new Share(key, name, fmt(amount), Rates.fraction(s), Rates.percent(s));
    }

    private String fmt(long cents) {
        return unit.format(Money.ofCents(cents));
    }

    /** A figure of the document in 分; 0 when the layout has no such table or row, or the cell is empty. */
    static long cents(FinalAccountsDocument doc, TableKind kind, String rowKey, String column) {
        return doc.table(kind).flatMap(t -> t.row(rowKey)).map((Row r) -> r.value(column))
                .map(v -> Money.parse(v).cents()).orElse(0L);
    }
}
