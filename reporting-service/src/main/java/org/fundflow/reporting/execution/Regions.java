package org.fundflow.reporting.execution;

/**
 * GB/T 2260 region codes as a tree, from the code alone: {@code 000000} is the centre, {@code xx0000} a province,
 * {@code xxyy00} a city, anything else a county-level division. The subtree of a region is the set of codes with
 * its significant prefix. Pure, so the rules are unit-tested.
 */
final class Regions {
    static final String CENTRE = "000000";
    static final String CENTRE_NAME = "中央";

    private Regions() {
    }

    static boolean isCode(String code) {
        return code != null && code.length() == 6 && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The prefix every code of the subtree starts with; null for the centre (the subtree is everything). */
    static String prefix(String region) {
        if (CENTRE.equals(region)) {
            return null;
        }
        if (region.endsWith("0000")) {
            return region.substring(0, 2);
        }
        if (region.endsWith("00")) {
            return region.substring(0, 4);
        }
        return region;
    }

    static boolean contains(String region, String code) {
        String prefix = prefix(region);
        return prefix == null || (code != null && code.startsWith(prefix));
    }

    /**
     * The row of a table by child region of {@code region} that {@code code} (in its subtree) falls into: the
     * province, city or county containing it, or {@code region} itself for its own level (本级). A code that is not
     * a region code stays as it is (its own row), so no money drops out of a table.
     */
    static String childOf(String region, String code) {
        if (code == null || code.equals(region) || !isCode(code)) {
            return code;
        }
        if (CENTRE.equals(region)) {
            return code.substring(0, 2) + "0000";
        }
        if (region.endsWith("0000")) {
            return code.substring(0, 4) + "00";
        }
        return code;
    }
}
