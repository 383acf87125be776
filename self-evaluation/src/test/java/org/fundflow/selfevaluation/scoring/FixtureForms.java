package org.fundflow.selfevaluation.scoring;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundflow.contracts.Money;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.template.Template;
import org.fundflow.selfevaluation.template.Templates;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds submissions from the entries of shared/fixtures/self-evaluations.json, the way a clerk would key in the
 * printed form: rows, weights and every printed figure; nothing recomputed by the fixture goes in.
 */
final class FixtureForms {
    static final Path FIXTURE = Path.of("../../shared/fixtures/self-evaluations.json");
    static final String JINZHONG_FORM = "晋中市财政支出项目绩效自评表";
    static final String LISHI_FORM = "2022年项目支出绩效自评表（离石区）";
    static final String LISHI_REPORT = "项目支出绩效评价报告（无自评表）";
    static final String DEPARTMENT = "部门（单位）整体支出绩效自评（情况说明）";

    private static final Pattern GRADE_IN_TEXT = Pattern.compile("自评等级([优良中差])|^([优良中差])");
    private static final Pattern GRADE_TALLY = Pattern.compile("(\\d+)个(?:项目自评等级为)?“([优良中差])”");
    private static JsonNode root;

    private FixtureForms() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            if (!Files.isRegularFile(FIXTURE)) {
                throw new IllegalStateException("fixture not found: " + FIXTURE.toAbsolutePath().normalize()
                        + " (tests run from the module directory; the fixture lives in /work/shared/fixtures)");
            }
            try {
                root = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                        .readTree(Files.readString(FIXTURE));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + FIXTURE, e);
            }
        }
        return root;
    }

    static List<JsonNode> evaluations() {
        List<JsonNode> out = new ArrayList<>();
        root().path("evaluations").forEach(out::add);
        return out;
    }

    static JsonNode byId(String id) {
        return evaluations().stream().filter(e -> e.path("id").asString().equals(id)).findFirst().orElseThrow();
    }

    static Template templateFor(JsonNode form) {
        return switch (form.path("form_type").asString()) {
            case JINZHONG_FORM -> Templates.load(Templates.JINZHONG_2020_SCORECARD);
            case LISHI_FORM, LISHI_REPORT, DEPARTMENT -> Templates.load(Templates.LISHI_2022);
            default -> throw new IllegalArgumentException("no template for form type " + form.path("form_type"));
        };
    }

    static Submission submission(JsonNode form) {
        return switch (form.path("form_type").asString()) {
            case JINZHONG_FORM -> jinzhongScorecard(form);
            case LISHI_FORM -> lishiForm(form, false);
            case LISHI_REPORT, DEPARTMENT -> report(form);
            default -> throw new IllegalArgumentException("unknown form type " + form.path("form_type"));
        };
    }

    /**
     * 晋中's 评分表: the subtotal rows (投入: 20 / 20.00) are printed group scores, the 预算执行率 row is the execution
     * row (its score printed, its value recomputed from 预算下达 / 实际支出), every other row is a criterion scored by
     * the submitter. The 绩效目标 table above the 评分表 carries no weights and is not scored by this form.
     */
    static Submission jinzhongScorecard(JsonNode form) {
        Template t = Templates.load(Templates.JINZHONG_2020_SCORECARD);
        List<Indicator> rows = new ArrayList<>();
        Map<String, BigDecimal> groupScores = new LinkedHashMap<>();
        BigDecimal executionScore = null;
        for (JsonNode row : form.path("scorecard")) {
            String level1 = text(row, "level1");
            String level2 = text(row, "level2");
            String level3 = text(row, "level3");
            BigDecimal score = number(row, "score");
            if (level2 == null && level3 == null) {
                groupScores.put(level1, score);
            } else if (t.execution().label().equals(level3)) {
                executionScore = score;
            } else {
                rows.add(Indicator.of(level1, level2, level3, null, null, number(row, "weight"))
                        .withPrintedScore(score));
            }
        }
        Submission.Printed printed = new Submission.Printed(text(form, "execution_rate_printed"), executionScore,
                groupScores, number(form, "total_score_printed"), grade(text(form, "grade_printed")));
        return new Submission(form.path("project_name").asString(), org(form), form.path("year").asInt(),
                money(form, "annual_budget"), money(form, "executed"), rows, printed);
    }

    /**
     * A 离石 2022 form. Its 实际完成值 column prints 0 on every row whatever the score (the fixture's first
     * inconsistency of each form): it carries no measurement, so the rows go in with no actual value and are scored as
     * the submitter judged them. {@code actualsAsPrinted} keys the zeros in literally instead, to show what the rules
     * make of them.
     */
    static Submission lishiForm(JsonNode form, boolean actualsAsPrinted) {
        List<Indicator> rows = new ArrayList<>();
        for (JsonNode row : form.path("indicators")) {
            rows.add(Indicator.of(text(row, "level1"), text(row, "level2"), text(row, "level3"), text(row, "target"),
                    actualsAsPrinted ? text(row, "actual") : null, number(row, "weight"))
                    .withPrintedScore(number(row, "score")));
        }
        // The form prints no grade; the report that goes with it concludes "自评等级中", and that is what was published.
        Submission.Printed printed = new Submission.Printed(text(form, "execution_rate_printed"),
                number(form, "execution_rate_score_printed"), Map.of(), number(form, "total_score_printed"),
                grade(text(form.path("report"), "report_grade_text")));
        return new Submission(form.path("project_name").asString(), org(form), form.path("year").asInt(),
                money(form, "annual_budget"), money(form, "executed"), rows, printed);
    }

    /** A report with no form (or the department's statement): budget, execution, what it prints; rows unweighted. */
    static Submission report(JsonNode form) {
        List<Indicator> rows = new ArrayList<>();
        for (JsonNode row : form.path("indicators")) {
            rows.add(Indicator.of(text(row, "level1"), text(row, "level2"), text(row, "level3"), text(row, "target"),
                    text(row, "actual"), number(row, "weight")).withPrintedScore(number(row, "score")));
        }
        Submission.Printed printed = new Submission.Printed(text(form, "execution_rate_printed"), null, Map.of(),
                number(form, "total_score_printed"), grade(text(form, "grade_printed")));
        return new Submission(form.path("project_name").asString(), org(form), form.path("year").asInt(),
                money(form, "annual_budget"), money(form, "executed"), rows, printed);
    }

    /** The department's statement with the eight 二级项目 forms it reports on and the grade count it claims. */
    static DepartmentSubmission department(JsonNode form) {
        List<Submission> projects = evaluations().stream()
                .filter(e -> e.path("form_type").asString().equals(LISHI_FORM))
                .map(FixtureForms::submission).toList();
        Map<Grade, Integer> tally = new EnumMap<>(Grade.class);
        Matcher m = GRADE_TALLY.matcher(form.path("narrative").path("项目自评").asString());
        while (m.find()) {
            tally.put(Grade.parse(m.group(2)), Integer.parseInt(m.group(1)));
        }
        return new DepartmentSubmission(report(form), projects, tally);
    }

    static Money money(JsonNode form, String field) {
        BigDecimal amount = form.path("budget").path(field).decimalValue();
        if (!"元".equals(form.path("unit").asString())) {
            amount = amount.movePointRight(4);
        }
        return Money.parse(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }

    static BigDecimal number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.decimalValue();
    }

    /** "优", "自评等级中", "中（'自评等级中' boilerplate）" → the grade. */
    static Grade grade(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = GRADE_IN_TEXT.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no grade in '" + text + "'");
        }
        return Grade.parse(m.group(1) != null ? m.group(1) : m.group(2));
    }

    private static String org(JsonNode form) {
        return form.path("org").path("实施单位").asString();
    }
}
