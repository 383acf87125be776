package org.fundflow.evaluation.progress;

import java.time.LocalDate;

/**
 * What a progress or alert query asks for. {@code programCode} and {@code fiscalYear} select allocations (null:
 * any); {@code region} filters the rows shown, never the figures (a row's figures always include its whole
 * subtree).
 */
record ProgressQuery(String programCode, Integer fiscalYear, RegionScope region, LocalDate asOf) {

    boolean selects(AllocationFact f) {
        return (programCode == null || programCode.equals(f.programCode()))
                && (fiscalYear == null || fiscalYear == f.fiscalYear());
    }
}
