package org.fundflow.reporting.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Events.ProcurementCategory;
import org.fundflow.contracts.Money;
import org.fundflow.reporting.classification.Classifications;
import org.fundflow.reporting.export.AmountUnit;
import org.junit.jupiter.api.Test;

/**
 * The tables of 离石 2022 (shared/fixtures/final-accounts.json) built from one consistent set of payment cells —
 * the same cells the local-run fixture loader sends through the API — without Spring: every row of 公开01–06 and
 * 公开10, to the 分, and the 第三部分 figures the narrative computes from them.
 */
class LishiTablesTest {
    private static final Classifications REGISTRY = new Classifications();
    private static final Layouts LAYOUTS = new Layouts(REGISTRY);

    static final ExpenditureKind B = ExpenditureKind.BASIC;
    static final ExpenditureKind P = ExpenditureKind.PROJECT;

    static Figures.Payment pay(String function, String economic, ExpenditureKind kind, ProcurementCategory proc,
            String yuan) {
        return new Figures.Payment(FundType.GENERAL_BUDGET, function, economic, kind, proc, Money.parse(yuan).cents(),
                0);
    }

    static Figures.Allocation allocation(String function, String yuan) {
        return new Figures.Allocation(UUID.randomUUID(), 2022, "P-" + function, FundType.GENERAL_BUDGET, function,
                null, LocalDate.of(2022, 1, 20), Money.parse(yuan).cents(), 0, 0, Map.of());
    }

    static FinalAccountsDocument lishi() {
        List<Figures.Payment> p = new ArrayList<>();
        String[][] basic = {{"30101", "288947.86"}, {"30102", "220896.00"}, {"30103", "29991.14"},
            {"30108", "66946.32"}, {"30110", "27197.16"}, {"30111", "12689.01"}, {"30112", "409.59"},
            {"30113", "68880.00"}, {"30201", "7800.00"}, {"30228", "5085.77"}, {"30229", "14833.00"},
            {"30239", "45000.00"}};
        for (String[] b : basic) {
            p.add(pay("2101501", b[0], B, null, b[1]));
        }
        p.add(pay("2101301", "30307", P, null, "6817074.57"));
        p.add(pay("2101501", "30201", P, null, "55992.00"));
        p.add(pay("2101501", "30202", P, ProcurementCategory.SERVICES, "40640.00"));
        p.add(pay("2101599", "30202", P, ProcurementCategory.SERVICES, "29360.00"));
        p.add(pay("2101599", "30207", P, null, "14000.00"));
        p.add(pay("2101599", "30216", P, null, "54124.00"));
        p.add(pay("2101599", "30226", P, null, "6640.00"));
        p.add(pay("2101599", "30299", P, null, "6000.00"));
        p.add(pay("2101599", "31002", P, ProcurementCategory.GOODS, "12120.00"));
        List<Figures.Allocation> a = List.of(allocation("2101301", "6817074.57"), allocation("2101501", "788675.85"),
                allocation("2101501", "96632.00"), allocation("2101599", "122244.00"));
        Layout layout = LAYOUTS.forOrg("141102", 2022);
        return new TableBuilder(REGISTRY).build("141102-YBJ", "吕梁市离石区医疗保障局", "141102", layout,
                new Figures(2022, a, p));
    }

    static String v(FinalAccountsDocument d, String number, String row, String column) {
        return d.table(number).orElseThrow().row(row).orElseThrow(() -> new AssertionError(number + " " + row))
                .value(column);
    }

