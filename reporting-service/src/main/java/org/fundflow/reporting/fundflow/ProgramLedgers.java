package org.fundflow.reporting.fundflow;

import java.time.Instant;
import java.util.List;

/** The programs that have a fund-flow ledger in a fiscal year, each with its root totals. */
record ProgramLedgers(int fiscalYear, Instant generatedAt, List<Program> programs) {

    record Program(String programCode, String programName, int fiscalYear, int allocations, int roots,
            FundFlowLedger.Totals totals) {
    }
}
