package org.fundflow.budget.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.fundflow.budget.BudgetServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RegionApiTest extends BudgetServiceIntegrationTest {

    @Test
    void yuciIsADistrictOfJinzhong() {
        Response r = get("/api/regions/140702");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("code")).isEqualTo("140702");
        assertThat(r.text("name")).isEqualTo("榆次区");
        assertThat(r.text("level")).isEqualTo("COUNTY");
        assertThat(r.text("parentCode")).isEqualTo("140700");
        assertThat(r.body().path("children").size()).isZero();

        JsonNode jinzhong = get("/api/regions/140700").body();
        assertThat(jinzhong.path("level").asString()).isEqualTo("CITY");
        assertThat(jinzhong.path("children").valueStream().map(c -> c.path("code").asString()))
                .contains("140702");
        JsonNode yuci = jinzhong.path("children").valueStream()
                .filter(c -> c.path("code").asString().equals("140702")).findFirst().orElseThrow();
        assertThat(yuci.path("name").asString()).isEqualTo("榆次区");
        assertThat(yuci.path("level").asString()).isEqualTo("COUNTY");
    }

    @Test
    void lishiIsADistrictOfLvliang() {
        Response r = get("/api/regions/141102");
        assertThat(r.text("name")).isEqualTo("离石区");
        assertThat(r.text("parentCode")).isEqualTo("141100");
        Response children = get("/api/regions?parent=141100");
        assertThat(children.status()).isEqualTo(200);
        assertThat(children.body().valueStream().map(c -> c.path("code").asString())).contains("141102");
    }

    @Test
    void theCentreAndProvinces() {
        JsonNode centre = get("/api/regions/000000").body();
        assertThat(centre.path("name").asString()).isEqualTo("中央");
        assertThat(centre.path("level").asString()).isEqualTo("CENTRAL");
        assertThat(centre.path("parentCode").isNull()).isTrue();
        assertThat(centre.path("children").size()).isEqualTo(34);
        assertThat(get("/api/regions/140000").text("level")).isEqualTo("PROVINCIAL");
        assertThat(get("/api/regions").body().get(0).path("code").asString()).isEqualTo("000000");
    }

    @Test
    void unknownIs404AndMalformedIs400() {
        Response unknown = get("/api/regions/999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("code");
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        for (String bad : new String[] {"14070", "1407021", "abcdef"}) {
            Response r = get("/api/regions/" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.field()).as(bad).isEqualTo("code");
        }
        assertThat(get("/api/regions?parent=999999").status()).isEqualTo(404);
        assertThat(get("/api/regions?parent=99").field()).isEqualTo("parent");
    }
}
