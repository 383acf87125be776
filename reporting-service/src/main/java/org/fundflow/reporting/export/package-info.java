/** File formats shared by every published report (fund-flow ledger, public tables): CSV now, XLSX later. */
package org.fundflow.reporting.export;
