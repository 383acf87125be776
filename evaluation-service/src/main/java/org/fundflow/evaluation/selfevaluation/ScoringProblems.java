package org.fundflow.evaluation.selfevaluation;

import java.util.List;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.indicator.IndicatorValueException;
import org.fundflow.selfevaluation.template.Template;

/**
 * The scoring library's refusals as 422 problems naming the field of the request: the library names the indicator
 * and quotes the offending text, and the row (and which of its values) is found from those.
 */
final class ScoringProblems {
    private ScoringProblems() {
    }

    static ApiProblem of(IndicatorValueException e, EvaluationCommand c, Template template) {
        List<Indicator> rows = c.indicators();
        String text = e.text() == null ? "" : e.text().strip();
        String field = null;
        for (int i = 0; i < rows.size() && field == null; i++) {
            Indicator row = rows.get(i);
            if (!row.name().equals(e.indicator())) {
                continue;
            }
            String f = "indicators[" + i + "]";
            if (same(text, row.target())) {
                field = f + ".target";
            } else if (same(text, row.actual())) {
                field = f + ".actual";
            } else if (row.percent() != null && text.equals(row.percent().toPlainString() + "%")) {
                field = f + ".percent";
            } else if (row.weight() != null && text.equals(row.weight().toPlainString())) {
                field = f + ".weight";
            }
        }
        if (field == null && template.execution().label().equals(e.indicator())
                && same(text, c.printed().executionRate())) {
            field = "printed.executionRate";
        }
        if (field == null) {
            field = rows.stream().filter(r -> r.name().equals(e.indicator())).findFirst()
                    .map(r -> "indicators[" + rows.indexOf(r) + "]").orElse("indicators");
        }
        return ApiProblem.rule(field, e.getMessage());
    }

    /** Other refusals of the library: the execution row keyed in as an indicator, a group the template lacks. */
    static ApiProblem of(IllegalArgumentException e, EvaluationCommand c, Template template) {
        List<Indicator> rows = c.indicators();
        String field = "indicators";
        String label = template.execution().label();
        for (int i = 0; i < rows.size(); i++) {
            if (label.equals(rows.get(i).name()) && e.getMessage() != null
                    && e.getMessage().contains("is the execution row")) {
                field = "indicators[" + i + "].level3";
                break;
            }
        }
        return ApiProblem.rule(field, e.getMessage());
    }

    private static boolean same(String text, String value) {
        return value != null && value.strip().equals(text);
    }
}
