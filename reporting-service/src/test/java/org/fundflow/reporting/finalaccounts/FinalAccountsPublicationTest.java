package org.fundflow.reporting.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Level;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Publishing freezes a year: version 1 carries the SHA-256 of the canonical JSON of every table (the same hash as
 * long as the figures are the same), publishing unchanged figures again is a 409, a correction publishes version 2
 * with the changed rows in its diff while version 1 still shows the old figures, and the stored versions refuse
 * UPDATE and DELETE.
 */
class FinalAccountsPublicationTest extends FinalAccountsTestSupport {
    private static final String REGION = "141123";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void publishing_freezes_a_version_and_a_correction_makes_the_next_one_with_a_diff() throws Exception {
        String org = newOrg("FA-XY");
        String program = uniqueProgram("FA-PUB");
        events().org(Events.ORG_REGISTERED, new Events.OrgRegistered(org, "兴县测试局", REGION, "兴县"));
        events().registered(new Events.ProgramRegistered(program, "发布测试", 2023, "2101501", "GENERAL_BUDGET"));
        Events.AllocationIssued a = issue(program, "发布测试", 2023).source(Level.COUNTY).from(REGION, "兴县")
                .toOrg(org, "兴县测试局", REGION).function("2101501").amount("500000.00")
                .doc("兴财〔2023〕1号", "2023-01-10").build();
        events().issued(a);
        Events.PaymentRecorded salary = pay(a).amount("120000.00", "2023-02-01").function("2101501")
                .economic("30101", ExpenditureKind.BASIC).build();
        events().paid(salary);
        events().paid(pay(a).amount("30000.00", "2023-03-01").function("2101501")
                .economic("30201", ExpenditureKind.BASIC).build());
        awaitTable(org, 2023, "公开03", t -> assertThat(value(t, "total", "total")).isEqualTo("150000.00"));

        // the live figures have a stable hash
        String liveHash = json(get("/api/reports/final-accounts/" + org + "/2023")).get("liveContentHash").asString();
        assertThat(json(get("/api/reports/final-accounts/" + org + "/2023")).get("liveContentHash").asString())
                .isEqualTo(liveHash);
        assertThat(table(org, 2023, "公开03", "").get("contentHash").asString()).isEqualTo(liveHash);

        // a write needs an Idempotency-Key
        HttpResponse<String> noKey = publish(org, 2023, null);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noKey.body()).get("field").asString()).isEqualTo("Idempotency-Key");

        String key1 = UUID.randomUUID().toString();
        HttpResponse<String> first = publish(org, 2023, key1);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode v1 = JSON.readTree(first.body());
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("contentHash").asString()).isEqualTo(liveHash).hasSize(64);
        assertThat(v1.get("publishedBy").asString()).isEqualTo("agency-" + org);
        assertThat(v1.get("previousVersion").isNull()).isTrue();
        assertThat(v1.at("/diff/added")).isEmpty();
        assertThat(v1.at("/diff/changed")).isEmpty();
        assertThat(v1.at("/diff/removed")).isEmpty();

        // a retry with the same key replays the answer; unchanged figures under a new key are a 409
        HttpResponse<String> replay = publish(org, 2023, key1);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(replay.body())).isEqualTo(v1);
        HttpResponse<String> again = publish(org, 2023, UUID.randomUUID().toString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("detail").asString()).contains("nothing changed since version 1");

        // the stored document is the canonical JSON whose SHA-256 is the content hash
        JsonNode stored = json(get("/api/reports/final-accounts/" + org + "/2023/publications/1"));
        String canonical = JSON.writeValueAsString(stored.get("document"));
        assertThat(sha256(canonical)).isEqualTo(liveHash);
        assertThat(stored.at("/document/tables/2/number").asString()).isEqualTo("公开03");

        // a correction: part of the salary reversed, a new line of spending on 2101599
        events().reversed(salary, "20000.00", "2023-04-01");
        events().paid(pay(a).amount("8888.88", "2023-05-01").function("2101599")
                .economic("30202", ExpenditureKind.PROJECT).build());
        awaitTable(org, 2023, "公开03", t -> assertThat(value(t, "total", "total")).isEqualTo("138888.88"));
        HttpResponse<String> second = publish(org, 2023, UUID.randomUUID().toString());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        JsonNode v2 = JSON.readTree(second.body());
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("previousVersion").asInt()).isEqualTo(1);
        assertThat(v2.get("contentHash").asString()).isNotEqualTo(liveHash);
        assertThat(v2.at("/diff/previousVersion").asInt()).isEqualTo(1);
        JsonNode changedTotal = change(v2.at("/diff/changed"), "公开03", "total");
        assertThat(changedTotal.at("/before/total").asString()).isEqualTo("150000.00");
        assertThat(changedTotal.at("/after/total").asString()).isEqualTo("138888.88");
        assertThat(changedTotal.at("/after/project").asString()).isEqualTo("8888.88");
        JsonNode salaryRow = change(v2.at("/diff/changed"), "公开06", "30101");
        assertThat(salaryRow.at("/before/amount").asString()).isEqualTo("120000.00");
        assertThat(salaryRow.at("/after/amount").asString()).isEqualTo("100000.00");
        JsonNode addedItem = change(v2.at("/diff/added"), "公开03", "2101599");
        assertThat(addedItem.at("/after/total").asString()).isEqualTo("8888.88");
        assertThat(addedItem.get("before").isNull()).isTrue();
        assertThat(v2.at("/diff/removed")).isEmpty();
        // rows that did not change are not in the diff
        for (JsonNode c : v2.at("/diff/changed")) {
            assertThat(c.get("row").asString()).isNotEqualTo("30201");
        }

        // version 1 still shows what was published; live and version 2 the corrected figures
        JsonNode old = table(org, 2023, "公开03", "version=1");
        assertThat(old.get("status").asString()).isEqualTo("published");
        assertThat(old.get("version").asInt()).isEqualTo(1);
        assertThat(old.get("contentHash").asString()).isEqualTo(liveHash);
        assertThat(value(old, "total", "total")).isEqualTo("150000.00");
        assertThat(value(table(org, 2023, "公开03", "version=2"), "total", "total")).isEqualTo("138888.88");
        assertThat(value(table(org, 2023, "公开03", ""), "total", "total")).isEqualTo("138888.88");
        HttpResponse<byte[]> oldCsv = get(path(org, 2023, "公开03") + "?version=1&format=csv");
        assertThat(text(oldCsv)).contains("合计,,150000.00,150000.00,");
        assertThat(oldCsv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"final-accounts-"
                + org + "-2023-expenditure-v1.csv\"");

        JsonNode list = json(get("/api/reports/final-accounts/" + org + "/2023/publications"));
        assertThat(list.get("latestVersion").asInt()).isEqualTo(2);
        assertThat(list.get("publications")).hasSize(2);
        assertThat(list.at("/publications/1/rowsAdded").asInt()).isPositive();
        assertThat(json(get("/api/reports/final-accounts/" + org + "/2023")).get("latestPublishedVersion").asInt())
                .isEqualTo(2);

        // published rows are immutable
        assertThatThrownBy(() -> jdbc.update("UPDATE final_accounts_publication SET content_hash = 'x' "
                + "WHERE org_code = ? AND fiscal_year = 2023", org)).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM final_accounts_publication WHERE org_code = ?", org))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT content_hash FROM final_accounts_publication WHERE org_code = ? "
                + "AND version = 1", String.class, org)).isEqualTo(liveHash);
    }

    @Test
    void the_same_figures_give_the_same_document_whatever_order_the_events_arrive_in() throws Exception {
        // two years of one org with the same figures, their events sent in opposite orders: the canonical
        // documents differ only in the year
        String org = newOrg("FA-XY");
        String program = uniqueProgram("FA-HASH");
        events().org(Events.ORG_REGISTERED, new Events.OrgRegistered(org, "兴县测试局", REGION, "兴县"));
        List<String> hashes = new ArrayList<>();
        for (int year : new int[] {2021, 2022}) {
            events().registered(new Events.ProgramRegistered(program, "哈希测试", year, "2101501", "GENERAL_BUDGET"));
            Events.AllocationIssued a = issue(program, "哈希测试", year).source(Level.COUNTY).from(REGION, "兴县")
                    .toOrg(org, "兴县测试局", REGION).function("2101501").amount("1000.00")
                    .doc("兴财〔" + year + "〕1号", year + "-01-10").build();
            Events.PaymentRecorded p1 = pay(a).amount("100.10", year + "-02-01").function("2101501")
                    .economic("30101", ExpenditureKind.BASIC).build();
            Events.PaymentRecorded p2 = pay(a).amount("200.20", year + "-02-01").function("2101501")
                    .economic("30201", ExpenditureKind.BASIC).build();
            if (year == 2021) {
                events().issued(a);
                events().paid(p1);
                events().paid(p2);
            } else {
                events().paid(p2);
                events().paid(p1);
                events().issued(a);
            }
            awaitTable(org, year, "公开03", t -> assertThat(value(t, "total", "total")).isEqualTo("300.30"));
            JsonNode stored = JSON.readTree(publish(org, year, UUID.randomUUID().toString()).body());
            assertThat(stored.get("version").asInt()).isEqualTo(1);
            hashes.add(stored.get("contentHash").asString());
        }
        // the documents differ only in their fiscal year (and the 年初预算 date that follows from it)
        assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1));
        String doc2021 = JSON.writeValueAsString(json(get("/api/reports/final-accounts/" + org
                + "/2021/publications/1")).get("document"));
        String doc2022 = JSON.writeValueAsString(json(get("/api/reports/final-accounts/" + org
                + "/2022/publications/1")).get("document"));
        assertThat(doc2022.replace("\"fiscalYear\":2022", "\"fiscalYear\":2021").replace("2022-03-31", "2021-03-31"))
                .isEqualTo(doc2021);
        assertThat(sha256(doc2021)).isEqualTo(hashes.get(0));
    }

    private static JsonNode change(JsonNode changes, String table, String row) {
        for (JsonNode c : changes) {
            if (table.equals(c.get("table").asString()) && row.equals(c.get("row").asString())) {
                return c;
            }
        }
        throw new AssertionError("no change of " + table + " row " + row + " in " + changes);
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
