package org.fundflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire shape of every event is pinned by a golden file. A field may be added (add it to the golden file too);
 * renaming, removing or retyping one fails here, because consumers already deployed read the old shape.
 */
class EventJsonTest {
    static final JsonMapper json = JsonMapper.builder().build();
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID P = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    static Map<String, Object> examples() {
        return Map.ofEntries(
                Map.entry("ProgramRegistered", new Events.ProgramRegistered("JZ-DBYLHZ", "大病医疗互助", 2020, "2101399",
                        "GENERAL_BUDGET")),
                Map.entry("OrgRegistered", new Events.OrgRegistered("140700-208", "晋中市总工会", "140700", "晋中市")),
                Map.entry("AllocationIssued", new Events.AllocationIssued(A, "JZ-DBYLHZ", "大病医疗互助", 2020, Level.CITY,
                        "140700", "晋中市", null, null, "140700-208", "晋中市总工会", "140700", Level.CITY, P, P,
                        Money.parse("1400000"), "晋中财〔2020〕1号", LocalDate.of(2020, 10, 1), "2101399", null,
                        null)),
                Map.entry("AllocationAdjusted", new Events.AllocationAdjusted(A, Money.parse("-50000"), "调〔2020〕2号",
                        LocalDate.of(2020, 11, 1), "调减")),
                Map.entry("AllocationRecovered", new Events.AllocationRecovered(A, Money.parse("451000"),
                        LocalDate.of(2022, 12, 31), "年底财政收回")),
                Map.entry("AllocationCarriedOver", new Events.AllocationCarriedOver(A, Money.parse("690000"), 2023,
                        LocalDate.of(2022, 12, 31))),
                Map.entry("PaymentRecorded", new Events.PaymentRecorded(P, A, "140700-208", "140700", "JZ-DBYLHZ", 2020,
                        "GENERAL_BUDGET", Money.parse("150000"), LocalDate.of(2020, 10, 20), "2101399", "30307",
                        Events.ExpenditureKind.PROJECT, "榆次区总工会", 120, "JZ-2020-0001", null, null)),
                Map.entry("PaymentReversed", new Events.PaymentReversed(A, P, A, "140700-208", Money.parse("0.57"),
                        LocalDate.of(2020, 11, 2), "退回")),
                Map.entry("SelfEvaluationSubmitted", new Events.SelfEvaluationSubmitted(A, "LS-SJYLJZ", 2022,
                        "141102-YBJ", Events.EvaluationLevel.PROJECT, "lishi-2022", Events.FiguresFrom.SUBMITTED, null,
                        Money.parse("6710000"), Money.parse("2617100"), List.of(
                                new Events.SelfEvaluationSubmitted.Indicator("产出指标", "数量指标", "资助参保人次数",
                                        "≥99%", null, "20", null, null, null, false, "10"),
                                new Events.SelfEvaluationSubmitted.Indicator("效益指标", "社会效益指标", "医疗救助对象覆盖范围",
                                        "逐步拓展", null, "30", "QUALITATIVE", "PARTIALLY_ACHIEVED", "70", false,
                                        null)),
                        new Events.SelfEvaluationSubmitted.Printed("40.49%", "40", Map.of("产出指标", "20"), "40",
                                "中", null), P)),
                Map.entry("SelfEvaluationScored", new Events.SelfEvaluationScored(A, "LS-SJYLJZ", 2022, "141102-YBJ",
                        Events.EvaluationLevel.PROJECT, "lishi-2022", Money.parse("6710000"), Money.parse("2617100"),
                        "0.3900", "39.00", List.of(new Events.SelfEvaluationScored.IndicatorScore("产出指标", "数量指标",
                                "资助参保人次数", "产出指标", "20.00", "10.00", "JUDGED", null, "NOT_ACHIEVED",
                                "judged: the submitter's score 10", List.of("NOT_MEASURED"))),
                        List.of(new Events.SelfEvaluationScored.GroupScore("产出指标", "20.00", "10.00")), "10.00", "差",
                        List.of(new Events.SelfEvaluationScored.Discrepancy("EXECUTION_RATE", "执行率", "40.49%",
                                "39.00%", "全年执行数 / 全年预算数 = 2617100.00 / 6710000.00")),
                        List.of(new Events.SelfEvaluationScored.ReviewFlag("NOT_MEASURED", "资助参保人次数",
                                "no actual value for target '≥99%': the score is the submitter's")),
                        null)),
                Map.entry("Envelope", new EventEnvelope<>(A, "AllocationRecovered", 1, "allocation", A.toString(),
                        Instant.parse("2022-12-31T08:00:00Z"), "finance-bureau-141102", "corr-1",
                        new Actor("finance-bureau-141102", "FINANCE_BUREAU", "141102", null, "203.0.113.7"),
                        new Events.AllocationRecovered(A, Money.parse("451000"), LocalDate.of(2022, 12, 31),
                                "年底财政收回"))));
    }

    static Iterable<String> names() {
        return examples().keySet();
    }

    @ParameterizedTest
    @MethodSource("names")
    void wireShapeMatchesTheGoldenFile(String name) throws IOException {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/contracts/" + name + ".json")) {
            assertThat(in).as("golden file for %s", name).isNotNull();
            expected = json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        JsonNode actual = json.valueToTree(examples().get(name));
        assertThat(actual).isEqualTo(expected);
        // and it reads back into the same record
        Object back = json.treeToValue(actual, examples().get(name).getClass());
        if (!name.equals("Envelope")) {
            assertThat(back).isEqualTo(examples().get(name));
        }
        // amounts are strings, never numbers
        assertNoFloatingNumbers(actual);
    }

    static void assertNoFloatingNumbers(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            throw new AssertionError("floating point number on the wire: " + node);
        }
        for (Iterator<JsonNode> it = node.iterator(); it.hasNext();) {
            assertNoFloatingNumbers(it.next());
        }
    }
}
