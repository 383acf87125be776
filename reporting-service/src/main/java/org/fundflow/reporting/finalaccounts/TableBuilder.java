package org.fundflow.reporting.finalaccounts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.fundflow.reporting.classification.Classification;
import org.fundflow.reporting.classification.Classifications;
import org.fundflow.reporting.classification.Tier;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Block;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Column;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Label;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Row;
import org.fundflow.reporting.finalaccounts.FinalAccountsDocument.Table;

/**
 * Builds the tables of one org and year from its {@link Figures}, numbered and titled by a {@link Layout}. Pure: the
 * same figures and layout give the same document. Every figure is a sum of 分; a category row is the sum of the
 * rows under it, a 合计 the sum of its top rows.
 *
 * <p>What each table is made of:
 * <ul>
 * <li>income (收入) = allocations received by the org in the year, by the program's fund type: issued + adjustments −
 * recoveries (结转 does not reduce income: it is money received and kept for next year);</li>
 * <li>年初结转和结余 = money carried over (结转) into this year from the org's earlier allocations;</li>
 * <li>expenditure (支出) = payments − reversals, by the payment's function code, economic code, basic/project kind,
 * fund type and procurement category;</li>
 * <li>年末结转和结余 = 年初结转和结余 + income − expenditure (what is left; the part the allocations' 结转 events
 * carried over is in the table's details);</li>
 * <li>三公 = payments on economic codes 30212 因公出国（境）, 30217 公务接待, 30231 公务用车运行维护, 31013/30913
 * 公务用车购置; their 预算数 = the budgets of allocations carrying those economic codes;</li>
 * <li>机关运行经费 = 一般公共预算 basic spending on the layout's office-operation 类 (302 商品和服务 + 310 资本性);</li>
 * <li>政府采购 = payments with a procurement category.</li>
 * </ul>
 */
final class TableBuilder {
    static final String SIDE_BY_SIDE = "side-by-side";
    static final String STACKED = "stacked";

    static final String TOTAL = "TOTAL";
    static final String CATEGORY = "CATEGORY";
    static final String ITEM = "ITEM";
    static final String SECTION = "SECTION";
    static final String BLANK = "BLANK";

    static final String AMOUNT = "amount";
    static final String COUNT = "count";

    static final Set<String> ABROAD = Set.of("30212");
    static final Set<String> RECEPTION = Set.of("30217");
    static final Set<String> VEHICLE_OPERATION = Set.of("30231");
    static final Set<String> VEHICLE_PURCHASE = Set.of("31013", "30913");

    private static final List<Label> CODE_NAME = List.of(new Label("code", List.of("项目", "功能分类科目编码")),
            new Label("name", List.of("项目", "科目名称")));
    private static final List<Label> ITEM_LINE = List.of(new Label("name", List.of("项目")),
            new Label("line", List.of("行次")));

    private final Classifications classifications;

    TableBuilder(Classifications classifications) {
        this.classifications = classifications;
    }

    FinalAccountsDocument build(String orgCode, String orgName, String regionCode, Layout layout, Figures figures) {
        Facts facts = new Facts(figures, layout);
        List<Table> tables = new ArrayList<>();
        for (Layout.TableSpec spec : layout.tables()) {
            tables.add(switch (spec.kind()) {
                case INCOME_EXPENDITURE_SUMMARY -> summary(spec, layout, facts);
                case INCOME -> income(spec, facts);
                case EXPENDITURE -> expenditure(spec, facts);
                case APPROPRIATION_SUMMARY -> appropriationSummary(spec, layout, facts);
                case GENERAL_BUDGET_EXPENDITURE -> spendingByFunction(spec, facts, FundType.GENERAL_BUDGET, "小计");
                case EXPENDITURE_BY_ECONOMIC_CODE -> byEconomicCode(spec, layout, facts);
                case THREE_PUBLIC -> threePublic(spec, facts);
                case GOVERNMENT_FUND -> governmentFund(spec, facts);
                case STATE_CAPITAL -> spendingByFunction(spec, facts, FundType.STATE_CAPITAL, "合计");
                case RELATED_INFORMATION -> relatedInformation(spec, layout, facts);
            });
        }
        return new FinalAccountsDocument(orgCode, orgName, regionCode, figures.fiscalYear(), layout.id(),
                layout.name(), tables, budget(layout, facts));
    }

