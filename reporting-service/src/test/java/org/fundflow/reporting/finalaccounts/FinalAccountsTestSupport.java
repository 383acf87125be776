package org.fundflow.reporting.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.fundflow.reporting.ReportingServiceTestBase;
import org.fundflow.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * Reading and publishing final accounts over HTTP; the module's one Spring context. The tests read the live figures,
 * which are a draft until published, so they read as a national supervisor; they publish as the org's own agency.
 */
abstract class FinalAccountsTestSupport extends ReportingServiceTestBase {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    protected String reader() {
        return nationalSupervisor();
    }

    /** An org code no other test uses (tests share one database). */
    static String newOrg(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String path(String org, int year, String table) {
        return "/api/reports/final-accounts/" + org + "/" + year + "/"
                + URLEncoder.encode(table, StandardCharsets.UTF_8);
    }

    JsonNode table(String org, int year, String table, String query) {
        HttpResponse<byte[]> r = get(path(org, year, table) + (query.isEmpty() ? "" : "?" + query));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        return json(r);
    }

    JsonNode awaitTable(String org, int year, String table, Consumer<JsonNode> condition) {
        List<JsonNode> last = new ArrayList<>(1);
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode t = table(org, year, table, "");
            condition.accept(t);
            last.clear();
            last.add(t);
        });
        return last.get(0);
    }

    /** A row of a table JSON by key, in any block. */
    static JsonNode row(JsonNode table, String key) {
        for (JsonNode block : table.get("blocks")) {
            for (JsonNode row : block.get("rows")) {
                if (key.equals(row.get("key").asString())) {
                    return row;
                }
            }
        }
        throw new AssertionError("no row " + key + " in " + table.get("number"));
    }

    static String value(JsonNode table, String rowKey, String column) {
        JsonNode v = row(table, rowKey).get("values").get(column);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** Every CATEGORY row equals the sum of the rows one level under it, and 合计 the sum of the level-1 rows. */
    static void assertCategoriesAddUp(JsonNode table, String... columns) {
        for (JsonNode block : table.get("blocks")) {
            List<JsonNode> rows = new ArrayList<>();
            block.get("rows").forEach(rows::add);
            for (String column : columns) {
                BigDecimal top = BigDecimal.ZERO.setScale(2);
                JsonNode total = null;
                for (int i = 0; i < rows.size(); i++) {
                    JsonNode r = rows.get(i);
                    int level = r.get("level").asInt();
                    if ("TOTAL".equals(r.get("style").asString()) && total == null) {
                        total = r;
                    }
                    if (level == 1) {
                        top = top.add(new BigDecimal(r.get("values").get(column).asString()));
                    }
                    if ("CATEGORY".equals(r.get("style").asString())) {
                        BigDecimal children = BigDecimal.ZERO.setScale(2);
                        for (int j = i + 1; j < rows.size() && rows.get(j).get("level").asInt() > level; j++) {
                            if (rows.get(j).get("level").asInt() == level + 1) {
                                children = children.add(new BigDecimal(rows.get(j).get("values").get(column)
                                        .asString()));
                            }
                        }
                        assertThat(r.get("values").get(column).asString()).as(r.get("key") + " " + column)
                                .isEqualTo(children.toPlainString());
                    }
                }
                if (total != null) {
                    assertThat(total.get("values").get(column).asString()).as("合计 " + column)
                            .isEqualTo(top.toPlainString());
                }
            }
        }
    }

    HttpResponse<String> publish(String org, int year, String idempotencyKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/reports/final-accounts/" + org + "/" + year + "/publications"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        b.header("Authorization", TestTokens.bearer(TestTokens.agency(org)));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
