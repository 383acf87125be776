package org.fundflow.reporting.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.fundflow.reporting.ReportingServiceTestBase;
import tools.jackson.databind.JsonNode;

/** Reading the execution tables over HTTP; the same Spring context as every integration test of the module. */
abstract class ExecutionTestSupport extends ReportingServiceTestBase {

    JsonNode report(String pathAndQuery) {
        HttpResponse<byte[]> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return json(response);
    }

    /** Polls the table until {@code condition} holds (events are consumed asynchronously) and returns it. */
    JsonNode awaitReport(String pathAndQuery, Consumer<JsonNode> condition) {
        List<JsonNode> last = new ArrayList<>(1);
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode report = report(pathAndQuery);
            condition.accept(report);
            last.clear();
            last.add(report);
        });
        return last.get(0);
    }

    static Optional<JsonNode> row(JsonNode report, String field, String value) {
        for (JsonNode row : report.get("rows")) {
            if (value.equals(row.path(field).asString(null))) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    static JsonNode requireRow(JsonNode report, String field, String value) {
        return row(report, field, value).orElseThrow(() -> new AssertionError("no row with " + field + " = " + value
                + " in " + report));
    }

    /** 合计 = Σ rows, exactly, for each amount column (in 元, where nothing is rounded). */
    static void assertTotalIsSumOfRows(JsonNode report, String... amountFields) {
        for (String field : amountFields) {
            BigDecimal sum = BigDecimal.ZERO.setScale(2);
            for (JsonNode row : report.get("rows")) {
                sum = sum.add(new BigDecimal(row.get(field).asString()));
            }
            assertThat(report.at("/total/" + field).asString()).as("total " + field).isEqualTo(sum.toPlainString());
        }
    }

    /**
     * For the function table: 合计 = Σ top rows (类, and the rows of payments without a valid code), and every
     * category row = Σ the rows directly under it, exactly.
     */
    static void assertFunctionTableAddsUp(JsonNode report, String... amountFields) {
        List<JsonNode> rows = new ArrayList<>();
        report.get("rows").forEach(rows::add);
        for (String field : amountFields) {
            BigDecimal top = BigDecimal.ZERO.setScale(2);
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                int level = level(row);
                if (level == 1) {
                    top = top.add(new BigDecimal(row.get(field).asString()));
                }
                if (level < 3 && i + 1 < rows.size() && level(rows.get(i + 1)) == level + 1) {
                    BigDecimal children = BigDecimal.ZERO.setScale(2);
                    for (int j = i + 1; j < rows.size() && level(rows.get(j)) > level; j++) {
                        if (level(rows.get(j)) == level + 1) {
                            children = children.add(new BigDecimal(rows.get(j).get(field).asString()));
                        }
                    }
                    assertThat(row.get(field).asString()).as(row.get("code") + " " + field)
                            .isEqualTo(children.toPlainString());
                }
            }
            assertThat(report.at("/total/" + field).asString()).as("total " + field).isEqualTo(top.toPlainString());
        }
    }

    private static int level(JsonNode row) {
        String tier = s(row, "tier");
        return tier == null || tier.equals("类") ? 1 : tier.equals("款") ? 2 : 3;
    }

    static String s(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
