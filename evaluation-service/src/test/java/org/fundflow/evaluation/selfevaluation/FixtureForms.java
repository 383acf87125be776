package org.fundflow.evaluation.selfevaluation;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The forms of shared/fixtures/self-evaluations.json as an agency would POST them with figuresFrom SUBMITTED: rows,
 * weights, the form's own budget and execution, and every printed figure; nothing the fixture recomputed goes in.
 * The readings are the scoring library's (its FixtureForms): 晋中's 评分表 rows are judged criteria with the subtotal
 * rows as printed group scores and the 预算执行率 row as the printed execution score; 离石's 实际完成值 column prints 0
 * on every row whatever the score, so it goes in as not reported; 离石's reports conclude "自评等级中", taken as the
 * printed grade.
 */
final class FixtureForms {
    static final Path FIXTURE = Path.of("../../shared/fixtures/self-evaluations.json");
    static final String JINZHONG_FORM = "晋中市财政支出项目绩效自评表";
    static final String LISHI_FORM = "2022年项目支出绩效自评表（离石区）";
    static final String LISHI_REPORT = "项目支出绩效评价报告（无自评表）";
    static final String DEPARTMENT = "部门（单位）整体支出绩效自评（情况说明）";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern GRADE_IN_TEXT = Pattern.compile("自评等级([优良中差])|^([优良中差])");
    private static final Pattern GRADE_TALLY = Pattern.compile("(\\d+)个(?:项目自评等级为)?“([优良中差])”");
    private static JsonNode root;

    private FixtureForms() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            if (!Files.isRegularFile(FIXTURE)) {
                throw new IllegalStateException("fixture not found: " + FIXTURE.toAbsolutePath().normalize());
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

    static boolean isDepartment(JsonNode form) {
        return DEPARTMENT.equals(form.path("form_type").asString());
    }

    static String template(JsonNode form) {
        return switch (form.path("form_type").asString()) {
            case JINZHONG_FORM -> "jinzhong-2020-scorecard";
            case LISHI_FORM, LISHI_REPORT, DEPARTMENT -> "lishi-2022";
            default -> throw new IllegalArgumentException("no template for form type " + form.path("form_type"));
        };
    }

    /** The body of POST /api/evaluations (or /department, without programCode) for a fixture form. */
    static ObjectNode body(JsonNode form, String programCode, String orgCode) {
        ObjectNode body = NODES.objectNode();
        if (!isDepartment(form)) {
            body.put("programCode", programCode);
        }
        body.put("fiscalYear", form.path("year").asInt());
        body.put("orgCode", orgCode);
        body.put("template", template(form));
        body.put("figuresFrom", "SUBMITTED");
        body.put("budget", money(form, "annual_budget"));
        body.put("executed", money(form, "executed"));
        ArrayNode rows = body.putArray("indicators");
        ObjectNode printed = NODES.objectNode();
        putText(printed, "executionRate", text(form, "execution_rate_printed"));
        switch (form.path("form_type").asString()) {
            case JINZHONG_FORM -> {
                ObjectNode groups = printed.putObject("groupScores");
                for (JsonNode row : form.path("scorecard")) {
                    String level2 = text(row, "level2");
                    String level3 = text(row, "level3");
                    if (level2 == null && level3 == null) {
                        groups.put(text(row, "level1"), number(row, "score")); // subtotal row: 投入 20 / 20.00
                    } else if ("预算执行率".equals(level3)) {
                        putNumber(printed, "executionScore", number(row, "score"));
                    } else {
                        ObjectNode r = rows.addObject();
                        r.put("level1", text(row, "level1"));
                        putText(r, "level2", level2);
                        putText(r, "level3", level3);
                        putNumber(r, "weight", number(row, "weight"));
                        putNumber(r, "printedScore", number(row, "score"));
                    }
                }
                putNumber(printed, "total", number(form, "total_score_printed"));
                putText(printed, "grade", grade(text(form, "grade_printed")));
            }
            case LISHI_FORM -> {
                for (JsonNode row : form.path("indicators")) {
                    ObjectNode r = indicator(rows, row);
                    r.remove("actual"); // 实际完成值 printed 0 on every row whatever its score: not a measurement
                }
                putNumber(printed, "executionScore", number(form, "execution_rate_score_printed"));
                putNumber(printed, "total", number(form, "total_score_printed"));
                putText(printed, "grade", grade(text(form.path("report"), "report_grade_text")));
            }
            case LISHI_REPORT, DEPARTMENT -> {
                for (JsonNode row : form.path("indicators")) {
                    indicator(rows, row);
                }
                putNumber(printed, "total", number(form, "total_score_printed"));
                putText(printed, "grade", grade(text(form, "grade_printed")));
                if (isDepartment(form)) {
                    ObjectNode tally = printed.putObject("projectGrades");
                    Matcher m = GRADE_TALLY.matcher(form.path("narrative").path("项目自评").asString());
                    while (m.find()) {
                        tally.put(m.group(2), Integer.parseInt(m.group(1)));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown form type " + form.path("form_type"));
        }
        body.set("printed", printed);
        return body;
    }

    private static ObjectNode indicator(ArrayNode rows, JsonNode row) {
        ObjectNode r = rows.addObject();
        r.put("level1", text(row, "level1"));
        putText(r, "level2", text(row, "level2"));
        putText(r, "level3", text(row, "level3"));
        putText(r, "target", text(row, "target"));
        putText(r, "actual", text(row, "actual"));
        putNumber(r, "weight", number(row, "weight"));
        putNumber(r, "printedScore", number(row, "score"));
        return r;
    }

    /** 万元 (or 元) of the fixture as an API amount in 元. */
    static String money(JsonNode form, String field) {
        BigDecimal amount = form.path("budget").path(field).decimalValue();
        if (!"元".equals(form.path("unit").asString())) {
            amount = amount.movePointRight(4);
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }

    static BigDecimal number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.decimalValue();
    }

    /** "优", "自评等级中", "中（'自评等级中' boilerplate）" → the grade's label. */
    static String grade(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = GRADE_IN_TEXT.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no grade in '" + text + "'");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putNumber(ObjectNode node, String field, BigDecimal value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