    /** The figures summed once for every table. */
    private static final class Facts {
        final int year;
        final long[] income = new long[FundType.values().length];
        final long[] carryIn = new long[FundType.values().length];
        final long[] carriedOut = new long[FundType.values().length];
        final long[] spent = new long[FundType.values().length];
        final List<Figures.Allocation> yearAllocations = new ArrayList<>();
        final List<Figures.Allocation> carryInAllocations = new ArrayList<>();
        final List<Figures.Payment> payments;

        Facts(Figures f, Layout layout) {
            this.year = f.fiscalYear();
            this.payments = f.payments();
            for (Figures.Allocation a : f.allocations()) {
                int fund = a.fund().ordinal();
                if (a.fiscalYear() == year) {
                    yearAllocations.add(a);
                    income[fund] = Math.addExact(income[fund], a.incomeCents());
                    carriedOut[fund] = Math.addExact(carriedOut[fund], a.carriedOverCents());
                } else if (a.fiscalYear() < year && a.carriedTo(year) != 0) {
                    carryInAllocations.add(a);
                    carryIn[fund] = Math.addExact(carryIn[fund], a.carriedTo(year));
                }
            }
            for (Figures.Payment p : payments) {
                spent[p.fund().ordinal()] = Math.addExact(spent[p.fund().ordinal()], p.executedCents());
            }
        }

        long income(FundType t) {
            return income[t.ordinal()];
        }

        long carryIn(FundType t) {
            return carryIn[t.ordinal()];
        }

        long spent(FundType t) {
            return spent[t.ordinal()];
        }

        long carryOut(FundType t) {
            return carryIn(t) + income(t) - spent(t);
        }

        long appropriation(long[] byFund) {
            return byFund[FundType.GENERAL_BUDGET.ordinal()] + byFund[FundType.GOVERNMENT_FUND.ordinal()]
                    + byFund[FundType.STATE_CAPITAL.ordinal()];
        }

        long all(long[] byFund) {
            long sum = 0;
            for (long v : byFund) {
                sum = Math.addExact(sum, v);
            }
            return sum;
        }
    }

    // ---------------------------------------------------------------- 公开01 收入支出决算总表

    private Table summary(Layout.TableSpec spec, Layout layout, Facts f) {
        int n = Math.max(8, layout.expenditureClasses().size());
        long incomeTotal = f.all(f.income);
        long carryIn = f.all(f.carryIn);
        long incomeGrand = incomeTotal + carryIn;

        List<Row> in = new ArrayList<>();
        String[][] incomeItems = {
            {"general-budget", "一、一般公共预算财政拨款收入"}, {"government-fund", "二、政府性基金预算财政拨款收入"},
            {"state-capital", "三、国有资本经营预算财政拨款收入"}, {"superior-subsidy", "四、上级补助收入"},
            {"business", "五、事业收入"}, {"operating", "六、经营收入"},
            {"affiliated", "七、附属单位上缴收入"}, {"other", "八、其他收入"}};
        long[] incomeValues = {f.income(FundType.GENERAL_BUDGET), f.income(FundType.GOVERNMENT_FUND),
            f.income(FundType.STATE_CAPITAL), 0, 0, 0, 0, f.income(FundType.OTHER)};
        for (int i = 0; i < incomeItems.length; i++) {
            in.add(row(incomeItems[i][0], i + 1, null, incomeItems[i][1], 0, ITEM, AMOUNT, incomeValues[i]));
        }
        for (int line = 9; line <= n; line++) {
            in.add(blank("income-blank-" + line, line, AMOUNT));
        }
        in.add(row("income-total", n + 1, null, "本年收入合计", 0, TOTAL, AMOUNT, incomeTotal));
        in.add(row("non-appropriation-balance-used", n + 2, null, "使用非财政拨款结余", 0, ITEM, AMOUNT, 0));
        in.add(row("carry-in", n + 3, null, "年初结转和结余", 0, ITEM, AMOUNT, carryIn));
        in.add(blank("income-blank-" + (n + 4), n + 4, AMOUNT));
        in.add(row("income-grand-total", n + 5, null, "总计", 0, TOTAL, AMOUNT, incomeGrand));

        Map<String, Long> byClass = byClass();
        for (Figures.Payment p : f.payments) {
            byClass.merge(classOf(p.functionCode()), p.executedCents(), Math::addExact);
        }
        List<Row> out = new ArrayList<>();
        long expenditure = classRows(out, layout, byClass, n + 6, (code, v) -> Map.of(AMOUNT, v));
        int base = 2 * n + 6;
        out.add(row("expenditure-total", base, null, "本年支出合计", 0, TOTAL, AMOUNT, expenditure));
        out.add(row("balance-distribution", base + 1, null, "结余分配", 0, ITEM, AMOUNT, 0));
        long carryOut = incomeGrand - expenditure;
        out.add(row("carry-out", base + 2, null, "年末结转和结余", 0, ITEM, AMOUNT, carryOut));
        out.add(blank("expenditure-blank-" + (base + 3), base + 3, AMOUNT));
        out.add(row("expenditure-grand-total", base + 4, null, "总计", 0, TOTAL, AMOUNT, expenditure + carryOut));

        Map<String, String> details = new LinkedHashMap<>();
        long carried = f.all(f.carriedOut);
        details.put("carryOutCarriedOver", yuan(carried));
        details.put("carryOutUnspent", yuan(carryOut - carried - carryIn));
        details.put("carryInFromEarlierYears", yuan(carryIn));
        List<Block> blocks = List.of(
                new Block("income", "收入", ITEM_LINE, List.of(amountColumn(AMOUNT, "决算数", "1")), in),
                new Block("expenditure", "支出", ITEM_LINE, List.of(amountColumn(AMOUNT, "决算数", "2")), out));
        return table(spec, SIDE_BY_SIDE, blocks, details);
    }

