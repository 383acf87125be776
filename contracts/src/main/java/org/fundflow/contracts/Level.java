package org.fundflow.contracts;

/** 预算级次: the fiscal level of a region, and the level whose money a fund originally is (资金来源). */
public enum Level {
    CENTRAL, PROVINCIAL, CITY, COUNTY;

    /**
     * The level of a GB/T 2260 code: {@code 000000} is the centre, {@code xx0000} a province, {@code xxxx00} a
     * city (prefecture), anything else a county-level division.
     */
    public static Level ofRegionCode(String code) {
        if (code.equals("000000")) {
            return CENTRAL;
        }
        if (code.endsWith("0000")) {
            return PROVINCIAL;
        }
        if (code.endsWith("00")) {
            return CITY;
        }
        return COUNTY;
    }
}
