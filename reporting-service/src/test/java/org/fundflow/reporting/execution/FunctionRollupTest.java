package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fundflow.reporting.classification.Classification;
import org.fundflow.reporting.classification.Classifications;
import org.fundflow.reporting.classification.Tier;
import org.junit.jupiter.api.Test;

/** Category rows are the sums of their children; the total is the sum of the top rows; nothing drops out. */
class FunctionRollupTest {
    private static final Classification FUNCTION = new Classifications().functional();

    private static Map<String, Spending> lishi2022() {
        Map<String, Spending> byCode = new HashMap<>();
        byCode.put("2101301", new Spending(681707457L, 0));
        byCode.put("2101599", new Spending(5410000L, 0));
        return byCode;
    }

    @Test
    void lishi_2022_rolls_up_to_the_cent_at_every_depth() {
        List<FunctionRollup.Line> seven = FunctionRollup.lines(lishi2022(), FUNCTION, 7);
        assertThat(seven).extracting(FunctionRollup.Line::code, FunctionRollup.Line::name,
                FunctionRollup.Line::tier, FunctionRollup.Line::level, l -> l.spending().executed().toString())
                .containsExactly(
                        tuple("210", "卫生健康支出", Tier.CLASS, 1, "6871174.57"),
                        tuple("21013", "医疗救助", Tier.SECTION, 2, "6817074.57"),
                        tuple("2101301", "城乡医疗救助", Tier.ITEM, 3, "6817074.57"),
                        tuple("21015", "医疗保障管理事务", Tier.SECTION, 2, "54100.00"),
                        tuple("2101599", "其他医疗保障管理事务支出", Tier.ITEM, 3, "54100.00"));
        assertThat(FunctionRollup.total(seven).executed()).hasToString("6871174.57");

        assertThat(FunctionRollup.lines(lishi2022(), FUNCTION, 5)).extracting(FunctionRollup.Line::code)
                .containsExactly("210", "21013", "21015");
        assertThat(FunctionRollup.lines(lishi2022(), FUNCTION, 3)).extracting(FunctionRollup.Line::code)
                .containsExactly("210");
    }

    @Test
    void reversals_are_netted_at_every_level() {
        Map<String, Spending> byCode = new HashMap<>();
        byCode.put("2101301", new Spending(10000000L, 3000000L));
        byCode.put("2080505", new Spending(500L, 0));
        List<FunctionRollup.Line> lines = FunctionRollup.lines(byCode, FUNCTION, 7);
        assertThat(lines).extracting(FunctionRollup.Line::code, l -> l.spending().paid().toString(),
                l -> l.spending().reversed().toString(), l -> l.spending().executed().toString())
                .containsExactly(
                        tuple("208", "5.00", "0.00", "5.00"),
                        tuple("20805", "5.00", "0.00", "5.00"),
                        tuple("2080505", "5.00", "0.00", "5.00"),
                        tuple("210", "100000.00", "30000.00", "70000.00"),
                        tuple("21013", "100000.00", "30000.00", "70000.00"),
                        tuple("2101301", "100000.00", "30000.00", "70000.00"));
        assertThat(FunctionRollup.total(lines).executed()).hasToString("70005.00");
    }

    @Test
    void codes_not_broken_down_unknown_and_missing_keep_every_cent_in_the_table() {
        Map<String, Spending> byCode = new HashMap<>();
        byCode.put("21013", new Spending(100, 0));     // booked on the 款 itself
        byCode.put("2101301", new Spending(200, 0));
        byCode.put("2109901", new Spending(300, 0));   // a 项 not in the registry
        byCode.put(null, new Spending(400, 0));
        byCode.put("21-013", new Spending(500, 0));
        List<FunctionRollup.Line> lines = FunctionRollup.lines(byCode, FUNCTION, 7);
        assertThat(lines).extracting(FunctionRollup.Line::code, FunctionRollup.Line::name, FunctionRollup.Line::level,
                l -> l.spending().paidCents())
                .containsExactly(
                        tuple("210", "卫生健康支出", 1, 600L),
                        tuple("21013", "医疗救助", 2, 300L),
                        tuple("21013", FunctionRollup.NOT_BROKEN_DOWN, 3, 100L),
                        tuple("2101301", "城乡医疗救助", 3, 200L),
                        tuple("21099", "其他卫生健康支出", 2, 300L),
                        tuple("2109901", null, 3, 300L),
                        tuple(null, FunctionRollup.NO_CODE, 1, 400L),
                        tuple("21-013", FunctionRollup.BAD_CODE, 1, 500L));
        assertThat(FunctionRollup.total(lines).paidCents()).isEqualTo(1500L);
        assertThat(FunctionRollup.lines(byCode, FUNCTION, 5)).extracting(FunctionRollup.Line::code)
                .containsExactly("210", "21013", "21099", null, "21-013");
    }

    @Test
    void no_spending_is_no_rows() {
        assertThat(FunctionRollup.lines(Map.of(), FUNCTION, 7)).isEmpty();
        assertThat(FunctionRollup.total(List.of()).executed()).hasToString("0.00");
    }
}
