package org.fundflow.reporting.finalaccounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The row-level difference between two versions of an org's final accounts. Rows are matched by table kind, block
 * and row key (a code, or a name like {@code income-total}), so a table renumbered by a new layout still matches;
 * a row is changed when its name or any figure differs. The start-of-year budget (年初预算), which the narrative
 * uses, is compared as a pseudo-table {@code budget}. Pure.
 */
final class TableDiff {

    /** One row that differs; {@code before} is null for an added row, {@code after} for a removed one. */
    record Change(String table, String kind, String block, String row, String code, String name,
            Map<String, String> before, Map<String, String> after) {
    }

    /** @param previousVersion the version compared with, null for version 1 (nothing to compare) */
    record Diff(Integer previousVersion, List<Change> added, List<Change> removed, List<Change> changed) {
        Diff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        static Diff first() {
            return new Diff(null, List.of(), List.of(), List.of());
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    private record Located(String table, String kind, String block, FinalAccountsDocument.Row row) {
    }

    private TableDiff() {
    }

    static Diff between(FinalAccountsDocument before, int beforeVersion, FinalAccountsDocument after) {
        Map<String, Located> old = rows(before);
        Map<String, Located> now = rows(after);
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        now.forEach((key, n) -> {
            Located o = old.get(key);
            if (o == null) {
                added.add(change(n, null, n.row().values()));
            } else if (!Objects.equals(o.row().name(), n.row().name())
                    || !new LinkedHashMap<>(o.row().values()).equals(new LinkedHashMap<>(n.row().values()))) {
                changed.add(change(n, o.row().values(), n.row().values()));
            }
        });
        old.forEach((key, o) -> {
            if (!now.containsKey(key)) {
                removed.add(change(o, o.row().values(), null));
            }
        });
        return new Diff(beforeVersion, added, removed, changed);
    }

    private static Change change(Located l, Map<String, String> before, Map<String, String> after) {
        return new Change(l.table(), l.kind(), l.block(), l.row().key(), l.row().code(), l.row().name(),
                before == null ? null : sorted(before), after == null ? null : sorted(after));
    }

    private static Map<String, String> sorted(Map<String, String> values) {
        return new java.util.TreeMap<>(values);
    }

    private static Map<String, Located> rows(FinalAccountsDocument doc) {
        Map<String, Located> rows = new LinkedHashMap<>();
        for (FinalAccountsDocument.Table t : doc.tables()) {
            for (FinalAccountsDocument.Block b : t.blocks()) {
                for (FinalAccountsDocument.Row r : b.rows()) {
                    rows.put(t.kind() + "|" + b.key() + "|" + r.key(), new Located(t.number(), t.kind(), b.key(), r));
                }
            }
        }
        FinalAccountsDocument.Budget budget = doc.budget();
        if (budget != null) {
            Map<String, String> total = new LinkedHashMap<>();
            total.put("startOfYear", budget.startOfYear());
            total.put("fullYear", budget.fullYear());
            total.put("startOfYearBy", budget.startOfYearBy());
            rows.put("budget|total|total", new Located(null, "budget", "total",
                    new FinalAccountsDocument.Row("total", null, null, "年初预算", 0, TableBuilder.TOTAL, total)));
            for (FinalAccountsDocument.BudgetLine l : budget.startOfYearByFunction()) {
                Map<String, String> v = new LinkedHashMap<>();
                v.put("startOfYear", l.amount());
                String key = l.code() == null ? "no-code" : l.code();
                rows.put("budget|startOfYear|" + key, new Located(null, "budget", "startOfYear",
                        new FinalAccountsDocument.Row(key, null, l.code(), "年初预算", 0, TableBuilder.ITEM, v)));
            }
        }
        return rows;
    }
}
