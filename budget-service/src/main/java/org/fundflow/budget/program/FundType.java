package org.fundflow.budget.program;

/** The budget a program is financed from (the four budgets of the 预算法). */
enum FundType {
    GENERAL_BUDGET("一般公共预算"),
    GOVERNMENT_FUND("政府性基金"),
    STATE_CAPITAL("国有资本经营"),
    OTHER("其他");

    final String label;

    FundType(String label) {
        this.label = label;
    }

    /** For messages: "GENERAL_BUDGET (一般公共预算), ...". */
    static String describeAll() {
        return java.util.Arrays.stream(values()).map(t -> t.name() + " (" + t.label + ")")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static boolean isKnown(String name) {
        for (FundType t : values()) {
            if (t.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
