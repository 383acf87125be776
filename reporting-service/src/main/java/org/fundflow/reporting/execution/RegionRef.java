package org.fundflow.reporting.execution;

/** A region as a table names it: its GB/T 2260 code and the name the allocations carry (null if none did yet). */
record RegionRef(String code, String name) {
}
