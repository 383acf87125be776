package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Spending by function code (支出功能分类), from payment events: 离石 2022 (seed 002, fixture 公开03/05), project
 * spending of 离石区医疗保障局 on 2101301 城乡医疗救助 (中央 4,200,000.00 + 省级 2,617,074.57) and 2101599 其他医疗保障管理
 * 事务支出 (能力提升 54,100.00). This is the only test of the module with payments in 141102 in 2022.
 */
class ExecutionByFunctionTest extends ExecutionTestSupport {
    private static final String QUERY = "/api/reports/execution/by-function?fiscalYear=2022&region=141102"
            + "&asOf=2022-12-31";

    @Test
    void lishi_2022_rolls_up_class_section_item_exactly() {
        Events.AllocationIssued central = orgAllocation("LS2022-ZYYLJZ", "2022年中央财政医疗救助资金", Level.CENTRAL,
                "4200000.00");
        Events.AllocationIssued provincial = orgAllocation("LS2022-SJYLJZ", "2022年省级财政医疗救助补助资金",
                Level.PROVINCIAL, "6710000.00");
        Events.AllocationIssued capacity = orgAllocation("LS2022-NLTS", "2022年医疗保障服务能力提升补助资金",
                Level.CENTRAL, "150000.00");
        for (Events.AllocationIssued a : List.of(central, provincial, capacity)) {
            events().issued(a);
        }
        events().paid(pay(central).amount("4200000.00", "2022-06-30").function("2101301").build());
        events().paid(pay(provincial).amount("2617074.57", "2022-11-30").function("2101301").build());
        events().paid(pay(capacity).amount("54100.00", "2022-12-20").function("2101599")
                .economic("30216", Events.ExpenditureKind.PROJECT).build());

        JsonNode report = awaitReport(QUERY, r -> assertThat(r.at("/total/executed").asString())
                .isEqualTo("6871174.57"));
        assertThat(rows(report)).containsExactly(
                tuple("210", "卫生健康支出", "类", "6871174.57"),
                tuple("21013", "医疗救助", "款", "6817074.57"),
                tuple("2101301", "城乡医疗救助", "项", "6817074.57"),
                tuple("21015", "医疗保障管理事务", "款", "54100.00"),
                tuple("2101599", "其他医疗保障管理事务支出", "项", "54100.00"));
        assertThat(report.at("/total/paid").asString()).isEqualTo("6871174.57");
        assertThat(report.at("/total/reversed").asString()).isEqualTo("0.00");
        assertThat(report.get("depth").asInt()).isEqualTo(7);
        assertThat(report.at("/region/code").asString()).isEqualTo("141102");
        assertThat(report.at("/region/name").asString()).isEqualTo("离石区");
        assertFunctionTableAddsUp(report, "paid", "reversed", "executed");

        assertThat(rows(report(QUERY + "&depth=5"))).containsExactly(
                tuple("210", "卫生健康支出", "类", "6871174.57"),
                tuple("21013", "医疗救助", "款", "6817074.57"),
                tuple("21015", "医疗保障管理事务", "款", "54100.00"));
        JsonNode classes = report(QUERY + "&depth=3");
        assertThat(rows(classes)).containsExactly(tuple("210", "卫生健康支出", "类", "6871174.57"));
        assertThat(classes.at("/total/executed").asString()).isEqualTo("6871174.57");
        assertFunctionTableAddsUp(classes, "executed");

        // As of the end of June only the central money had been paid.
        assertThat(rows(report("/api/reports/execution/by-function?fiscalYear=2022&region=141102&asOf=2022-06-30")))
                .containsExactly(
                        tuple("210", "卫生健康支出", "类", "4200000.00"),
                        tuple("21013", "医疗救助", "款", "4200000.00"),
                        tuple("2101301", "城乡医疗救助", "项", "4200000.00"));

        // 万元: each figure rounded half-up from its exact 分 sum, with the note.
        JsonNode wan = report(QUERY + "&unit=wan");
        assertThat(rows(wan)).containsExactly(
                tuple("210", "卫生健康支出", "类", "687.12"),
                tuple("21013", "医疗救助", "款", "681.71"),
                tuple("2101301", "城乡医疗救助", "项", "681.71"),
                tuple("21015", "医疗保障管理事务", "款", "5.41"),
                tuple("2101599", "其他医疗保障管理事务支出", "项", "5.41"));
        assertThat(wan.get("unit").asString()).isEqualTo("万元");
        assertThat(wan.get("note").asString()).isEqualTo("本表金额单位转换时可能存在尾数误差");
        assertThat(wan.at("/total/executed").asString()).isEqualTo("687.12");

        // The CSV carries the same rows, in the published layout.
        String csv = text(get(QUERY + "&unit=wan&format=csv"));
        assertThat(csv).isEqualTo("\uFEFF2022年度离石区支出功能分类执行表（截至2022-12-31）,,,,,\r\n"
                + "单位：万元,,,,,\r\n"
                + "科目编码,科目名称,级次,支付金额,冲销金额,支出金额\r\n"
                + "210,卫生健康支出,类,687.12,0.00,687.12\r\n"
                + "21013,医疗救助,款,681.71,0.00,681.71\r\n"
                + "2101301,城乡医疗救助,项,681.71,0.00,681.71\r\n"
                + "21015,医疗保障管理事务,款,5.41,0.00,5.41\r\n"
                + "2101599,其他医疗保障管理事务支出,项,5.41,0.00,5.41\r\n"
                + "合计,,,687.12,0.00,687.12\r\n"
                + "注：本表金额单位转换时可能存在尾数误差,,,,,\r\n");

        // Per program: the provincial money alone.
        assertThat(rows(report(QUERY + "&programCode=" + provincial.programCode()))).containsExactly(
                tuple("210", "卫生健康支出", "类", "2617074.57"),
                tuple("21013", "医疗救助", "款", "2617074.57"),
                tuple("2101301", "城乡医疗救助", "项", "2617074.57"));

        // The same payments in the by-fund table: 100 %, 39.00 % (not the printed 40.49 %), 36.07 %.
        JsonNode funds = report("/api/reports/execution/by-fund?fiscalYear=2022&region=141102&asOf=2022-12-31");
        assertThat(s(requireRow(funds, "programCode", central.programCode()), "executionPercent"))
                .isEqualTo("100.00%");
        JsonNode p = requireRow(funds, "programCode", provincial.programCode());
        assertThat(s(p, "executed")).isEqualTo("2617074.57");
        assertThat(s(p, "executionRate")).isEqualTo("0.3900");
        assertThat(s(requireRow(funds, "programCode", capacity.programCode()), "executionRate")).isEqualTo("0.3607");
    }

    private Events.AllocationIssued orgAllocation(String prefix, String name, Level source, String amount) {
        return issue(uniqueProgram(prefix), name, 2022).source(source).from("141102", "离石区")
                .toOrg("LS-YBJ", "吕梁市离石区医疗保障局", "141102").amount(amount).doc("离财社〔2022〕test号", "2022-05-06")
                .build();
    }

    private static List<Tuple> rows(JsonNode report) {
        List<Tuple> rows = new ArrayList<>();
        for (JsonNode r : report.get("rows")) {
            rows.add(tuple(s(r, "code"), s(r, "name"), s(r, "tier"), s(r, "executed")));
        }
        return rows;
    }
}
