package org.fundflow.evaluation.selfevaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.EvaluationLevel;
import org.fundflow.contracts.Events.FiguresFrom;
import org.fundflow.contracts.Money;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.Texts;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.scoring.Grade;
import org.fundflow.selfevaluation.scoring.Submission;
import org.fundflow.selfevaluation.template.Template;
import org.fundflow.selfevaluation.template.Templates;
import org.fundflow.selfevaluation.template.Tier;
import tools.jackson.databind.JsonNode;

/**
 * The request bodies of the self-evaluation calls and their shape checks (400 naming the field). Numbers the agency
 * typed (weights, printed scores) arrive as JSON numbers and are kept exact ({@link BigDecimal}); targets and actual
 * values are text, read by the scoring library.
 */
final class EvaluationRequests {
    static final int MAX_INDICATORS = 200;
    static final int MAX_TEXT = 500;
    static final Pattern PROGRAM_CODE = Pattern.compile("[0-9A-Za-z_.-]{1,64}");
    static final Pattern ORG_CODE = Pattern.compile("[0-9A-Za-z_.-]{1,64}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final BigDecimal MAX_POINTS = BigDecimal.valueOf(10_000);

    private EvaluationRequests() {
    }

    /** {@code POST /api/evaluations}: one project's form (项目支出绩效自评表). */
    record SubmitProject(String programCode, Integer fiscalYear, String orgCode, JsonNode template,
            String figuresFrom, String asOf, String budget, String executed, List<IndicatorInput> indicators,
            PrintedInput printed) {
    }

    /** {@code POST /api/evaluations/department}: a department's whole budget (部门整体支出绩效自评). */
    record SubmitDepartment(Integer fiscalYear, String orgCode, JsonNode template, String figuresFrom, String asOf,
            String budget, String executed, List<IndicatorInput> indicators, PrintedInput printed) {
    }

    /** One row of the indicator table: 一级/二级/三级指标, 年度指标值, 实际完成值, 分值 and the submitter's judgement. */
    record IndicatorInput(String level1, String level2, String level3, String target, String actual,
            BigDecimal weight, String kind, String tier, BigDecimal percent, Boolean notApplicable,
            BigDecimal printedScore) {
    }

    /** What the form printed; every figure optional. {@code projectGrades} only for a department ("1个优，7个良"). */
    record PrintedInput(String executionRate, BigDecimal executionScore, Map<String, BigDecimal> groupScores,
            BigDecimal total, String grade, Map<String, Integer> projectGrades) {
    }

    /** The template asked for: shipped (by name) or inline, with its JSON kept for the record. */
    record TemplateChoice(Template template, String definition) {
        String name() {
            return template.name();
        }
    }

    static EvaluationCommand project(SubmitProject body, LocalDate today) {
        if (body == null) {
            throw ApiProblem.invalid(null, "a JSON body is required");
        }
        String program = code("programCode", body.programCode(), PROGRAM_CODE,
                "a program code (1 to 64 letters, digits, '.', '_' or '-')");
        return command(EvaluationLevel.PROJECT, program, body.fiscalYear(), body.orgCode(), body.template(),
                body.figuresFrom(), body.asOf(), body.budget(), body.executed(), body.indicators(), body.printed(),
                today);
    }

    static EvaluationCommand department(SubmitDepartment body, LocalDate today) {
        if (body == null) {
            throw ApiProblem.invalid(null, "a JSON body is required");
        }
        return command(EvaluationLevel.DEPARTMENT, null, body.fiscalYear(), body.orgCode(), body.template(),
                body.figuresFrom(), body.asOf(), body.budget(), body.executed(), body.indicators(), body.printed(),
                today);
    }

    private static EvaluationCommand command(EvaluationLevel level, String programCode, Integer fiscalYear,
            String orgCode, JsonNode templateNode, String figuresFromText, String asOfText, String budgetText,
            String executedText, List<IndicatorInput> inputs, PrintedInput printedInput, LocalDate today) {
        String org = code("orgCode", orgCode, ORG_CODE, "an org code (1 to 64 letters, digits, '.', '_' or '-')");
        int year = year(fiscalYear);
        TemplateChoice template = template(templateNode);
        FiguresFrom figuresFrom = figuresFrom(figuresFromText);

        Money budget = null;
        Money executed = null;
        LocalDate asOf = null;
        String what = level == EvaluationLevel.PROJECT ? "the org's allocations for the program and year"
                : "the org's allocations of the year";
        if (figuresFrom == FiguresFrom.SUBMITTED) {
            budget = amount("budget", budgetText, true);
            executed = amount("executed", executedText, true);
            if (asOfText != null) {
                throw ApiProblem.invalid("asOf", "asOf applies to figuresFrom LIVE only: with SUBMITTED the form's "
                        + "own budget and executed are scored");
            }
        } else {
            if (budgetText != null || executedText != null) {
                throw ApiProblem.invalid(budgetText != null ? "budget" : "executed", "with figuresFrom LIVE the "
                        + "budget and executed are taken from " + what + "; use figuresFrom SUBMITTED to score a "
                        + "form's own figures");
            }
            asOf = asOfText == null ? today : date("asOf", asOfText);
        }

        if (inputs == null) {
            throw ApiProblem.invalid("indicators", "indicators is required (it may be empty: [])");
        }
        if (inputs.size() > MAX_INDICATORS) {
            throw ApiProblem.invalid("indicators", "at most " + MAX_INDICATORS + " indicators per form, got "
                    + inputs.size());
        }
        List<Indicator> indicators = new ArrayList<>();
        List<Events.SelfEvaluationSubmitted.Indicator> submitted = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            IndicatorInput in = inputs.get(i);
            String f = "indicators[" + i + "]";
            if (in == null) {
                throw ApiProblem.invalid(f, f + " must be an object");
            }
            String level1 = text(f + ".level1", in.level1(), true);
            if (template.template().group(level1).isEmpty()) {
                throw ApiProblem.rule(f + ".level1", f + ".level1 '" + level1.strip() + "' is not a first-level "
                        + "group of template " + template.name() + " (" + groups(template.template()) + ")");
            }
            String level2 = text(f + ".level2", in.level2(), false);
            String level3 = text(f + ".level3", in.level3(), false);
            String target = text(f + ".target", in.target(), false);
            String actual = text(f + ".actual", in.actual(), false);
            BigDecimal weight = points(f + ".weight", in.weight());
            BigDecimal printedScore = points(f + ".printedScore", in.printedScore());
            Indicator.Kind kind = kind(f + ".kind", in.kind());
            Tier tier = tier(f + ".tier", in.tier());
            BigDecimal percent = percent(f + ".percent", in.percent());
            boolean notApplicable = Boolean.TRUE.equals(in.notApplicable());
            indicators.add(new Indicator(level1, level2, level3, target, actual, weight, kind, tier, percent,
                    notApplicable, printedScore));
            submitted.add(new Events.SelfEvaluationSubmitted.Indicator(level1, level2, level3, target, actual,
                    plain(weight), kind == null ? null : kind.name(), tier == null ? null : tier.name(),
                    plain(percent), notApplicable, plain(printedScore)));
        }

        PrintedInput p = printedInput == null ? new PrintedInput(null, null, null, null, null, null) : printedInput;
        String rate = text("printed.executionRate", p.executionRate(), false);
        BigDecimal executionScore = points("printed.executionScore", p.executionScore());
        BigDecimal total = points("printed.total", p.total());
        Grade grade = grade("printed.grade", p.grade());
        Map<String, BigDecimal> groupScores = new LinkedHashMap<>();
        Map<String, String> groupScoresShown = new LinkedHashMap<>();
        if (p.groupScores() != null) {
            for (Map.Entry<String, BigDecimal> e : p.groupScores().entrySet()) {
                String key = text("printed.groupScores", e.getKey(), true);
                if (template.template().group(key).isEmpty()) {
                    throw ApiProblem.rule("printed.groupScores", "printed subtotal '" + key + "' is not a group of "
                            + "template " + template.name() + " (" + groups(template.template()) + ")");
                }
                BigDecimal score = points("printed.groupScores." + key, e.getValue());
                groupScores.put(key, score);
                groupScoresShown.put(key, plain(score));
            }
        }
        Map<Grade, Integer> projectGrades = new EnumMap<>(Grade.class);
        Map<String, Integer> projectGradesShown = null;
        if (p.projectGrades() != null) {
            if (level == EvaluationLevel.PROJECT) {
                throw ApiProblem.invalid("printed.projectGrades", "printed.projectGrades belongs to a department's "
                        + "evaluation (POST /api/evaluations/department)");
            }
            projectGradesShown = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : p.projectGrades().entrySet()) {
                Grade g = grade("printed.projectGrades", e.getKey());
                if (g == null) {
                    throw ApiProblem.invalid("printed.projectGrades", "printed.projectGrades keys are grades: 优, 良, "
                            + "中 or 差");
                }
                Integer n = e.getValue();
                if (n == null || n < 0 || n > 100_000) {
                    throw ApiProblem.invalid("printed.projectGrades." + g.label(), "the count of projects graded "
                            + g.label() + " must be a whole number from 0");
                }
                if (projectGrades.put(g, n) != null) {
                    throw ApiProblem.invalid("printed.projectGrades", "grade " + g.label() + " is given twice");
                }
                projectGradesShown.put(g.label(), n);
            }
        }
        Submission.Printed printed = new Submission.Printed(rate, executionScore, groupScores, total, grade);
        Events.SelfEvaluationSubmitted.Printed printedShown = new Events.SelfEvaluationSubmitted.Printed(rate,
                plain(executionScore), groupScoresShown, plain(total), grade == null ? null : grade.label(),
                projectGradesShown);
        return new EvaluationCommand(level, programCode, year, org, template, figuresFrom, asOf, budget, executed,
                indicators, printed, projectGrades, submitted, printedShown);
    }

    static TemplateChoice template(JsonNode node) {
        if (node == null || node.isNull()) {
            return new TemplateChoice(Templates.national(), null);
        }
        if (node.isString()) {
            String name = node.asString().strip();
            printable("template", name);
            try {
                return new TemplateChoice(Templates.load(name), null);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("template", "template '" + abbreviate(name) + "' is not known: shipped are "
                        + Templates.NATIONAL_2020 + ", " + Templates.JINZHONG_2020_SCORECARD + " and "
                        + Templates.LISHI_2022 + " (or give a template object)");
            }
        }
        if (node.isObject()) {
            printable("template", node);
            String json = node.toString();
            Template t;
            try {
                t = Templates.parse(json);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("template", "the inline template is not valid: " + e.getMessage());
            }
            if (t.name().length() > 64) {
                throw ApiProblem.invalid("template.name", "template.name must be at most 64 characters");
            }
            if (isShipped(t.name())) {
                throw ApiProblem.invalid("template.name", "template.name '" + t.name() + "' is the name of a shipped "
                        + "template: give an inline template a name of its own");
            }
            return new TemplateChoice(t, json);
        }
        throw ApiProblem.invalid("template", "template is a name (\"national-2020\") or a template object");
    }

    private static boolean isShipped(String name) {
        try {
            Templates.load(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static FiguresFrom figuresFrom(String text) {
        if (text == null) {
            return FiguresFrom.LIVE;
        }
        try {
            return FiguresFrom.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("figuresFrom", "figuresFrom must be LIVE (fundflow's own allocation and payment "
                    + "facts) or SUBMITTED (the form's own budget and executed)");
        }
    }

    static String code(String field, String value, Pattern shape, String description) {
        if (value == null) {
            throw ApiProblem.invalid(field, field + " is required");
        }
        if (!shape.matcher(value).matches()) {
            throw ApiProblem.invalid(field, field + " '" + abbreviate(value) + "' is not " + description);
        }
        return value;
    }

    static int year(Integer value) {
        if (value == null) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear is required");
        }
        if (value < 2000 || value > 2100) {
            throw ApiProblem.invalid("fiscalYear", "fiscalYear must be a year from 2000 to 2100");
        }
        return value;
    }

    static LocalDate date(String field, String value) {
        if (!DATE.matcher(value).matches()) {
            throw ApiProblem.invalid(field, field + " must be a date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, field + " '" + value + "' is not a calendar date");
        }
    }

    private static Money amount(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw ApiProblem.invalid(field, field + " is required with figuresFrom SUBMITTED (an amount in 元, "
                        + "e.g. \"6710000.00\")");
            }
            return null;
        }
        Money m;
        try {
            m = Money.parse(value);
        } catch (Money.InvalidAmountException e) {
            throw ApiProblem.invalid(field, field + " " + e.getMessage());
        }
        if (m.isNegative()) {
            throw ApiProblem.invalid(field, field + " must not be negative");
        }
        return m;
    }

    private static String text(String field, String value, boolean required) {
        if (value == null || (required && value.isBlank())) {
            if (required) {
                throw ApiProblem.invalid(field, field + " is required");
            }
            return null;
        }
        if (value.codePointCount(0, value.length()) > MAX_TEXT) {
            throw ApiProblem.invalid(field, field + " must be at most " + MAX_TEXT + " characters");
        }
        printable(field, value);
        return value;
    }

    /** Text is stored and shown to others: the platform's one rule ({@link Texts}), tabs and line breaks allowed. */
    static void printable(String field, String value) {
        Texts.check(field, value, Integer.MAX_VALUE, true);
    }

    /** Every name and text of an inline template, checked as {@link #printable} text. */
    private static void printable(String field, JsonNode node) {
        if (node.isString()) {
            printable(field, node.asString());
        } else if (node.isObject()) {
            for (var e : node.properties()) {
                printable(field, e.getKey());
                printable(field, e.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                printable(field, n);
            }
        }
    }

    /** The submitter's share of a judged row's weight, in percent. */
    private static BigDecimal percent(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0 || value.scale() > 4) {
            throw ApiProblem.invalid(field, field + " must be a percentage from 0 to 100 with at most four decimals");
        }
        return value;
    }

    /** Points (weights and scores): not negative, at most two decimals' worth of sense, never absurdly large. */
    private static BigDecimal points(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw ApiProblem.invalid(field, field + " must not be negative");
        }
        if (value.compareTo(MAX_POINTS) > 0 || value.scale() > 4) {
            throw ApiProblem.invalid(field, field + " must be a number of points from 0 to " + MAX_POINTS
                    + " with at most four decimals");
        }
        return value;
    }

    private static Indicator.Kind kind(String field, String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.equals("定量")) {
            return Indicator.Kind.QUANTITATIVE;
        }
        if (s.equals("定性")) {
            return Indicator.Kind.QUALITATIVE;
        }
        try {
            return Indicator.Kind.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, field + " must be QUANTITATIVE (定量) or QUALITATIVE (定性)");
        }
    }

    private static Tier tier(String field, String value) {
        try {
            return Tier.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, field + " " + e.getMessage());
        }
    }

    private static Grade grade(String field, String value) {
        try {
            return Grade.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, field + " " + e.getMessage());
        }
    }

    private static String groups(Template t) {
        return String.join(", ", t.groups().stream().map(Template.Group::name).toList());
    }

    static String plain(BigDecimal n) {
        return n == null ? null : n.toPlainString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
