package org.fundflow.reporting.finalaccounts;

import java.util.Optional;

/**
 * The tables of 部门决算公开, by what they show. The kind is stable; the number a place prints (公开07 in 离石
 * 2022, 公开09 in 晋城 2023) and the printed title come from the {@link Layout}.
 */
enum TableKind {
    INCOME_EXPENDITURE_SUMMARY("income-expenditure-summary", "收入支出决算总表",
            "本表反映部门本年度的总收支和年末结转结余情况。"),
    INCOME("income", "收入决算表", "本表反映部门本年度取得的各项收入情况。"),
    EXPENDITURE("expenditure", "支出决算表", "本表反映部门本年度各项支出情况。"),
    APPROPRIATION_SUMMARY("appropriation-summary", "财政拨款收入支出决算总表",
            "本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。"),
    GENERAL_BUDGET_EXPENDITURE("general-budget-expenditure", "一般公共预算财政拨款支出决算表",
            "本表反映部门本年度一般公共预算财政拨款支出情况。"),
    EXPENDITURE_BY_ECONOMIC_CODE("expenditure-by-economic-code", "一般公共预算财政拨款支出决算明细表",
            "本表反映部门本年度一般公共预算财政拨款支出明细情况（其中包括基本支出明细情况）。"),
    THREE_PUBLIC("three-public-expenses", "财政拨款“三公”经费支出决算表",
            "本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；"
                    + "决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。"),
    GOVERNMENT_FUND("government-fund", "政府性基金预算财政拨款收入支出决算表",
            "本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。"),
    STATE_CAPITAL("state-capital", "国有资本经营预算财政拨款支出决算表",
            "本表反映部门本年度国有资本经营预算财政拨款支出情况。"),
    RELATED_INFORMATION("related-information", "部门决算公开相关信息统计表",
            "本表反映部门本年度政府采购及机关运行经费和国有资产占用情况。");

    private final String id;
    private final String defaultName;
    private final String defaultNote;

    TableKind(String id, String defaultName, String defaultNote) {
        this.id = id;
        this.defaultName = defaultName;
        this.defaultNote = defaultNote;
    }

    /** The kind as it appears in URLs and JSON, e.g. {@code expenditure-by-economic-code}. */
    String id() {
        return id;
    }

    String defaultName() {
        return defaultName;
    }

    String defaultNote() {
        return defaultNote;
    }

    static Optional<TableKind> of(String id) {
        for (TableKind k : values()) {
            if (k.id.equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
