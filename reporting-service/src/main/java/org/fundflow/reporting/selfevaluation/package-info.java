/**
 * 项目支出绩效自评表 as published: the self-evaluations consumed from fundflow.evaluation laid out like the form
 * (JSON / CSV / XLSX), the list of evaluations with the current one of each subject, and counts by grade.
 */
package org.fundflow.reporting.selfevaluation;
