package org.fundflow.evaluation.selfevaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Events.EvaluationLevel;
import org.fundflow.contracts.Events.FiguresFrom;
import org.fundflow.contracts.Money;
import org.fundflow.selfevaluation.indicator.Indicator;
import org.fundflow.selfevaluation.scoring.Grade;
import org.fundflow.selfevaluation.scoring.Submission;

/**
 * A checked self-evaluation submission: the library's view of it (indicators, printed figures) and the event's
 * (the same as submitted, numbers as the decimal strings typed).
 *
 * @param programCode null for a department
 * @param asOf        the date of the LIVE figures; null with SUBMITTED
 * @param budget      the form's own 全年预算数 with SUBMITTED; null with LIVE (taken from the facts)
 * @param executed    the form's own 全年执行数 with SUBMITTED; null with LIVE
 */
record EvaluationCommand(EvaluationLevel level, String programCode, int fiscalYear, String orgCode,
        EvaluationRequests.TemplateChoice template, FiguresFrom figuresFrom, LocalDate asOf, Money budget,
        Money executed, List<Indicator> indicators, Submission.Printed printed, Map<Grade, Integer> projectGrades,
        List<Events.SelfEvaluationSubmitted.Indicator> submittedIndicators,
        Events.SelfEvaluationSubmitted.Printed submittedPrinted) {

    /** What is evaluated; its evaluations follow each other, the latest being current. Also the event key. */
    String subject() {
        return level == EvaluationLevel.PROJECT ? fiscalYear + "/" + orgCode + "/" + programCode
                : fiscalYear + "/" + orgCode;
    }
}
