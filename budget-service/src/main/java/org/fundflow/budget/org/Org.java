package org.fundflow.budget.org;

/** A 预算单位 as it is now: its current name and the region it belongs to. */
public record Org(String orgCode, String name, String regionCode) {
}
