package org.fundflow.reporting.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled registries: complete where the reports need them, consistent everywhere. */
class ClassificationTest {
    private static final Classifications REGISTRY = new Classifications();
    private static final Classification FUNCTION = REGISTRY.functional();
    private static final Classification ECONOMIC = REGISTRY.economic();

    /** Every 类 of the expenditure function classification, 2022–2024 editions. */
    private static final Map<String, String> CLASSES = classes();

    private static Map<String, String> classes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("201", "一般公共服务支出");
        m.put("202", "外交支出");
        m.put("203", "国防支出");
        m.put("204", "公共安全支出");
        m.put("205", "教育支出");
        m.put("206", "科学技术支出");
        m.put("207", "文化旅游体育与传媒支出");
        m.put("208", "社会保障和就业支出");
        m.put("209", "社会保险基金支出");
        m.put("210", "卫生健康支出");
        m.put("211", "节能环保支出");
        m.put("212", "城乡社区支出");
        m.put("213", "农林水支出");
        m.put("214", "交通运输支出");
        m.put("215", "资源勘探工业信息等支出");
        m.put("216", "商业服务业等支出");
        m.put("217", "金融支出");
        m.put("219", "援助其他地区支出");
        m.put("220", "自然资源海洋气象等支出");
        m.put("221", "住房保障支出");
        m.put("222", "粮油物资储备支出");
        m.put("223", "国有资本经营预算支出");
        m.put("224", "灾害防治及应急管理支出");
        m.put("227", "预备费");
        m.put("229", "其他支出");
        m.put("230", "转移性支出");
        m.put("231", "债务还本支出");
        m.put("232", "债务付息支出");
        m.put("233", "债务发行费用支出");
        m.put("234", "抗疫特别国债安排的支出");
        return m;
    }

    /**
     * The 26 expenditure 类 rows the 2022 收入支出决算总表 template prints (seed 002, 公开01, rows 32–57), in order:
     * the departmental final accounts' list, without 209, 227, 230 and 233.
     */
    private static final List<String> FINAL_ACCOUNTS_2022_ROWS = List.of("一般公共服务支出", "外交支出", "国防支出",
            "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出",
            "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出",
            "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出",
            "债务还本支出", "债务付息支出", "抗疫特别国债安排的支出");

    @Test
    void every_class_of_the_function_classification_is_present_with_its_name() {
        assertThat(FUNCTION.classes()).extracting(Subject::code).containsExactlyElementsOf(CLASSES.keySet());
        CLASSES.forEach((code, name) -> assertThat(FUNCTION.nameOf(code)).as(code).isEqualTo(name));
        assertThat(FUNCTION.classes()).allSatisfy(s -> assertThat(s.tier()).isEqualTo(Tier.CLASS));
    }

    @Test
    void the_26_classes_of_the_2022_final_accounts_template_resolve_by_name() {
        List<String> names = FUNCTION.classes().stream().map(Subject::name).toList();
        assertThat(FINAL_ACCOUNTS_2022_ROWS).hasSize(26);
        assertThat(names).containsSubsequence(FINAL_ACCOUNTS_2022_ROWS);
    }

    @Test
    void the_codes_the_seeds_use_resolve_with_their_published_names() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("21013", "医疗救助");
        expected.put("2101301", "城乡医疗救助");
        expected.put("2101399", "其他医疗救助支出");
        expected.put("21015", "医疗保障管理事务");
        expected.put("2101501", "行政运行");
        expected.put("2101502", "一般行政管理事务");
        expected.put("2101599", "其他医疗保障管理事务支出");
        expected.put("20805", "行政事业单位养老支出");
        expected.put("2080505", "机关事业单位基本养老保险缴费支出");
        expected.put("2080506", "机关事业单位职业年金缴费支出");
        expected.put("21011", "行政事业单位医疗");
        expected.put("2101101", "行政单位医疗");
        expected.put("22102", "住房改革支出");
        expected.put("2210201", "住房公积金");
        expected.put("22960", "彩票公益金安排的支出");
        expected.put("2296013", "用于城乡医疗救助的彩票公益金支出");
        expected.forEach((code, name) -> assertThat(FUNCTION.nameOf(code)).as(code).isEqualTo(name));
    }

    /** Every code and name of 公开06 in shared/fixtures/final-accounts.json (离石 2022, seed 002). */
    @Test
    void every_code_of_the_fixture_table_06_resolves_with_the_fixture_name() {
        Map<String, String> table06 = new LinkedHashMap<>();
        table06.put("301", "工资福利支出");
        table06.put("30101", "基本工资");
        table06.put("30102", "津贴补贴");
        table06.put("30103", "奖金");
        table06.put("30108", "机关事业单位基本养老保险缴费");
        table06.put("30110", "职工基本医疗保险缴费");
        table06.put("30111", "公务员医疗补助缴费");
        table06.put("30112", "其他社会保障缴费");
        table06.put("30113", "住房公积金");
        table06.put("303", "对个人和家庭的补助");
        table06.put("30307", "医疗费补助");
        table06.put("302", "商品和服务支出");
        table06.put("30201", "办公费");
        table06.put("30202", "印刷费");
        table06.put("30207", "邮电费");
        table06.put("30216", "培训费");
        table06.put("30226", "劳务费");
        table06.put("30228", "工会经费");
        table06.put("30229", "福利费");
        table06.put("30239", "其他交通费用");
        table06.put("30299", "其他商品和服务支出");
        table06.put("310", "资本性支出");
        table06.put("31002", "办公设备购置");
        table06.forEach((code, name) -> assertThat(ECONOMIC.nameOf(code)).as(code).isEqualTo(name));
    }

    @Test
    void the_economic_codes_the_brief_names_are_present() {
        assertThat(List.of("30106", "30107", "30109", "30114", "30199", "30211", "30212", "30213", "30215",
                "30217", "30227", "30231", "30301", "30302", "30305", "30309", "30399", "31003", "31007", "31013",
                "31099", "309", "30913")).allSatisfy(code -> assertThat(ECONOMIC.contains(code)).as(code).isTrue());
        assertThat(ECONOMIC.nameOf("309")).isEqualTo("资本性支出（基本建设）");
        assertThat(ECONOMIC.nameOf("30913")).isEqualTo("公务用车购置");
        assertThat(ECONOMIC.nameOf("30212")).isEqualTo("因公出国（境）费用");
    }

    @Test
    void every_parent_exists_and_is_the_code_prefix() {
        for (Classification c : List.of(FUNCTION, ECONOMIC)) {
            for (Subject s : c.all()) {
                if (s.tier() == Tier.CLASS) {
                    assertThat(s.parentCode()).as(s.code()).isNull();
                } else {
                    assertThat(c.contains(s.parentCode())).as(s.code()).isTrue();
                    assertThat(s.code()).startsWith(s.parentCode());
                    assertThat(c.find(s.parentCode()).orElseThrow().tier().digits())
                            .isEqualTo(s.tier().digits() - 2);
                }
            }
        }
        assertThat(ECONOMIC.all()).allSatisfy(s -> assertThat(s.tier()).isNotEqualTo(Tier.ITEM));
    }

    @Test
    void the_registers_hold_every_row_of_their_files() {
        assertThat(FUNCTION.size()).isEqualTo(111);
        assertThat(ECONOMIC.size()).isEqualTo(109);
    }

    @Test
    void path_parent_children_and_tier() {
        assertThat(FUNCTION.path("2101301")).extracting(Subject::code, Subject::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("210", "卫生健康支出"),
                org.assertj.core.groups.Tuple.tuple("21013", "医疗救助"),
                org.assertj.core.groups.Tuple.tuple("2101301", "城乡医疗救助"));
        assertThat(FUNCTION.path("9999999")).isEmpty();
        assertThat(FUNCTION.parentOf("21013")).map(Subject::code).hasValue("210");
        assertThat(FUNCTION.parentOf("210")).isEmpty();
        assertThat(FUNCTION.childrenOf("21013")).extracting(Subject::code)
                .containsExactly("2101301", "2101302", "2101399");
        assertThat(FUNCTION.tierOf("2101301")).isEqualTo(Tier.ITEM);
        assertThat(FUNCTION.tierOf("21013")).isEqualTo(Tier.SECTION);
        assertThat(FUNCTION.tierOf("210")).isEqualTo(Tier.CLASS);
        assertThat(FUNCTION.tierOf("2101")).isNull();
        assertThat(FUNCTION.tierOf("21O13")).isNull();
        assertThat(FUNCTION.nameOf(null)).isNull();
        assertThat(FUNCTION.nameOf("2109999")).isNull();
    }

    @Test
    void the_registry_is_immutable() {
        assertThatThrownBy(() -> FUNCTION.all().add(new Subject("999", "x", null, Tier.CLASS)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> FUNCTION.classes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> FUNCTION.childrenOf("210").clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_defective_file_is_refused_with_the_line() {
        String h = "code,name,parent_code";
        assertThatThrownBy(() -> Classification.parse("t", List.of("code,name")))
                .hasMessageContaining("first line");
        assertThatThrownBy(() -> Classification.parse("t", List.of(h, "210,卫生健康支出,", "21013,医疗救助,211")))
                .hasMessageContaining("line 3").hasMessageContaining("must be 210");
        assertThatThrownBy(() -> Classification.parse("t", List.of(h, "21013,医疗救助,210")))
                .hasMessageContaining("210 of 21013 is not listed");
        assertThatThrownBy(() -> Classification.parse("t", List.of(h, "210,a,", "210,b,")))
                .hasMessageContaining("duplicate code 210");
        assertThatThrownBy(() -> Classification.parse("t", List.of(h, "2101,a,")))
                .hasMessageContaining("3, 5 or 7 digits");
        assertThatThrownBy(() -> Classification.parse("t", List.of(h, "210,,")))
                .hasMessageContaining("name is empty");
        assertThatThrownBy(() -> Classification.parse("t", List.of(h, "210,a,b,c")))
                .hasMessageContaining("3 fields");
        assertThatThrownBy(() -> Classification.load("t", "classification/missing.csv"))
                .hasMessageContaining("missing");
    }
}
