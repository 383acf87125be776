/**
 * 部门决算公开: the public final-accounts tables of an agency (收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表,
 * 一般公共预算财政拨款支出决算表, 基本支出明细表, 三公经费, …) for {@code GET /api/reports/final-accounts/{orgCode}/{fiscalYear}/{table}}.
 * Derived from the facts in {@link org.fundflow.reporting.facts} (income = allocations received by the org, expenditure
 * = payments by function code, economic code and basic/project kind) and exported through
 * {@link org.fundflow.reporting.export}. Table numbering differs between places and years, so it is configuration.
 * Added by a later issue; this package is where it goes.
 */
package org.fundflow.reporting.finalaccounts;
