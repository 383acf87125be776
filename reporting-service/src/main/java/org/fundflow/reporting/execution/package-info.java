/**
 * Execution ledgers in the manner of the 直达资金监控系统: 分地区 (by region), 分资金 (by program) and spending by
 * function code, derived at query time from the allocation and payment facts, as of a date, in JSON, CSV or XLSX, in
 * 元 or 万元.
 */
package org.fundflow.reporting.execution;