    /**
     * The 类 rows of a summary table: the layout's list (every one printed, in order, numbered from
     * {@code firstLine}), then any other 类 with money, then money without a usable code. Returns the sum.
     */
    private long classRows(List<Row> out, Layout layout, Map<String, Long> byClass, int firstLine,
            java.util.function.BiFunction<String, Long, Map<String, Long>> values) {
        Classification functional = classifications.functional();
        long total = 0;
        int line = firstLine;
        int ordinal = 1;
        for (String code : layout.expenditureClasses()) {
            long v = byClass.getOrDefault(code, 0L);
            total += v;
            out.add(new Row("class:" + code, line++, code, chineseOrdinal(ordinal++) + "、" + functional.nameOf(code),
                    1, ITEM, amounts(values.apply(code, v))));
        }
        for (Map.Entry<String, Long> e : byClass.entrySet()) {
            String code = e.getKey();
            if (code != null && layout.expenditureClasses().contains(code) || e.getValue() == 0) {
                continue;
            }
            total += e.getValue();
            String name;
            if (code == null) {
                name = Rollup.NO_CODE;
            } else if (code.startsWith("invalid:")) {
                name = Rollup.BAD_CODE;
            } else {
                String registered = functional.nameOf(code);
                name = chineseOrdinal(ordinal++) + "、" + (registered == null ? Rollup.UNLISTED : registered);
            }
            out.add(new Row(code == null ? "class:none" : "class:" + code, null,
                    code == null || code.startsWith("invalid:") ? null : code, name, 1, ITEM,
                    amounts(values.apply(code, e.getValue()))));
        }
        return total;
    }

    /** The 类 of a function code, "invalid:<code>" for a malformed one, null for none. */
    private static String classOf(String functionCode) {
        if (functionCode == null) {
            return null;
        }
        return Tier.of(functionCode) == null ? "invalid:" + functionCode : functionCode.substring(0, 3);
    }

    // ---------------------------------------------------------------- 公开02 收入决算表

    private Table income(Layout.TableSpec spec, Facts f) {
        List<Column> columns = List.of(amountColumn("total", "本年收入合计", "1"),
                amountColumn("appropriation", "财政拨款收入", "2"), amountColumn("superior-subsidy", "上级补助收入", "3"),
                amountColumn("business", "事业收入", "4"), amountColumn("operating", "经营收入", "5"),
                amountColumn("affiliated", "附属单位上缴收入", "6"), amountColumn("other", "其他收入", "7"));
        Map<String, long[]> byCode = byCode();
        for (Figures.Allocation a : f.yearAllocations) {
            long[] v = byCode.computeIfAbsent(a.functionCode(), c -> new long[columns.size()]);
            long income = a.incomeCents();
            v[0] += income;
            if (a.fund().isAppropriation()) {
                v[1] += income;
            } else {
                v[6] += income;
            }
        }
        return functionTable(spec, columns, byCode);
    }

    // ---------------------------------------------------------------- 公开03 支出决算表

