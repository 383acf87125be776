package org.fundflow.reporting.execution;

import org.fundflow.contracts.Money;

/** Payments and reversals summed in 分; executed = paid − reversed. */
record Spending(long paidCents, long reversedCents) {
    static final Spending NONE = new Spending(0, 0);

    Spending plus(Spending other) {
        return new Spending(Math.addExact(paidCents, other.paidCents),
                Math.addExact(reversedCents, other.reversedCents));
    }

    Money paid() {
        return Money.ofCents(paidCents);
    }

    Money reversed() {
        return Money.ofCents(reversedCents);
    }

    Money executed() {
        return Money.ofCents(Math.subtractExact(paidCents, reversedCents));
    }
}
