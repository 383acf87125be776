package org.fundflow.selfevaluation.indicator;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the targets and actual values people write on 绩效自评 forms. The grammar (see the README):
 *
 * <pre>
 * value       = quantity | relative | qualitative
 * quantity    = [op] number [multiplier] [unit] [suffix]      "≥85%", "＞80%", "≤200次", "45000人次", "122.59万元", "95%以上"
 * relative    = [op] last-year ["同期"] ["平均"] ["水平"|"值"|"数"] "不低于上年", "上年度平均水平"
 * qualitative = words with no digit and no comparison sign     "有效缓解", "逐步拓展", "不晚于年底"
 * op          = ≥ ≤ &gt; &lt; = (full-width ＞＜＝≧≦ and &gt;= &lt;= too) | 不低于 不少于 大于 高于 超过 不高于 不超过 小于 低于 …
 * suffix      = 以上 及以上 (≥) | 以下 及以下 以内 (≤)
 * multiplier  = 万 | 亿 | 千;  unit = % 人次 人 次 元 年 月 个月 天 日 小时 个 家 户 项 件 所 场 份 篇
 * </pre>
 *
 * Text is NFKC-normalised first, so full-width digits, signs and ％ read as their ASCII forms; spaces are ignored, and a
 * trailing note in brackets ("0%（正文）") is dropped. Anything with a digit or a sign that fits none of the forms is an
 * {@link IndicatorValueException} naming the indicator.
 */
public final class ValueParser {
    private static final Map<String, Comparison> WORDS = new LinkedHashMap<>();

    static {
        for (String w : List.of("大于或等于", "大于等于", "不低于", "不少于", "不小于", "达到", "≥")) {
            WORDS.put(w, Comparison.AT_LEAST);
        }
        for (String w : List.of("小于或等于", "小于等于", "不高于", "不超过", "不多于", "不大于", "≤")) {
            WORDS.put(w, Comparison.AT_MOST);
        }
        for (String w : List.of("大于", "高于", "超过", "多于", ">")) {
            WORDS.put(w, Comparison.MORE_THAN);
        }
        for (String w : List.of("小于", "低于", "少于", "<")) {
            WORDS.put(w, Comparison.LESS_THAN);
        }
        for (String w : List.of("等于", "=")) {
            WORDS.put(w, Comparison.EQUAL);
        }
    }

    private static final String OP = alternation(WORDS.keySet());
    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        for (Unit u : Unit.values()) {
            for (String s : u.symbols()) {
                UNITS.put(s, u);
            }
        }
    }

    private static final Map<String, BigDecimal> MULTIPLIERS = Map.of("万", new BigDecimal("10000"), "亿",
            new BigDecimal("100000000"), "千", new BigDecimal("1000"));
    private static final Pattern QUANTITY = Pattern.compile("(?<op>" + OP + ")?"
            + "(?<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
            + "(?<mult>[万亿千])?(?<unit>" + alternation(UNITS.keySet()) + ")?"
            + "(?<suffix>及以上|以上|及以下|以下|以内)?");
    private static final Pattern RELATIVE = Pattern.compile("(?<op>" + OP + ")?"
            + "(?<ref>上一年度|上年度|上一年|上年|去年|往年)(?:同期)?(?:平均)?(?:水平|值|数)?");
    private static final Pattern NOTE = Pattern.compile("(.+?)\\([^()]*\\)");
    private static final Pattern SIGN_OR_DIGIT = Pattern.compile("[0-9≥≤<>=%]");

    private ValueParser() {
    }

    /**
     * Reads one value.
     *
     * @param indicator the indicator's name, for the error message
     * @throws IndicatorValueException if the text is blank or fits none of the forms
     */
    public static ParsedValue parse(String indicator, String text) {
        if (text == null || text.isBlank()) {
            throw new IndicatorValueException(indicator, text == null ? "" : text, "is empty");
        }
        String original = text.strip();
        String s = normalise(original);
        Matcher note = NOTE.matcher(s);
        if (note.matches()) {
            s = note.group(1);
        }
        Matcher q = QUANTITY.matcher(s);
        if (q.matches()) {
            Comparison op = q.group("op") == null ? Comparison.NONE : WORDS.get(q.group("op"));
            String suffix = q.group("suffix");
            if (suffix != null) {
                Comparison bySuffix = suffix.endsWith("以上") ? Comparison.AT_LEAST : Comparison.AT_MOST;
                if (op != Comparison.NONE && op.lowerIsBetter() != bySuffix.lowerIsBetter()) {
                    throw new IndicatorValueException(indicator, original,
                            "says both '" + q.group("op") + "' and '" + suffix + "'");
                }
                if (op == Comparison.NONE) {
                    op = bySuffix;
                }
            }
            BigDecimal value = new BigDecimal(q.group("num").replace(",", ""));
            BigDecimal multiplier = q.group("mult") == null ? BigDecimal.ONE : MULTIPLIERS.get(q.group("mult"));
            Unit unit = q.group("unit") == null ? null : UNITS.get(q.group("unit"));
            return new ParsedValue.Quantity(original, op, value, multiplier, unit);
        }
        Matcher r = RELATIVE.matcher(s);
        if (r.matches()) {
            Comparison op = r.group("op") == null ? Comparison.AT_LEAST : WORDS.get(r.group("op"));
            return new ParsedValue.Relative(original, op, r.group("ref"));
        }
        if (!SIGN_OR_DIGIT.matcher(s).find() && !WORDS.containsKey(s) && s.codePoints().anyMatch(Character::isLetter)) {
            return new ParsedValue.Qualitative(original);
        }
        throw new IndicatorValueException(indicator, original,
                "is not a target fundflow can read: write a number with an optional comparison and unit (≥85%, "
                        + "≤200次, 122.59万元), a target relative to last year (不低于上年), or words only for a "
                        + "qualitative indicator (有效缓解)");
    }

    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = s.replace("≧", "≥").replace("⩾", "≥").replace("≦", "≤").replace("⩽", "≤").replace(">=", "≥")
                .replace("<=", "≤").replace("=>", "≥").replace("=<", "≤");
        return s.replaceAll("\\s+", "");
    }

    private static String alternation(java.util.Collection<String> words) {
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }
}