    private Table expenditure(Layout.TableSpec spec, Facts f) {
        List<Column> columns = List.of(amountColumn("total", "本年支出合计", "1"), amountColumn("basic", "基本支出", "2"),
                amountColumn("project", "项目支出", "3"), amountColumn("remitted", "上缴上级支出", "4"),
                amountColumn("operating", "经营支出", "5"), amountColumn("affiliated", "对附属单位补助支出", "6"));
        Map<String, long[]> byCode = byCode();
        for (Figures.Payment p : f.payments) {
            addSpending(byCode.computeIfAbsent(p.functionCode(), c -> new long[columns.size()]), p);
        }
        return functionTable(spec, columns, byCode);
    }

    private static void addSpending(long[] v, Figures.Payment p) {
        long spent = p.executedCents();
        v[0] += spent;
        v[p.isBasic() ? 1 : 2] += spent;
    }

    // ---------------------------------------------------------------- 公开05 / 公开09: spending of one fund

    private Table spendingByFunction(Layout.TableSpec spec, Facts f, FundType fund, String totalLabel) {
        List<Column> columns = List.of(amountColumn("total", List.of("本年支出", totalLabel), "1"),
                amountColumn("basic", List.of("本年支出", "基本支出"), "2"),
                amountColumn("project", List.of("本年支出", "项目支出"), "3"));
        Map<String, long[]> byCode = byCode();
        for (Figures.Payment p : f.payments) {
            if (p.fund() == fund) {
                addSpending(byCode.computeIfAbsent(p.functionCode(), c -> new long[columns.size()]), p);
            }
        }
        return functionTable(spec, columns, byCode);
    }

    // ---------------------------------------------------------------- 公开08 政府性基金

    private Table governmentFund(Layout.TableSpec spec, Facts f) {
        List<Column> columns = List.of(amountColumn("carry-in", "年初结转和结余", "1"),
                amountColumn("income", "本年收入", "2"), amountColumn("total", List.of("本年支出", "小计"), "3"),
                amountColumn("basic", List.of("本年支出", "基本支出"), "4"),
                amountColumn("project", List.of("本年支出", "项目支出"), "5"),
                amountColumn("carry-out", "年末结转和结余", "6"));
        Map<String, long[]> byCode = byCode();
        for (Figures.Allocation a : f.yearAllocations) {
            if (a.fund() == FundType.GOVERNMENT_FUND) {
                long[] v = byCode.computeIfAbsent(a.functionCode(), c -> new long[columns.size()]);
                v[1] += a.incomeCents();
                v[5] += a.incomeCents();
            }
        }
        // carried in from earlier years' government-fund allocations, by their function code
        for (Figures.Allocation a : f.carryInAllocations) {
            if (a.fund() == FundType.GOVERNMENT_FUND) {
                long[] v = byCode.computeIfAbsent(a.functionCode(), c -> new long[columns.size()]);
                v[0] += a.carriedTo(f.year);
                v[5] += a.carriedTo(f.year);
            }
        }
        for (Figures.Payment p : f.payments) {
            if (p.fund() == FundType.GOVERNMENT_FUND) {
                long[] v = byCode.computeIfAbsent(p.functionCode(), c -> new long[columns.size()]);
                long spent = p.executedCents();
                v[2] += spent;
                v[p.isBasic() ? 3 : 4] += spent;
                v[5] -= spent;
            }
        }
        return functionTable(spec, columns, byCode);
    }

