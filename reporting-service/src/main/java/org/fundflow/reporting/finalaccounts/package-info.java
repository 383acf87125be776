/**
 * 部门决算公开: the public final-accounts tables of an agency (收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表,
 * 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款支出决算明细表, 三公经费, 政府性基金, 国有资本经营, 相关信息统计表) and the
 * figures of their 第三部分 情况说明, for {@code GET /api/reports/final-accounts/{orgCode}/{fiscalYear}/…}.
 *
 * <p>Derived from the facts in {@link org.fundflow.reporting.facts} (income = allocations received by the org by
 * fund type, expenditure = payments − reversals by function code, economic code and basic/project kind) by the pure
 * {@code TableBuilder} into a {@code FinalAccountsDocument}; numbering, titles and notes come from a layout per place
 * and year ({@code classpath:finalaccounts/layouts/}); {@code TableRenderer} lays a table out like the printed form
 * for CSV and XLSX. Publishing freezes the document (canonical JSON + SHA-256) as an immutable version with a
 * row-level diff from the previous one.
 */
package org.fundflow.reporting.finalaccounts;
