package org.fundflow.reporting.finalaccounts;

/**
 * The budget money comes from (the four budgets of the 预算法), as programs carry it. The first three are 财政拨款
 * (fiscal appropriations); OTHER is printed as 其他收入.
 */
enum FundType {
    GENERAL_BUDGET, GOVERNMENT_FUND, STATE_CAPITAL, OTHER;

    boolean isAppropriation() {
        return this != OTHER;
    }

    /**
     * A program whose registration has not arrived yet (and whose payments do not say either) counts as 一般公共预算,
     * where nearly all of an agency's money comes from; the figure corrects itself when the registration arrives.
     * A name this build does not know is OTHER.
     */
    static FundType of(String name) {
        if (name == null) {
            return GENERAL_BUDGET;
        }
        for (FundType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return OTHER;
    }
}
