/**
 * File formats shared by every published report (fund-flow ledger, execution tables, public tables): CSV as Excel
 * opens it ({@link org.fundflow.reporting.export.Csv}) and tables laid out like the published ones
 * ({@link org.fundflow.reporting.export.PublishedTable}) in CSV or XLSX, in 元 or 万元.
 */
package org.fundflow.reporting.export;
