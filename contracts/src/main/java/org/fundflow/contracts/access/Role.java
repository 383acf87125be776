package org.fundflow.contracts.access;

/** What a signed-in user may do; each role comes with a scope (see {@link Caller}). */
public enum Role {
    /** 财政局: issues, adjusts, recovers and carries over allocations from its region; reads its region's subtree. */
    FINANCE_BUREAU,
    /** 预算单位 (e.g. 医疗保障局, 总工会): records payments, imports and self-evaluations for its own org. */
    AGENCY,
    /** 监督/审计: reads everything in its region subtree (region 000000 中央 = national), including alerts and audit. */
    SUPERVISOR
}
