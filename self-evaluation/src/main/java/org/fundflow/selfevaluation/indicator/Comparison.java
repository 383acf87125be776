package org.fundflow.selfevaluation.indicator;

/** The comparison a target is written with. It decides the direction: ≤ and < mean lower is better. */
public enum Comparison {
    /** No operator ("45000人次"): a level to reach. */
    NONE(""),
    AT_LEAST("≥"),
    MORE_THAN(">"),
    EQUAL("="),
    AT_MOST("≤"),
    LESS_THAN("<");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** A reverse indicator: the smaller the actual value, the better (weight × target/actual when missed). */
    public boolean lowerIsBetter() {
        return this == AT_MOST || this == LESS_THAN;
    }
}
