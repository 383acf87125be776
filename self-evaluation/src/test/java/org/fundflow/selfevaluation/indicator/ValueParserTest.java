package org.fundflow.selfevaluation.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.fundflow.selfevaluation.indicator.ParsedValue.Qualitative;
import org.fundflow.selfevaluation.indicator.ParsedValue.Quantity;
import org.fundflow.selfevaluation.indicator.ParsedValue.Relative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParserTest {

    /** text → comparison, value, multiplier, unit symbol (empty: none). Every target form quoted in the seeds. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "≥85%       | AT_LEAST  | 85     | 1     | %",
            "＞80%      | MORE_THAN | 80     | 1     | %",
            "≤200次     | AT_MOST   | 200    | 1     | 次",
            "=100%      | EQUAL     | 100    | 1     | %",
            "45000人次  | NONE      | 45000  | 1     | 人次",
            "122.59万元 | NONE      | 122.59 | 10000 | 元",
            "1年        | NONE      | 1      | 1     | 年",
            "25222人    | NONE      | 25222  | 1     | 人",
            "261.71万元 | NONE      | 261.71 | 10000 | 元",
            "84元       | NONE      | 84     | 1     | 元",
            "2次        | NONE      | 2      | 1     | 次",
            "100%       | NONE      | 100    | 1     | %",
            "0.95       | NONE      | 0.95   | 1     | ''",
            "0          | NONE      | 0      | 1     | ''",
            "3个月      | NONE      | 3      | 1     | 月",
            "6月        | NONE      | 6      | 1     | 月",
            "15天       | NONE      | 15     | 1     | 天",
            "30日       | NONE      | 30     | 1     | 天",
            "12个       | NONE      | 12     | 1     | 个",
            "8家        | NONE      | 8      | 1     | 家",
            "1.2万人次  | NONE      | 1.2    | 10000 | 人次"})
    void readsTheTargetsPeopleWrite(String text, Comparison op, String value, String multiplier, String unit) {
        Quantity q = (Quantity) ValueParser.parse("指标", text);
        assertThat(q.comparison()).isEqualTo(op);
        assertThat(q.value()).isEqualByComparingTo(value);
        assertThat(q.multiplier()).isEqualByComparingTo(multiplier);
        assertThat(q.unit() == null ? "" : q.unit().symbol()).isEqualTo(unit);
        assertThat(q.text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "＞80%    | MORE_THAN", "＜5%     | LESS_THAN", "≥90％    | AT_LEAST", "≤10％    | AT_MOST",
            "＝100％  | EQUAL", "≧95%     | AT_LEAST", "≦3天     | AT_MOST", ">=60%    | AT_LEAST",
            "<=2次    | AT_MOST", "＞＝80%  | AT_LEAST", "不低于90% | AT_LEAST", "不少于2次 | AT_LEAST",
            "大于80%  | MORE_THAN", "高于80%  | MORE_THAN", "不超过5天 | AT_MOST", "不高于10% | AT_MOST",
            "小于3天  | LESS_THAN", "低于5%   | LESS_THAN", "95%以上  | AT_LEAST", "95%及以上 | AT_LEAST",
            "5天以内  | AT_MOST", "3次以下  | AT_MOST", "≥95%以上 | AT_LEAST"})
    void readsFullWidthSignsAndWordsAsComparisons(String text, Comparison op) {
        assertThat(((Quantity) ValueParser.parse("指标", text)).comparison()).isEqualTo(op);
    }

    @Test
    void comparisonDecidesTheDirection() {
        assertThat(((Quantity) ValueParser.parse("x", "≤200次")).comparison().lowerIsBetter()).isTrue();
        assertThat(((Quantity) ValueParser.parse("x", "＜5%")).comparison().lowerIsBetter()).isTrue();
        assertThat(((Quantity) ValueParser.parse("x", "≥85%")).comparison().lowerIsBetter()).isFalse();
        assertThat(((Quantity) ValueParser.parse("x", "45000人次")).comparison().lowerIsBetter()).isFalse();
        assertThat(((Quantity) ValueParser.parse("x", "=100%")).comparison().lowerIsBetter()).isFalse();
    }

    @Test
    void fullWidthDigitsSpacesThousandsSeparatorsAndTrailingNotes() {
        Quantity q = (Quantity) ValueParser.parse("x", "≥ ８５．５ ％");
        assertThat(q.value()).isEqualByComparingTo("85.5");
        assertThat(q.unit()).isEqualTo(Unit.PERCENT);
        assertThat(((Quantity) ValueParser.parse("x", "45,000人次")).base()).isEqualByComparingTo("45000");
        // "0%（正文）": the note in brackets is not part of the value
        assertThat(((Quantity) ValueParser.parse("x", "0%（正文）")).value()).isEqualByComparingTo("0");
        assertThat(((Quantity) ValueParser.parse("x", "122.59万元")).base()).isEqualByComparingTo("1225900");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"不低于上年 | AT_LEAST | 上年", "上年度平均水平 | AT_LEAST | 上年度",
            "不高于上年度 | AT_MOST | 上年度", "≥上年 | AT_LEAST | 上年", "高于去年同期 | MORE_THAN | 去年"})
    void readsTargetsRelativeToLastYear(String text, Comparison op, String reference) {
        Relative r = (Relative) ValueParser.parse("x", text);
        assertThat(r.comparison()).isEqualTo(op);
        assertThat(r.reference()).isEqualTo(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"逐步拓展", "有效缓解", "成效明显", "有效维护", "符合救助条件的对象", "不晚于年底", "一年内发挥作用",
            "基本建立完成", "运行规范，救助效果明显，能够为困难群众…（截断）", "维护社会和谐稳定, 为社保系统做补充"})
    void wordsWithoutDigitsAreQualitative(String text) {
        assertThat(ValueParser.parse("x", text)).isEqualTo(new Qualitative(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10-11月", "12-次年9月", "对2400人进行大病医疗补偿", "1.5万元-2万元为10%", "≥", "85%%",
            "≥abc%", "约90%", "90%左右", "≥85%以下", "1005x", "1/2", "-5%", "不低于", "%"})
    void anythingElseIsAnErrorNamingTheIndicator(String text) {
        assertThatThrownBy(() -> ValueParser.parse("救助对象满意度", text))
                .isInstanceOfSatisfying(IndicatorValueException.class, e -> {
                    assertThat(e.indicator()).isEqualTo("救助对象满意度");
                    assertThat(e.text()).isEqualTo(text);
                    assertThat(e.getMessage()).contains("救助对象满意度").contains(text);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyValueIsAnError(String text) {
        assertThatThrownBy(() -> ValueParser.parse("政策知晓率", text)).isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("政策知晓率");
    }

    @Test
    void everyUnitOfTheIssueIsRead() {
        for (String unit : new String[] {"人", "人次", "次", "万元", "元", "年", "月", "天", "个", "家", "%"}) {
            Quantity q = (Quantity) ValueParser.parse("x", "12" + unit);
            assertThat(q.value()).as(unit).isEqualByComparingTo(BigDecimal.valueOf(12));
            assertThat(q.unit()).as(unit).isNotNull();
        }
    }
}
