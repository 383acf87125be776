package org.fundflow.reporting.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fundflow.reporting.classification.Classifications;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Table numbering is configuration: the bundled layouts, how one is chosen, and what a defective one does. */
class LayoutsTest {
    private static final Classifications REGISTRY = new Classifications();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void the_bundled_layouts_number_three_public_expenses_as_the_places_print_them() {
        Layouts layouts = new Layouts(REGISTRY);
        assertThat(layouts.defaultLayout().id()).isEqualTo("lishi-2022");
        Layout lishi = layouts.forOrg("141102", 2022);
        assertThat(lishi.id()).isEqualTo("lishi-2022");
        assertThat(lishi.table(TableKind.THREE_PUBLIC).orElseThrow().number()).isEqualTo("公开07");
        assertThat(lishi.tables()).hasSize(10);
        Layout jincheng = layouts.forOrg("140525", 2023);
        assertThat(jincheng.id()).isEqualTo("jincheng-2023");
        assertThat(jincheng.table(TableKind.THREE_PUBLIC).orElseThrow().number()).isEqualTo("公开09");
        assertThat(jincheng.table(TableKind.GOVERNMENT_FUND).orElseThrow().number()).isEqualTo("公开07");
        assertThat(jincheng.table(TableKind.EXPENDITURE_BY_ECONOMIC_CODE).orElseThrow().basicOnly()).isTrue();
        assertThat(layouts.forOrg("140500", 2023).id()).isEqualTo("jincheng-2023");
        // outside a layout's places or years: the default
        assertThat(layouts.forOrg("140525", 2022).id()).isEqualTo("lishi-2022");
        assertThat(layouts.forOrg("140702", 2023).id()).isEqualTo("lishi-2022");
        assertThat(layouts.forOrg(null, 2023).id()).isEqualTo("lishi-2022");
    }

    @Test
    void the_most_specific_place_wins() {
        Layouts layouts = new Layouts(List.of(layout("province", true, "140000", ""),
                layout("city", false, "140500", ""), layout("county", false, "140525", "")), REGISTRY);
        assertThat(layouts.forOrg("140525", 2023).id()).isEqualTo("county");
        assertThat(layouts.forOrg("140522", 2023).id()).isEqualTo("city");
        assertThat(layouts.forOrg("140702", 2023).id()).isEqualTo("province");
        assertThat(layouts.forOrg("430100", 2023).id()).isEqualTo("province");
        assertThat(Layouts.prefix("000000")).isEmpty();
        assertThat(Layouts.prefix("140500")).isEqualTo("1405");
    }

    @Test
    void a_defective_layout_stops_the_start() {
        assertThatThrownBy(() -> new Layouts(List.of(layout("a", true, "140000",
                ",{\"number\": \"公开11\", \"kind\": \"balance-sheet\"}")), REGISTRY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown table kind 'balance-sheet'");
        assertThatThrownBy(() -> new Layouts(List.of(layout("a", true, "140000",
                ",{\"number\": \"公开01\", \"kind\": \"income\"}")), REGISTRY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("公开01 is used twice");
        assertThatThrownBy(() -> new Layouts(List.of(layout("a", true, "140000",
                ",{\"number\": \"公开02\", \"kind\": \"income-expenditure-summary\"}")), REGISTRY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new Layouts(List.of(layout("a", true, "140000",
                ",{\"number\": \"公开02\", \"kind\": \"income\", \"basicOnly\": true}")), REGISTRY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("basicOnly");
        assertThatThrownBy(() -> new Layouts(List.of(layout("a", true, "140000", ""), layout("b", true, "140500",
                "")), REGISTRY)).isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new Layouts(List.of(layout("a", false, "140000", "")), REGISTRY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new Layouts(List.of(layout("a", true, "1405", "")), REGISTRY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("six-digit");
        String badClass = layoutJson("a", true, "140000", "").replace("\"201\", \"210\"", "\"201\", \"299\"");
        assertThatThrownBy(() -> new Layouts(List.of(JSON.readTree(badClass)), REGISTRY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("299 is not a 类");
    }

    private static JsonNode layout(String id, boolean isDefault, String region, String moreTables) {
        return JSON.readTree(layoutJson(id, isDefault, region, moreTables));
    }

    private static String layoutJson(String id, boolean isDefault, String region, String moreTables) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"default\": " + isDefault + ", \"regions\": [\""
                + region + "\"], \"fromYear\": 2023, \"toYear\": 2023, \"startOfYearBudgetBy\": \"03-31\", "
                + "\"expenditureClasses\": [\"201\", \"210\"], \"personnelClasses\": [\"301\", \"303\"], "
                + "\"officeOperationClasses\": [\"302\", \"310\"], \"tables\": ["
                + "{\"number\": \"公开01\", \"kind\": \"income-expenditure-summary\"}" + moreTables + "]}";
    }
}
