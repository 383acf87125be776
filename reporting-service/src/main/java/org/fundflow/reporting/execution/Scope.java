package org.fundflow.reporting.execution;

import java.time.LocalDate;

/**
 * What a table covers: one fiscal year, optionally one program, the subtree of one region (the centre = all), as
 * of a date (payments by paidOn, reversals by reversedOn, allocations by issuedOn, movements by their date).
 */
record Scope(int fiscalYear, String programCode, String region, LocalDate asOf) {

    /** The LIKE prefix of the region subtree, or null for everything. */
    String regionPrefix() {
        return Regions.prefix(region);
    }
}
