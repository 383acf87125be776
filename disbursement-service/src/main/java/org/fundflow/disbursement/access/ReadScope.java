package org.fundflow.disbursement.access;

import java.util.Set;

/**
 * The rows a caller may read, as a list query restricts them: one org's (an agency), those of a set of regions (a
 * finance bureau or supervisor: their region and everything below it), or everything (national).
 *
 * @param org     only this org's rows; null for no org restriction
 * @param regions only rows of these regions (an empty set matches nothing); null for no region restriction
 */
public record ReadScope(String org, Set<String> regions) {
    public static final ReadScope EVERYTHING = new ReadScope(null, null);

    public ReadScope {
        regions = regions == null ? null : Set.copyOf(regions);
    }
}
