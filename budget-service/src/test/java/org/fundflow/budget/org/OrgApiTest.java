package org.fundflow.budget.org;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrgApiTest extends BudgetServiceIntegrationTest {

    @Test
    void registersRenamesKeepsHistoryAndPublishesOnlyChanges() {
        KafkaTopic topic = KafkaTopic.fromBeginning(Topics.ORG);
        String code = unique("JZ");
        Response created = put("/api/orgs/" + code, Map.of("name", "晋中市医疗保障局", "regionCode", "140700"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("regionName")).isEqualTo("晋中市");
        assertThat(created.text("level")).isEqualTo("CITY");

        Response same = put("/api/orgs/" + code, Map.of("name", "晋中市医疗保障局", "regionCode", "140700"));
        assertThat(same.status()).isEqualTo(200);
        String retryKey = UUID.randomUUID().toString();
        Response renamed = put("/api/orgs/" + code, retryKey, Map.of("name", "晋中市医疗保障局（更名）",
                "regionCode", "140700"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("晋中市医疗保障局（更名）");
        assertThat(put("/api/orgs/" + code, retryKey, Map.of("name", "晋中市医疗保障局（更名）",
                "regionCode", "140700")).body()).isEqualTo(renamed.body());

        JsonNode detail = get("/api/orgs/" + code).body();
        assertThat(detail.path("name").asString()).isEqualTo("晋中市医疗保障局（更名）");
        assertThat(detail.path("history").valueStream().map(v -> v.path("name").asString()).toList())
                .containsExactly("晋中市医疗保障局", "晋中市医疗保障局（更名）");

        // exactly two events for the org, in order, once a later org's event has been published
        String sentinel = newOrg("晋中市民政局", "140700");
        topic.awaitKey(sentinel, 1);
        List<ConsumerRecord<String, String>> events = topic.all().stream().filter(r -> code.equals(r.key()))
                .toList();
        assertThat(events.stream().map(r -> KafkaTopic.header(r, "eventType")).toList())
                .containsExactly("OrgRegistered", "OrgUpdated");
        JsonNode payload = json.readTree(events.get(1).value()).path("payload");
        assertThat(payload.path("orgCode").asString()).isEqualTo(code);
        assertThat(payload.path("name").asString()).isEqualTo("晋中市医疗保障局（更名）");
        assertThat(payload.path("regionCode").asString()).isEqualTo("140700");
        assertThat(payload.path("regionName").asString()).isEqualTo("晋中市");
    }

    @Test
    void listsOrgsOfARegionSubtree() {
        String yuci = newOrg("榆次区医疗保障局", "140702");
        String jincheng = newOrg("晋城市医疗保障局", "140500");
        assertThat(codes(get("/api/orgs?region=140700").body())).contains(yuci).doesNotContain(jincheng);
        assertThat(codes(get("/api/orgs?region=140702").body())).contains(yuci);
        assertThat(codes(get("/api/orgs?region=140000").body())).contains(yuci, jincheng);
        assertThat(codes(get("/api/orgs?region=430000").body())).doesNotContain(yuci, jincheng);
        assertThat(get("/api/orgs?region=999999").status()).isEqualTo(404);
        assertThat(get("/api/orgs?region=1407").field()).isEqualTo("region");
    }

    @Test
    void refusesMalformedOrgs() {
        Map<String, Long> before = writtenRows();
        expect(put("/api/orgs/bad%20code", Map.of("name", "x", "regionCode", "140700")), 400, "orgCode");
        expect(put("/api/orgs/" + "A".repeat(33), Map.of("name", "x", "regionCode", "140700")), 400, "orgCode");
        expect(put("/api/orgs/" + unique("O"), Map.of("name", " ", "regionCode", "140700")), 400, "name");
        expect(put("/api/orgs/" + unique("O"), Map.of("name", "名".repeat(101), "regionCode", "140700")), 400,
                "name");
        expect(put("/api/orgs/" + unique("O"), Map.of("regionCode", "140700")), 400, "name");
        expect(put("/api/orgs/" + unique("O"), Map.of("name", "x", "regionCode", "1407")), 400, "regionCode");
        expect(put("/api/orgs/" + unique("O"), Map.of("name", "x", "regionCode", 140700)), 400, "regionCode");
        expect(put("/api/orgs/" + unique("O"), Map.of("name", "x", "regionCode", "999999")), 422, "regionCode");
        expect(put("/api/orgs/" + unique("O"), null, Map.of("name", "x", "regionCode", "140700")), 400,
                "Idempotency-Key");
        assertThat(writtenRows()).isEqualTo(before);
        expect(get("/api/orgs/" + unique("NONE")), 404, "orgCode");
    }

    private static void expect(Response r, int status, String field) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        assertThat(r.field()).as("%s", r.body()).isEqualTo(field);
    }

    private static List<String> codes(JsonNode orgs) {
        return orgs.valueStream().map(o -> o.path("orgCode").asString()).toList();
    }
}