    @Test
    void everyTableOfLishi2022ComesOutOfTheCells() {
        FinalAccountsDocument d = lishi();
        assertThat(d.layoutId()).isEqualTo("lishi-2022");
        assertThat(d.tables()).extracting(FinalAccountsDocument.Table::number).containsExactly("公开01", "公开02",
                "公开03", "公开04", "公开05", "公开06", "公开07", "公开08", "公开09", "公开10");
        // 公开01
        assertThat(v(d, "公开01", "general-budget", "amount")).isEqualTo("7824626.42");
        assertThat(v(d, "公开01", "income-total", "amount")).isEqualTo("7824626.42");
        assertThat(v(d, "公开01", "income-grand-total", "amount")).isEqualTo("7824626.42");
        assertThat(v(d, "公开01", "class:210", "amount")).isEqualTo("7824626.42");
        assertThat(v(d, "公开01", "expenditure-total", "amount")).isEqualTo("7824626.42");
        assertThat(v(d, "公开01", "carry-out", "amount")).isEqualTo("0.00");
        assertThat(v(d, "公开01", "expenditure-grand-total", "amount")).isEqualTo("7824626.42");
        FinalAccountsDocument.Row r210 = d.table("公开01").orElseThrow().row("class:210").orElseThrow();
        assertThat(r210.line()).isEqualTo(40);
        assertThat(r210.name()).isEqualTo("九、卫生健康支出");
        assertThat(d.table("公开01").orElseThrow().row("income-total").orElseThrow().line()).isEqualTo(27);
        assertThat(d.table("公开01").orElseThrow().row("expenditure-grand-total").orElseThrow().line()).isEqualTo(62);
        // 公开02
        String[][] income = {{"total", "7824626.42"}, {"210", "7824626.42"}, {"21013", "6817074.57"},
            {"2101301", "6817074.57"}, {"21015", "1007551.85"}, {"2101501", "885307.85"}, {"2101599", "122244.00"}};
        for (String[] r : income) {
            assertThat(v(d, "公开02", r[0], "total")).as("公开02 " + r[0]).isEqualTo(r[1]);
            assertThat(v(d, "公开02", r[0], "appropriation")).as("公开02 " + r[0]).isEqualTo(r[1]);
        }
        // 公开03 / 公开05
        String[][] spending = {{"total", "7824626.42", "788675.85", "7035950.57"},
            {"210", "7824626.42", "788675.85", "7035950.57"}, {"21013", "6817074.57", "0.00", "6817074.57"},
            {"2101301", "6817074.57", "0.00", "6817074.57"}, {"21015", "1007551.85", "788675.85", "218876.00"},
            {"2101501", "885307.85", "788675.85", "96632.00"}, {"2101599", "122244.00", "0.00", "122244.00"}};
        for (String table : List.of("公开03", "公开05")) {
            assertThat(d.table(table).orElseThrow().blocks().get(0).rows()).hasSize(spending.length);
            for (String[] r : spending) {
                assertThat(v(d, table, r[0], "total")).as(table + " " + r[0]).isEqualTo(r[1]);
                assertThat(v(d, table, r[0], "basic")).as(table + " " + r[0]).isEqualTo(r[2]);
                assertThat(v(d, table, r[0], "project")).as(table + " " + r[0]).isEqualTo(r[3]);
            }
        }
        // 公开04
        assertThat(v(d, "公开04", "general-budget", "amount")).isEqualTo("7824626.42");
        assertThat(v(d, "公开04", "income-grand-total", "amount")).isEqualTo("7824626.42");
        assertThat(v(d, "公开04", "class:210", "general-budget")).isEqualTo("7824626.42");
        assertThat(v(d, "公开04", "expenditure-grand-total", "total")).isEqualTo("7824626.42");
        assertThat(d.table("公开04").orElseThrow().row("class:210").orElseThrow().line()).isEqualTo(41);
        assertThat(d.table("公开04").orElseThrow().row("expenditure-grand-total").orElseThrow().line()).isEqualTo(64);
        // 公开06
        String[][] economic = {{"301", "715957.08", "715957.08"}, {"30101", "288947.86", "288947.86"},
            {"30102", "220896.00", "220896.00"}, {"30103", "29991.14", "29991.14"}, {"30108", "66946.32", "66946.32"},
            {"30110", "27197.16", "27197.16"}, {"30111", "12689.01", "12689.01"}, {"30112", "409.59", "409.59"},
            {"30113", "68880.00", "68880.00"}, {"303", "6817074.57", "0.00"}, {"30307", "6817074.57", "0.00"},
            {"302", "279474.77", "72718.77"}, {"30201", "63792.00", "7800.00"}, {"30202", "70000.00", "0.00"},
            {"30207", "14000.00", "0.00"}, {"30216", "54124.00", "0.00"}, {"30226", "6640.00", "0.00"},
            {"30228", "5085.77", "5085.77"}, {"30229", "14833.00", "14833.00"}, {"30239", "45000.00", "45000.00"},
            {"30299", "6000.00", "0.00"}, {"310", "12120.00", "0.00"}, {"31002", "12120.00", "0.00"},
            {"personnel-total", "7533031.65", "715957.08"}, {"public-total", "291594.77", "72718.77"},
            {"30106", "0.00", "0.00"}, {"309", "0.00", "0.00"}};
        for (String[] r : economic) {
            assertThat(v(d, "公开06", r[0], "amount")).as("公开06 " + r[0]).isEqualTo(r[1]);
            assertThat(v(d, "公开06", r[0], "basic")).as("公开06 " + r[0] + " basic").isEqualTo(r[2]);
        }
        // 公开07 三公: all zero, no data
        assertThat(d.table("公开07").orElseThrow().noData()).isTrue();
        assertThat(d.table("公开07").orElseThrow().row("total").orElseThrow().values().values())
                .containsOnly("0.00").hasSize(12);
        assertThat(d.table("公开08").orElseThrow().noData()).isTrue();
        assertThat(d.table("公开09").orElseThrow().noData()).isTrue();
        // 公开10
        assertThat(v(d, "公开10", "procurement-total", "amount")).isEqualTo("82120.00");
        assertThat(v(d, "公开10", "goods", "amount")).isEqualTo("12120.00");
        assertThat(v(d, "公开10", "works", "amount")).isEqualTo("0.00");
        assertThat(v(d, "公开10", "services", "amount")).isEqualTo("70000.00");
        assertThat(v(d, "公开10", "office-operation", "amount")).isEqualTo("72718.77");
        assertThat(v(d, "公开10", "vehicles", "count")).isNull();
        // 年初预算
        assertThat(d.budget().startOfYear()).isEqualTo("7824626.42");
        assertThat(d.budget().startOfYearBy()).isEqualTo("2022-03-31");
    }

