package org.fundflow.selfevaluation.scoring;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A department's self-evaluation of its whole budget (部门整体支出绩效自评).
 *
 * @param department           the department's own form: its whole budget, execution and indicator table
 * @param projects             the forms of the projects it evaluated (二级项目)
 * @param printedProjectGrades how many projects it says got each grade ("1个优，7个良…"); empty if not stated
 */
public record DepartmentSubmission(Submission department, List<Submission> projects,
        Map<Grade, Integer> printedProjectGrades) {

    public DepartmentSubmission {
        Objects.requireNonNull(department, "department");
        projects = projects == null ? List.of() : List.copyOf(projects);
        Map<Grade, Integer> grades = new EnumMap<>(Grade.class);
        if (printedProjectGrades != null) {
            grades.putAll(printedProjectGrades);
        }
        printedProjectGrades = java.util.Collections.unmodifiableMap(grades);
    }
}
