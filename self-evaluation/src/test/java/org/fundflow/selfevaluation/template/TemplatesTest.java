package org.fundflow.selfevaluation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesTest {

    @Test
    void nationalTemplateOf2020() {
        Template t = Templates.national();
        assertThat(t.name()).isEqualTo("national-2020");
        assertThat(t.execution().weight()).isEqualByComparingTo("10");
        assertThat(t.execution().inTotal()).isTrue();
        assertThat(t.execution().group()).isNull();
        assertThat(t.groups()).extracting(Template.Group::name, g -> g.weight().intValue()).containsExactly(
                tuple("产出指标", 50), tuple("效益指标", 30), tuple("满意度指标", 10));
        assertThat(t.farExceededPercent()).isEqualByComparingTo("120");
        assertThat(t.notApplicable()).isEqualTo(Template.NotApplicable.WITHIN_GROUP);
        assertThat(t.band(Tier.ACHIEVED).minPercent()).isEqualByComparingTo("80");
        assertThat(t.band(Tier.PARTIALLY_ACHIEVED).maxPercent()).isEqualByComparingTo("80");
        assertThat(t.band(Tier.NOT_ACHIEVED).maxPercent()).isEqualByComparingTo("60");
        assertThat(t.grades().excellent()).isEqualByComparingTo("90");
        assertThat(t.group("服务对象满意度指标").orElseThrow().name()).isEqualTo("满意度指标");
        assertThat(Templates.load(Templates.NATIONAL_2020)).isSameAs(t);
    }

    @Test
    void jinzhongScorecardOfSeed001() {
        Template t = Templates.load(Templates.JINZHONG_2020_SCORECARD);
        assertThat(t.groups()).extracting(Template.Group::name, g -> g.weight().intValue()).containsExactly(
                tuple("投入", 20), tuple("过程", 20), tuple("产出", 30), tuple("效果", 30));
        assertThat(t.execution().label()).isEqualTo("预算执行率");
        assertThat(t.execution().weight()).isEqualByComparingTo("3");
        assertThat(t.execution().group()).isEqualTo("投入");
        assertThat(t.execution().inTotal()).isTrue();
        assertThat(t.notApplicable()).isEqualTo(Template.NotApplicable.NONE);
    }

    @Test
    void lishiLayoutOfSeed002() {
        Template t = Templates.load(Templates.LISHI_2022);
        assertThat(t.execution().weight()).isEqualByComparingTo("100");
        assertThat(t.execution().inTotal()).isFalse();
        assertThat(t.groups()).extracting(Template.Group::weight).containsOnlyNulls();
    }

    @ParameterizedTest
    @ValueSource(strings = {"national-2021", "../national-2020", "National-2020", ""})
    void unknownOrMalformedNamesAreRefused(String name) {
        assertThatThrownBy(() -> Templates.load(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void aLocalTemplateStatesOnlyWhatDiffers() {
        Template t = Templates.parse("""
                {"name": "county", "execution": {"weight": 20, "inTotal": true},
                 "groups": [{"name": "产出指标", "weight": 40}, {"name": "效益指标", "weight": 40}]}""");
        assertThat(t.execution().label()).isEqualTo("预算执行率");
        assertThat(t.farExceededPercent()).isEqualByComparingTo("120");
        assertThat(t.tiers()).hasSize(3);
        assertThat(t.grades().fair()).isEqualByComparingTo(BigDecimal.valueOf(60));
    }

    @Test
    void mistakesInATemplateAreNamed() {
        assertThatThrownBy(() -> Templates.parse("""
                {"name": "x", "execution": {"weight": 10}, "groups": [{"name": "产出指标"}], "farExceeded": 150}"""))
                .hasMessageContaining("unknown field 'farExceeded'");
        assertThatThrownBy(() -> Templates.parse("""
                {"name": "x", "execution": {"weight": "ten"}, "groups": [{"name": "产出指标"}]}"""))
                .hasMessageContaining("template.execution.weight must be a number");
        assertThatThrownBy(() -> Templates.parse("""
                {"name": "x", "execution": {"weight": 3, "group": "投入"}, "groups": [{"name": "产出指标"}]}"""))
                .hasMessageContaining("'投入' is not one of its groups");
        assertThatThrownBy(() -> Templates.parse("""
                {"name": "x", "execution": {"weight": 10}, "groups": [{"name": "产出指标", "aliases": ["产出"]},
                 {"name": "产出"}]}""")).hasMessageContaining("used twice");
        assertThatThrownBy(() -> Templates.parse("""
                {"name": "x", "execution": {"weight": 10}, "groups": [{"name": "产出指标"}],
                 "tiers": [{"tier": "ACHIEVED", "label": "部分达成", "min": 80, "max": 100, "default": 100}]}"""))
                .hasMessageContaining("does not match tier");
        assertThatThrownBy(() -> Templates.parse("""
                {"name": "x", "execution": {"weight": 10}, "groups": [{"name": "产出指标"}],
                 "tiers": [{"tier": "ACHIEVED", "min": 80, "max": 100, "default": 100}]}"""))
                .hasMessageContaining("no band for tier PARTIALLY_ACHIEVED");
        assertThatThrownBy(() -> Templates.parse("""
                {"name": "x", "execution": {"weight": 10}, "groups": [], "notApplicable": "SOMETIMES"}"""))
                .hasMessageContaining("notApplicable");
        assertThatThrownBy(() -> Templates.parse("{\"name\": \"x\",\n \"execution\": {\"weight\": 10,}}"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> Templates.parse("[]")).hasMessageContaining("JSON object");
    }
}
