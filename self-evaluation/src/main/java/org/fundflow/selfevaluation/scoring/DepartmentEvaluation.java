package org.fundflow.selfevaluation.scoring;

import java.util.List;
import java.util.Map;
import org.fundflow.contracts.Money;
import org.fundflow.selfevaluation.discrepancy.Discrepancy;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag;

/**
 * A department's whole-budget self-evaluation, scored.
 *
 * @param department      the department's own form scored (execution rate of the whole budget, its indicator table);
 *                        its own discrepancies are there
 * @param projects        each project form scored
 * @param projectBudget   the sum of the projects' budgets
 * @param projectExecuted the sum of the projects' executions
 * @param projectGrades   projects per recomputed grade (every grade present, zero included)
 * @param discrepancies   what the department says about its projects that the projects' figures contradict
 */
public record DepartmentEvaluation(ScoredEvaluation department, List<ScoredEvaluation> projects, Money projectBudget,
        Money projectExecuted, Map<Grade, Integer> projectGrades, List<Discrepancy> discrepancies,
        List<ReviewFlag> reviewFlags) {

    public DepartmentEvaluation {
        projects = List.copyOf(projects);
        java.util.Map<Grade, Integer> grades = new java.util.EnumMap<>(Grade.class);
        grades.putAll(projectGrades);
        projectGrades = java.util.Collections.unmodifiableMap(grades);
        discrepancies = List.copyOf(discrepancies);
        reviewFlags = List.copyOf(reviewFlags);
    }
}
