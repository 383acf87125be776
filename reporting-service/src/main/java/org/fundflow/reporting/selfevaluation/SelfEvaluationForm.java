package org.fundflow.reporting.selfevaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Rates;
import org.fundflow.reporting.export.AmountUnit;
import org.fundflow.reporting.export.Grid;
import org.fundflow.reporting.export.Grid.GridCell;
import org.fundflow.reporting.export.Grid.Style;

/**
 * One 项目支出绩效自评表 laid out like the printed form (pure: built from the stored events). Amounts are printed in
 * 万元 with two decimals, rounded half-up from the exact 分 (the 尾数 note says so); scores with two decimals. The
 * figures are the recomputed ones of SelfEvaluationScored; where the form as submitted printed something else, the
 * 说明 block lists it ("printed X, recomputed Y (rule)").
 */
record SelfEvaluationForm(UUID evaluationId, String level, String programCode, int fiscalYear, String orgCode,
        String template, UUID supersedes, boolean current, Instant occurredAt, boolean scored, String title,
        String unit, Header header, List<IndicatorRow> indicators, String weightTotal, String total, String grade,
        List<String> explanations, String note, List<List<String>> rows) {

    static final int COLUMNS = 8;
    static final String TAIL_NOTE = "注：金额单位为万元，" + AmountUnit.ROUNDING_NOTE;

    /**
     * The header block. Amounts in 万元; {@code budgetYuan}/{@code executedYuan} keep the exact figures.
     * {@code initialBudget} (年初预算数) is not carried by the events and stays null.
     */
    record Header(String projectName, String competentDepartment, String implementingOrg, String initialBudget,
            String budget, String executed, String budgetYuan, String executedYuan, String executionWeight,
            String executionRate, String executionPercent, String executionScore) {
    }

    /** One row of the indicator table; {@code remarks} = 偏差原因 / review flags. */
    record IndicatorRow(String level1, String level2, String level3, String target, String actual, String weight,
            String score, String remarks) {
    }

    record Facts(UUID evaluationId, String level, String programCode, int fiscalYear, String orgCode,
            String template, UUID supersedes, boolean current, Instant occurredAt, Money budget, Money executed) {
    }

    static SelfEvaluationForm of(Facts f, Events.SelfEvaluationSubmitted submitted,
            Events.SelfEvaluationScored scored, String projectName, String orgName, BigDecimal executionWeight) {
        Money budget = scored != null && scored.budget() != null ? scored.budget()
                : submitted != null ? submitted.budget() : f.budget();
        Money executed = scored != null && scored.executed() != null ? scored.executed()
                : submitted != null ? submitted.executed() : f.executed();
        String rate = scored != null && scored.executionRate() != null ? scored.executionRate()
                : budget != null && executed != null ? Rates.fraction(executed.ratioTo(budget)) : null;
        Header header = new Header(projectName, orgName, orgName, null, wan(budget), wan(executed),
                budget == null ? null : budget.toString(), executed == null ? null : executed.toString(),
                two(executionWeight), rate, rate == null ? null : Rates.percent(new BigDecimal(rate)),
                scored == null ? null : two(scored.executionScore()));

        List<IndicatorRow> indicators = indicators(submitted, scored);
        BigDecimal weights = BigDecimal.ZERO.setScale(2);
        boolean anyWeight = false;
        for (IndicatorRow r : indicators) {
            if (r.weight() != null) {
                weights = weights.add(new BigDecimal(r.weight()));
                anyWeight = true;
            }
        }
        String total = scored == null ? null : two(scored.total());
        String grade = scored == null ? null : scored.grade();
        List<String> explanations = new ArrayList<>();
        if (scored == null) {
            explanations.add("尚未评分：评分结果（SelfEvaluationScored）尚未到达");
        } else if (scored.discrepancies() != null) {
            for (Events.SelfEvaluationScored.Discrepancy d : scored.discrepancies()) {
                explanations.add((d.subject() != null ? d.subject() : d.figure()) + "：printed " + d.printed()
                        + ", recomputed " + d.recomputed() + (d.rule() == null ? "" : " (" + d.rule() + ")"));
            }
        }
        if (submitted == null) {
            explanations.add("申报表（SelfEvaluationSubmitted）尚未到达：年度指标值、实际完成值暂缺");
        }
        String title = f.fiscalYear() + "年度项目支出绩效自评表";
        String note = TAIL_NOTE + "（全年预算数 " + (budget == null ? "—" : budget + " 元") + "，全年执行数 "
                + (executed == null ? "—" : executed + " 元") + "）";
        String weightTotal = anyWeight ? weights.toPlainString() : null;
        SelfEvaluationForm draft = new SelfEvaluationForm(f.evaluationId(), f.level(), f.programCode(),
                f.fiscalYear(), f.orgCode(), f.template(), f.supersedes(), f.current(), f.occurredAt(),
                scored != null, title, AmountUnit.WAN.label(), header, indicators, weightTotal, total, grade,
                List.copyOf(explanations), note, List.of());
        Grid grid = draft.grid();
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < grid.rowCount(); r++) {
            List<String> row = new ArrayList<>(COLUMNS);
            for (int c = 0; c < COLUMNS; c++) {
                GridCell cell = grid.get(r, c);
                row.add(cell.number() != null ? cell.number().toPlainString() : cell.text() == null ? "" : cell.text());
            }
            rows.add(row);
        }
        return new SelfEvaluationForm(draft.evaluationId, draft.level, draft.programCode, draft.fiscalYear,
                draft.orgCode, draft.template, draft.supersedes, draft.current, draft.occurredAt, draft.scored, title,
                draft.unit, header, indicators, weightTotal, total, grade, draft.explanations, note, rows);
    }

    /**
     * The submitted rows (targets and actuals) joined with their scores: a score is matched by its three levels,
     * else by position; without a submission the scored rows alone, without a score the submitted weights.
     */
    private static List<IndicatorRow> indicators(Events.SelfEvaluationSubmitted submitted,
            Events.SelfEvaluationScored scored) {
        List<Events.SelfEvaluationScored.IndicatorScore> scores = scored == null || scored.indicatorScores() == null
                ? List.of() : scored.indicatorScores();
        List<IndicatorRow> rows = new ArrayList<>();
        if (submitted == null || submitted.indicators() == null) {
            for (Events.SelfEvaluationScored.IndicatorScore s : scores) {
                rows.add(new IndicatorRow(s.level1(), s.level2(), s.level3(), null, null, two(s.weight()),
                        two(s.score()), remarks(s)));
            }
            return rows;
        }
        boolean[] used = new boolean[scores.size()];
        List<Events.SelfEvaluationSubmitted.Indicator> submittedRows = submitted.indicators();
        for (int i = 0; i < submittedRows.size(); i++) {
            Events.SelfEvaluationSubmitted.Indicator in = submittedRows.get(i);
            int match = -1;
            for (int j = 0; j < scores.size() && match < 0; j++) {
                Events.SelfEvaluationScored.IndicatorScore s = scores.get(j);
                if (!used[j] && eq(s.level1(), in.level1()) && eq(s.level2(), in.level2())
                        && eq(s.level3(), in.level3())) {
                    match = j;
                }
            }
            if (match < 0 && i < scores.size() && !used[i] && scores.size() == submittedRows.size()) {
                match = i;
            }
            if (match >= 0) {
                used[match] = true;
                Events.SelfEvaluationScored.IndicatorScore s = scores.get(match);
                rows.add(new IndicatorRow(in.level1(), in.level2(), in.level3(), in.target(), in.actual(),
                        two(s.weight() != null ? s.weight() : in.weight()), two(s.score()), remarks(s)));
            } else {
                rows.add(new IndicatorRow(in.level1(), in.level2(), in.level3(), in.target(), in.actual(),
                        two(in.weight()), scored == null ? two(in.printedScore()) : null,
                        in.notApplicable() ? "不适用" : null));
            }
        }
        return rows;
    }

    private static String remarks(Events.SelfEvaluationScored.IndicatorScore s) {
        List<String> parts = new ArrayList<>();
        if ("NOT_APPLICABLE".equals(s.basis())) {
            parts.add("不适用");
        }
        if (s.flags() != null) {
            parts.addAll(s.flags());
        }
        return parts.isEmpty() ? null : String.join("、", parts);
    }

    /** The form as a grid: title, header block, indicator table, 总分, 评价等级, 说明, 尾数 note. */
    Grid grid() {
        Grid g = new Grid(COLUMNS);
        int r = g.addRow(Style.TITLE);
        g.set(r, 0, GridCell.text(title, Style.TITLE)).merge(r, r, 0, COLUMNS - 1);
        r = g.addRow(Style.PLAIN);
        g.set(r, COLUMNS - 1, GridCell.text("金额单位：万元", Style.RIGHT));

        r = g.addRow(Style.TEXT);
        g.set(r, 0, GridCell.text("项目名称", Style.HEADER));
        g.set(r, 1, GridCell.text(header.projectName(), Style.TEXT)).merge(r, r, 1, COLUMNS - 1);
        r = g.addRow(Style.TEXT);
        g.set(r, 0, GridCell.text("主管部门", Style.HEADER));
        g.set(r, 1, GridCell.text(header.competentDepartment(), Style.TEXT)).merge(r, r, 1, 3);
        g.set(r, 4, GridCell.text("实施单位", Style.HEADER));
        g.set(r, 5, GridCell.text(header.implementingOrg(), Style.TEXT)).merge(r, r, 5, COLUMNS - 1);

        int funds = g.addRow(Style.HEADER);
        String[] labels = {"项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
        for (int c = 0; c < COLUMNS; c++) {
            g.set(funds, c, GridCell.text(labels[c].isEmpty() ? null : labels[c], Style.HEADER));
        }
        r = g.addRow(Style.TEXT);
        g.set(r, 1, GridCell.text("年度资金总额", Style.TEXT));
        g.set(r, 2, amount(header.initialBudget()));
        g.set(r, 3, amount(header.budget()));
        g.set(r, 4, amount(header.executed()));
        g.set(r, 5, amount(header.executionWeight()));
        g.set(r, 6, GridCell.text(header.executionPercent(), Style.TEXT));
        g.set(r, 7, amount(header.executionScore()));
        g.merge(funds, r, 0, 0);

        r = g.addRow(Style.HEADER);
        String[] head = {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
        for (int c = 0; c < COLUMNS; c++) {
            g.set(r, c, GridCell.text(head[c], Style.HEADER));
        }
        for (IndicatorRow i : indicators) {
            r = g.addRow(Style.TEXT);
            g.set(r, 0, GridCell.text(i.level1(), Style.TEXT));
            g.set(r, 1, GridCell.text(i.level2(), Style.TEXT));
            g.set(r, 2, GridCell.text(i.level3(), Style.TEXT));
            g.set(r, 3, GridCell.text(i.target(), Style.TEXT));
            g.set(r, 4, GridCell.text(i.actual(), Style.TEXT));
            g.set(r, 5, amount(i.weight()));
            g.set(r, 6, amount(i.score()));
            g.set(r, 7, GridCell.text(i.remarks(), Style.TEXT));
        }
        r = g.addRow(Style.TOTAL_TEXT);
        g.set(r, 0, GridCell.text("总分", Style.TOTAL_TEXT)).merge(r, r, 0, 4);
        g.set(r, 5, total(weightTotal));
        g.set(r, 6, total(total));
        r = g.addRow(Style.TOTAL_TEXT);
        g.set(r, 0, GridCell.text("评价等级", Style.TOTAL_TEXT)).merge(r, r, 0, 4);
        g.set(r, 5, GridCell.text(grade, Style.TOTAL_TEXT)).merge(r, r, 5, COLUMNS - 1);

        r = g.addRow(Style.NOTE);
        g.set(r, 0, GridCell.text("说明：" + (explanations.isEmpty() ? "无" : ""), Style.NOTE));
        int n = 1;
        for (String e : explanations) {
            r = g.addRow(Style.NOTE);
            g.set(r, 0, GridCell.text(n++ + ". " + e, Style.NOTE)).merge(r, r, 0, COLUMNS - 1);
        }
        r = g.addRow(Style.NOTE);
        g.set(r, 0, GridCell.text(note, Style.NOTE)).merge(r, r, 0, COLUMNS - 1);
        g.width(0, 14).width(1, 16).width(2, 24).width(3, 14).width(4, 14).width(7, 30);
        return g;
    }

    private static GridCell amount(String value) {
        return value == null ? GridCell.empty(Style.TEXT) : GridCell.number(new BigDecimal(value), Style.AMOUNT);
    }

    private static GridCell total(String value) {
        return value == null ? GridCell.empty(Style.TOTAL_TEXT)
                : GridCell.number(new BigDecimal(value), Style.TOTAL_AMOUNT);
    }

    /** 万元 with two decimals, half-up from the exact 分. */
    private static String wan(Money amount) {
        return amount == null ? null : amount.toWan().toPlainString();
    }

    /** A decimal string (as typed or scored) with two decimals; null or unreadable stays as it is. */
    static String two(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip()).setScale(2, RoundingMode.HALF_UP).toPlainString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String two(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
