package org.fundflow.evaluation.progress;

import java.util.regex.Pattern;

/**
 * A region and its subtree by GB/T 2260 code prefix: {@code 000000} is the whole country, {@code xx0000} a
 * province and everything in it, {@code xxxx00} a city (prefecture) and its counties, any other code just itself.
 */
record RegionScope(String code, String prefix) {
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    static final RegionScope EVERYWHERE = new RegionScope("000000", "");

    /** @throws IllegalArgumentException if the code is not six digits */
    static RegionScope of(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a region is a six-digit GB/T 2260 code, e.g. 140700");
        }
        if (code.equals("000000")) {
            return EVERYWHERE;
        }
        if (code.endsWith("0000")) {
            return new RegionScope(code, code.substring(0, 2));
        }
        if (code.endsWith("00")) {
            return new RegionScope(code, code.substring(0, 4));
        }
        return new RegionScope(code, code);
    }

    boolean contains(String regionCode) {
        if (prefix.isEmpty()) {
            return true;
        }
        return regionCode != null && regionCode.length() == 6 && regionCode.startsWith(prefix);
    }
}