    /** 合计 first (as printed), then 类 → 款 → 项 of the codes with money. */
    private Table functionTable(Layout.TableSpec spec, List<Column> columns, Map<String, long[]> byCode) {
        List<Rollup.Line> lines = Rollup.lines(byCode, classifications.functional(), columns.size());
        long[] total = Rollup.total(lines, columns.size());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("total", null, null, "合计", 0, TOTAL, amounts(columns, total)));
        for (Rollup.Line l : lines) {
            rows.add(new Row(l.key(), null, l.code(), l.name(), l.level(), l.category() ? CATEGORY : ITEM,
                    amounts(columns, l.values())));
        }
        return table(spec, STACKED, List.of(new Block("main", null, CODE_NAME, columns, rows)), null);
    }

    // ---------------------------------------------------------------- 公开04 财政拨款收入支出决算总表

    private Table appropriationSummary(Layout.TableSpec spec, Layout layout, Facts f) {
        int n = Math.max(3, layout.expenditureClasses().size());
        FundType[] funds = {FundType.GENERAL_BUDGET, FundType.GOVERNMENT_FUND, FundType.STATE_CAPITAL};
        String[] fundKeys = {"general-budget", "government-fund", "state-capital"};
        String[] fundNames = {"一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"};

        List<Row> in = new ArrayList<>();
        String[] incomeNames = {"一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营财政拨款"};
        long incomeTotal = 0;
        long carryInTotal = 0;
        for (int i = 0; i < funds.length; i++) {
            in.add(row(fundKeys[i], i + 1, null, incomeNames[i], 0, ITEM, AMOUNT, f.income(funds[i])));
            incomeTotal += f.income(funds[i]);
            carryInTotal += f.carryIn(funds[i]);
        }
        for (int line = 4; line <= n; line++) {
            in.add(blank("income-blank-" + line, line, AMOUNT));
        }
        in.add(row("income-total", n + 1, null, "本年收入合计", 0, TOTAL, AMOUNT, incomeTotal));
        in.add(row("carry-in", n + 2, null, "年初财政拨款结转和结余", 0, ITEM, AMOUNT, carryInTotal));
        for (int i = 0; i < funds.length; i++) {
            in.add(row("carry-in:" + fundKeys[i], n + 3 + i, null, fundNames[i], 0, ITEM, AMOUNT,
                    f.carryIn(funds[i])));
        }
        in.add(row("income-grand-total", n + 6, null, "收入总计", 0, TOTAL, AMOUNT, incomeTotal + carryInTotal));

        List<Column> columns = List.of(amountColumn("total", "合计", "2"),
                amountColumn(fundKeys[0], fundNames[0], "3"), amountColumn(fundKeys[1], fundNames[1], "4"),
                amountColumn(fundKeys[2], fundNames[2], "5"));
        Map<String, long[]> byClass = byClass();
        for (Figures.Payment p : f.payments) {
            if (!p.fund().isAppropriation()) {
                continue;
            }
            long[] v = byClass.computeIfAbsent(classOf(p.functionCode()), c -> new long[4]);
            v[0] += p.executedCents();
            v[1 + indexOf(funds, p.fund())] += p.executedCents();
        }
        Map<String, Long> classTotals = byClass();
        byClass.forEach((k, v) -> classTotals.put(k, v[0]));
        List<Row> out = new ArrayList<>();
        classRows(out, layout, classTotals, n + 7, (code, total) -> {
            long[] v = byClass.getOrDefault(code, new long[4]);
            Map<String, Long> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i).key(), v[i]);
            }
            return m;
        });
        long[] spent = new long[4];
        byClass.values().forEach(v -> Rollup.add(spent, v));
        int base = 2 * n + 7;
        out.add(new Row("expenditure-total", base, null, "本年支出合计", 0, TOTAL, amounts(columns, spent)));
        long[] carryOut = new long[4];
        for (int i = 0; i < funds.length; i++) {
            carryOut[1 + i] = f.carryOut(funds[i]);
            carryOut[0] += carryOut[1 + i];
        }
        out.add(new Row("carry-out", base + 1, null, "年末财政拨款结转和结余", 0, ITEM, amounts(columns, carryOut)));
        for (int i = 0; i < funds.length; i++) {
            Map<String, String> v = new LinkedHashMap<>();
            for (Column c : columns) {
                v.put(c.key(), null);
            }
            v.put("total", yuan(carryOut[1 + i]));
            v.put(fundKeys[i], yuan(carryOut[1 + i]));
            out.add(new Row("carry-out:" + fundKeys[i], base + 2 + i, null, fundNames[i], 0, ITEM, v));
        }
        long[] grand = spent.clone();
        Rollup.add(grand, carryOut);
        out.add(new Row("expenditure-grand-total", base + 5, null, "总计", 0, TOTAL, amounts(columns, grand)));

        Map<String, String> details = new LinkedHashMap<>();
        long carried = f.appropriation(f.carriedOut);
        details.put("carryOutCarriedOver", yuan(carried));
        details.put("carryOutUnspent", yuan(carryOut[0] - carried - carryInTotal));
        details.put("carryInFromEarlierYears", yuan(carryInTotal));
        List<Block> blocks = List.of(
                new Block("income", "收入", ITEM_LINE, List.of(amountColumn(AMOUNT, "金额", "1")), in),
                new Block("expenditure", "支出", ITEM_LINE, columns, out));
        return table(spec, SIDE_BY_SIDE, blocks, details);
    }

    private static int indexOf(FundType[] funds, FundType fund) {
        for (int i = 0; i < funds.length; i++) {
            if (funds[i] == fund) {
                return i;
            }
        }
        throw new IllegalArgumentException(fund.name());
    }

    // ---------------------------------------------------------------- 公开06 by economic code

    private Table byEconomicCode(Layout.TableSpec spec, Layout layout, Facts f) {
        Classification economic = classifications.economic();
        // amount, basic; by economic code (null = none, "invalid:x" = malformed)
        Map<String, long[]> byCode = byCode();
        for (Figures.Payment p : f.payments) {
            if (p.fund() != FundType.GENERAL_BUDGET) {
                continue;
            }
            String code = p.economicCode();
            Tier tier = Tier.of(code);
            String key = code == null ? null : tier == null || tier == Tier.ITEM ? "invalid:" + code : code;
            long[] v = byCode.computeIfAbsent(key, c -> new long[2]);
            v[0] += p.executedCents();
            if (p.isBasic()) {
                v[1] += p.executedCents();
            }
        }
        List<Column> columns = spec.basicOnly() ? List.of(amountColumn("basic", "决算数", null))
                : List.of(amountColumn(AMOUNT, "金额", null), amountColumn("basic", "其中：基本支出", null));
        List<Label> labels = List.of(new Label("code", List.of("科目编码")), new Label("name", List.of("科目名称")));

        Set<String> classes = new TreeSet<>();
        economic.classes().forEach(s -> classes.add(s.code()));
        byCode.keySet().stream().filter(k -> k != null && !k.startsWith("invalid:")).forEach(k -> classes.add(
                k.substring(0, 3)));
        List<Row> personnel = new ArrayList<>();
        List<Row> general = new ArrayList<>();
        long[] personnelTotal = new long[2];
        long[] generalTotal = new long[2];
        for (String c : classes) {
            boolean isPersonnel = layout.personnelClasses().contains(c);
            List<Row> rows = isPersonnel ? personnel : general;
            long[] total = isPersonnel ? personnelTotal : generalTotal;
            Set<String> sections = new TreeSet<>();
            economic.childrenOf(c).forEach(s -> sections.add(s.code()));
            byCode.keySet().stream().filter(k -> k != null && k.length() == 5 && k.startsWith(c))
                    .forEach(sections::add);
            long[] classSum = new long[2];
            List<Row> children = new ArrayList<>();
            long[] direct = byCode.get(c);
            if (direct != null && !Rollup.isZero(direct)) {
                children.add(economicRow(c + "/direct", c, Rollup.NOT_BROKEN_DOWN, 2, ITEM, direct, spec));
                Rollup.add(classSum, direct);
            }
            for (String s : sections) {
                long[] v = byCode.getOrDefault(s, new long[2]);
                Rollup.add(classSum, v);
                String name = economic.nameOf(s);
                children.add(economicRow(s, s, name == null ? Rollup.UNLISTED : name, 2, ITEM, v, spec));
            }
            String name = economic.nameOf(c);
            rows.add(economicRow(c, c, name == null ? Rollup.UNLISTED : name, 1, CATEGORY, classSum, spec));
            rows.addAll(children);
            Rollup.add(total, classSum);
        }
        for (Map.Entry<String, long[]> e : byCode.entrySet()) {
            String k = e.getKey();
            if (k == null || k.startsWith("invalid:")) {
                String code = k == null ? null : k.substring("invalid:".length());
                general.add(economicRow(k == null ? "no-code" : k, code, k == null ? Rollup.NO_CODE : Rollup.BAD_CODE,
                        1, ITEM, e.getValue(), spec));
                Rollup.add(generalTotal, e.getValue());
            }
        }
        personnel.add(economicRow("personnel-total", null, "人员经费合计", 0, TOTAL, personnelTotal, spec));
        general.add(economicRow("public-total", null, "公用经费合计", 0, TOTAL, generalTotal, spec));
        List<Block> blocks = List.of(new Block("personnel", "人员经费", labels, columns, personnel),
                new Block("public", "公用经费", labels, columns, general));
        return table(spec, SIDE_BY_SIDE, blocks, null);
    }

    private static Row economicRow(String key, String code, String name, int level, String style, long[] v,
            Layout.TableSpec spec) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!spec.basicOnly()) {
            values.put(AMOUNT, yuan(v[0]));
        }
        values.put("basic", yuan(v[1]));
        return new Row(key, null, code, name, level, style, values);
    }

    // ---------------------------------------------------------------- 公开07 三公

    private Table threePublic(Layout.TableSpec spec, Facts f) {
        String[] parts = {"total", "abroad", "vehicle", "vehicle-purchase", "vehicle-operation", "reception"};
        List<List<String>> headers = List.of(List.of("合计"), List.of("因公出国（境）费"),
                List.of("公务用车购置及运行维护费", "小计"), List.of("公务用车购置及运行维护费", "公务用车购置费"),
                List.of("公务用车购置及运行维护费", "公务用车运行维护费"), List.of("公务接待费"));
        List<Column> columns = new ArrayList<>();
        int no = 1;
        for (String side : List.of("budget", "actual")) {
            String top = side.equals("budget") ? "预算数" : "决算数";
            for (int i = 0; i < parts.length; i++) {
                List<String> h = new ArrayList<>();
                h.add(top);
                h.addAll(headers.get(i));
                columns.add(amountColumn(side + "-" + parts[i], h, String.valueOf(no++)));
            }
        }
        long[] budget = new long[parts.length];
        for (Figures.Allocation a : f.yearAllocations) {
            if (a.fund().isAppropriation()) {
                addThreePublic(budget, a.economicCode(), a.budgetCents());
            }
        }
        long[] actual = new long[parts.length];
        for (Figures.Payment p : f.payments) {
            if (p.fund().isAppropriation()) {
                addThreePublic(actual, p.economicCode(), p.executedCents());
            }
        }
        long[] all = new long[columns.size()];
        System.arraycopy(budget, 0, all, 0, parts.length);
        System.arraycopy(actual, 0, all, parts.length, parts.length);
        List<Row> rows = List.of(new Row("total", null, null, "合计", 0, TOTAL, amounts(columns, all)));
        return table(spec, STACKED, List.of(new Block("main", null, List.of(), columns, rows)), null);
    }

    /** parts: 0 total, 1 abroad, 2 vehicle (小计), 3 vehicle purchase, 4 vehicle operation, 5 reception. */
    private static void addThreePublic(long[] parts, String economicCode, long cents) {
        if (economicCode == null) {
            return;
        }
        int part;
        if (ABROAD.contains(economicCode)) {
            part = 1;
        } else if (VEHICLE_PURCHASE.contains(economicCode)) {
            part = 3;
        } else if (VEHICLE_OPERATION.contains(economicCode)) {
            part = 4;
        } else if (RECEPTION.contains(economicCode)) {
            part = 5;
        } else {
            return;
        }
        parts[part] += cents;
        if (part == 3 || part == 4) {
            parts[2] += cents;
        }
        parts[0] += cents;
    }

    // ---------------------------------------------------------------- 公开10 相关信息统计表

    private Table relatedInformation(Layout.TableSpec spec, Layout layout, Facts f) {
        long goods = 0;
        long works = 0;
        long services = 0;
        long office = 0;
        for (Figures.Payment p : f.payments) {
            if (p.procurement() == Events.ProcurementCategory.GOODS) {
                goods += p.executedCents();
            } else if (p.procurement() == Events.ProcurementCategory.WORKS) {
                works += p.executedCents();
            } else if (p.procurement() == Events.ProcurementCategory.SERVICES) {
                services += p.executedCents();
            }
            if (p.fund() == FundType.GENERAL_BUDGET && p.isBasic() && p.economicCode() != null
                    && Tier.of(p.economicCode()) != null
                    && layout.officeOperationClasses().contains(p.economicCode().substring(0, 3))) {
                office += p.executedCents();
            }
        }
        List<Row> procurement = List.of(
                row("procurement-total", 1, null, "合计", 0, TOTAL, AMOUNT, goods + works + services),
                row("goods", 2, null, "货物", 0, ITEM, AMOUNT, goods),
                row("works", 3, null, "工程", 0, ITEM, AMOUNT, works),
                row("services", 4, null, "服务", 0, ITEM, AMOUNT, services));
        // fundflow does not know whether an org is an administrative unit or one managed like one (参公): its
        // 机关运行经费 is printed on the first line.
        Map<String, String> none = new LinkedHashMap<>();
        none.put(AMOUNT, null);
        List<Row> operation = List.of(
                row("office-operation", 5, null, "（一）行政单位", 0, ITEM, AMOUNT, office),
                new Row("office-operation-civil-service-managed", 6, null, "（二）参照公务员法管理事业单位", 0, ITEM, none));
        // 国有资产占用: no event carries vehicles or equipment; the lines are printed, their figures left empty.
        String[][] assetLines = {{"vehicles", "7", "（一）车辆数合计（辆）"}, {"vehicles-senior", "8", "1.副部（省）级及以上领导用车"},
            {"vehicles-principal", "9", "2.主要领导干部用车"}, {"vehicles-confidential", "10", "3.机要通信用车"},
            {"vehicles-emergency", "11", "4.应急保障用车"}, {"vehicles-enforcement", "12", "5.执法执勤用车"},
            {"vehicles-special", "13", "6.特种专业技术用车"}, {"vehicles-retired", "14", "7.离退休干部用车"},
            {"vehicles-other", "15", "8.其他用车"}, {"equipment-over-1m", "17", "（二）单价100万元（含）以上设备（不含车辆）"}};
        List<Row> assets = new ArrayList<>();
        Map<String, String> untracked = new LinkedHashMap<>();
        untracked.put(COUNT, null);
        for (String[] a : assetLines) {
            assets.add(new Row(a[0], Integer.parseInt(a[1]), null, a[2], 0, ITEM, untracked));
        }
        List<Block> blocks = List.of(
                new Block("procurement", "一、政府采购情况", ITEM_LINE, List.of(amountColumn(AMOUNT, "采购金额", null)),
                        procurement),
                new Block("office-operation", "二、机关运行经费", ITEM_LINE,
                        List.of(amountColumn(AMOUNT, "统计数", null)), operation),
                new Block("assets", "三、国有资产占用情况", ITEM_LINE,
                        List.of(new Column(COUNT, List.of("数量"), null, COUNT)), assets));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("assets", "国有资产占用情况 is not carried by any fundflow event: its lines are printed empty");
        return table(spec, STACKED, blocks, details);
    }

    // ---------------------------------------------------------------- 年初预算

    private static FinalAccountsDocument.Budget budget(Layout layout, Facts f) {
        LocalDate by = layout.startOfYearBudgetBy(f.year);
        long startOfYear = 0;
        long fullYear = 0;
        Map<String, Long> byFunction = byCode();
        for (Figures.Allocation a : f.yearAllocations) {
            if (a.fund() != FundType.GENERAL_BUDGET) {
                continue;
            }
            fullYear += a.budgetCents();
            if (a.issuedOn() != null && !a.issuedOn().isAfter(by)) {
                startOfYear += a.amountCents();
                byFunction.merge(a.functionCode(), a.amountCents(), Math::addExact);
            }
        }
        List<FinalAccountsDocument.BudgetLine> lines = new ArrayList<>();
        byFunction.forEach((code, cents) -> lines.add(new FinalAccountsDocument.BudgetLine(code, yuan(cents))));
        return new FinalAccountsDocument.Budget(by.toString(), yuan(startOfYear), lines, yuan(fullYear));
    }

    // ---------------------------------------------------------------- helpers

    private static Table table(Layout.TableSpec spec, String arrangement, List<Block> blocks,
            Map<String, String> details) {
        boolean noData = true;
        for (Block b : blocks) {
            for (Row r : b.rows()) {
                for (String v : r.values().values()) {
                    if (v != null && Money.parse(v).cents() != 0) {
                        noData = false;
                    }
                }
            }
        }
        return new Table(spec.number(), spec.kind().id(), spec.name(), arrangement, blocks,
                spec.note() == null ? List.of() : List.of(spec.note()), details, noData);
    }

    private static Column amountColumn(String key, String header, String columnNo) {
        return new Column(key, List.of(header), columnNo, AMOUNT);
    }

    private static Column amountColumn(String key, List<String> header, String columnNo) {
        return new Column(key, header, columnNo, AMOUNT);
    }

    private static Row row(String key, Integer line, String code, String name, int level, String style,
            String column, long cents) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(column, yuan(cents));
        return new Row(key, line, code, name, level, style, v);
    }

    private static Row blank(String key, int line, String column) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(column, null);
        return new Row(key, line, null, null, 0, BLANK, v);
    }

    private static Map<String, String> amounts(List<Column> columns, long[] values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i).key(), yuan(values[i]));
        }
        return m;
    }

    private static Map<String, String> amounts(Map<String, Long> values) {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, yuan(v)));
        return m;
    }

    /** Keyed by code, a null key (no code) first. */
    private static <V> TreeMap<String, V> byCode() {
        return new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    /** Keyed by 类, a null key (no code) last: printed after the listed 类. */
    private static <V> TreeMap<String, V> byClass() {
        return new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    }

    static String yuan(long cents) {
        return Money.ofCents(cents).toString();
    }

    /** 一, 二, … 九十九, as the summary tables number their 类. */
    static String chineseOrdinal(int n) {
        String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        if (n < 1 || n > 99) {
            return String.valueOf(n);
        }
        if (n < 10) {
            return digits[n];
        }
        int tens = n / 10;
        int ones = n % 10;
        return (tens == 1 ? "" : digits[tens]) + "十" + digits[ones];
    }
}
