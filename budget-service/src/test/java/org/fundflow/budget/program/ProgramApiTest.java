package org.fundflow.budget.program;

import org.fundflow.testsupport.KafkaTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.fundflow.contracts.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProgramApiTest extends BudgetServiceIntegrationTest {

    @Test
    void registersAProgramOncePerYearAndPublishesIt() {
        String code = unique("DBYLHZ");
        Map<String, Object> body = program(code, 2020);
        String key = UUID.randomUUID().toString();
        Response created = post("/api/programs", key, body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/programs/2020/" + code);
        assertThat(created.body()).isEqualTo(json.readTree("{\"code\":\"" + code + "\",\"name\":\"大病医疗互助\","
                + "\"fiscalYear\":2020,\"functionCode\":\"2101399\",\"fundType\":\"GENERAL_BUDGET\"}"));
        assertThat(post("/api/programs", key, body).body()).isEqualTo(created.body());

        Response again = post("/api/programs", body);
        assertThat(again.status()).as("the same definition under a new key").isEqualTo(200);
        Map<String, Object> different = program(code, 2020);
        different.put("name", "职工大病医疗互助");
        Response conflict = post("/api/programs", different);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.field()).isEqualTo("code");
        assertThat(post("/api/programs", key, different).status()).as("key reused for another body").isEqualTo(409);
        assertThat(post("/api/programs", program(code, 2021)).status()).as("another year").isEqualTo(201);

        assertThat(get("/api/programs/2020/" + code).body()).isEqualTo(created.body());
        assertThat(get("/api/programs?fiscalYear=2020").body().valueStream()
                .filter(p -> p.path("code").asString().equals(code))).hasSize(1);
        assertThat(get("/api/programs/2022/" + code).status()).isEqualTo(404);

        JsonNode event = json.readTree(KafkaTopic.fromBeginning(Topics.PROGRAM).awaitKey("2020/" + code, 1).get(0).value());
        assertThat(event.path("type").asString()).isEqualTo("ProgramRegistered");
        assertThat(event.path("payload").path("name").asString()).isEqualTo("大病医疗互助");
        assertThat(event.path("payload").path("fiscalYear").asInt()).isEqualTo(2020);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ?", Long.class,
                "2020/" + code)).isOne();
    }

    @Test
    void refusesMalformedPrograms() {
        Map<String, Long> before = writtenRows();
        expect(with("code", "has space"), "code");
        expect(with("code", null), "code");
        expect(with("name", "名".repeat(201)), "name");
        expect(with("name", ""), "name");
        expect(with("fiscalYear", 1999), "fiscalYear");
        expect(with("fiscalYear", 2101), "fiscalYear");
        expect(with("fiscalYear", "2020"), "fiscalYear");
        expect(with("functionCode", "2101"), "functionCode");
        expect(with("functionCode", "21013011"), "functionCode");
        expect(with("fundType", "BONDS"), "fundType");
        expect(with("fundType", null), "fundType");
        assertThat(writtenRows()).isEqualTo(before);
    }

    private void expect(Map<String, Object> body, String field) {
        Response r = post("/api/programs", body);
        assertThat(r.status()).as("%s → %s", body, r.body()).isEqualTo(400);
        assertThat(r.field()).as("%s → %s", body, r.body()).isEqualTo(field);
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = program(unique("P"), 2020);
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return body;
    }

    private static Map<String, Object> program(String code, int year) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "大病医疗互助");
        body.put("fiscalYear", year);
        body.put("functionCode", "2101399");
        body.put("fundType", "GENERAL_BUDGET");
        return body;
    }
}