    @Test
    void theNarrativeFiguresAreComputedFromTheTables() {
        Narrative.View n = Narrative.of(lishi(), null, null, AmountUnit.YUAN, null, null);
        assertThat(n.overview().incomeTotal()).isEqualTo("7824626.42");
        assertThat(n.overview().expenditureTotal()).isEqualTo("7824626.42");
        assertThat(n.overview().incomeChange()).isNull();
        assertThat(n.income().items().get(0).sharePercent()).isEqualTo("100.00%");
        assertThat(n.expenditure().items().get(0).amount()).isEqualTo("788675.85");
        assertThat(n.expenditure().items().get(0).sharePercent()).isEqualTo("10.08%");
        assertThat(n.expenditure().items().get(1).amount()).isEqualTo("7035950.57");
        assertThat(n.expenditure().items().get(1).sharePercent()).isEqualTo("89.92%");
        assertThat(n.generalBudget().shareOfExpenditurePercent()).isEqualTo("100.00%");
        assertThat(n.generalBudget().personnel().amount()).isEqualTo("715957.08");
        assertThat(n.generalBudget().personnel().sharePercent()).isEqualTo("9.15%");
        assertThat(n.generalBudget().dailyPublic().amount()).isEqualTo("72718.77");
        assertThat(n.generalBudget().dailyPublic().sharePercent()).isEqualTo("0.93%");
        assertThat(n.generalBudget().byFunction().get(0).code()).isEqualTo("210");
        assertThat(n.generalBudget().byFunction().get(0).sharePercent()).isEqualTo("100.00%");
        assertThat(n.generalBudget().execution().startOfYearBudget()).isEqualTo("7824626.42");
        assertThat(n.generalBudget().execution().completionPercent()).isEqualTo("100.00%");
        assertThat(n.generalBudget().execution().items()).extracting(Narrative.ExecutionLine::code,
                Narrative.ExecutionLine::actual).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2101301", "6817074.57"),
                        org.assertj.core.groups.Tuple.tuple("2101501", "885307.85"),
                        org.assertj.core.groups.Tuple.tuple("2101599", "122244.00"));
        assertThat(n.basicExpenditure().total()).isEqualTo("788675.85");
        assertThat(n.basicExpenditure().personnel()).isEqualTo("715957.08");
        assertThat(n.basicExpenditure().dailyPublic()).isEqualTo("72718.77");
        assertThat(n.threePublic().actual()).isEqualTo("0.00");
        assertThat(n.threePublic().completionPercent()).isEqualTo("0.00%");
        assertThat(n.officeOperation().amount()).isEqualTo("72718.77");
        assertThat(n.procurement().total()).isEqualTo("82120.00");
        assertThat(n.governmentFund().noData()).isTrue();
    }
}
