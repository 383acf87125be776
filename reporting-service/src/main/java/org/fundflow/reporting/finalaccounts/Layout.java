package org.fundflow.reporting.finalaccounts;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;

/**
 * How one place prints its final accounts in some years: which tables, their numbers (公开07 or 公开09 for 三公) and
 * titles and notes, which 类 the 收入支出决算总表 lists, which economic 类 are 人员经费, what counts as 机关运行经费,
 * and up to which date an allocation is start-of-year budget (年初预算). Data, loaded from
 * {@code classpath:finalaccounts/layouts/}; see {@link Layouts}.
 *
 * @param regions      GB/T 2260 codes whose subtrees the layout is for (141102 = 离石区; 140500 = all of 晋城市)
 * @param isDefault    used for any org and year no layout names
 */
record Layout(String id, String name, boolean isDefault, List<String> regions, int fromYear, int toYear,
        MonthDay startOfYearBudgetBy, List<String> expenditureClasses, List<String> personnelClasses,
        List<String> officeOperationClasses, List<TableSpec> tables) {

    Layout {
        regions = List.copyOf(regions);
        expenditureClasses = List.copyOf(expenditureClasses);
        personnelClasses = List.copyOf(personnelClasses);
        officeOperationClasses = List.copyOf(officeOperationClasses);
        tables = List.copyOf(tables);
    }

    /**
     * One table as the place prints it.
     *
     * @param basicOnly for the economic-classification table: print only 基本支出 (一般公共预算财政拨款基本支出决算明细表)
     */
    record TableSpec(String number, TableKind kind, String name, String note, boolean basicOnly) {
    }

    Optional<TableSpec> table(TableKind kind) {
        return tables.stream().filter(t -> t.kind() == kind).findFirst();
    }

    /** The last date an allocation of {@code fiscalYear} may be issued on to count as 年初预算. */
    LocalDate startOfYearBudgetBy(int fiscalYear) {
        return startOfYearBudgetBy.atYear(fiscalYear);
    }

    boolean covers(int fiscalYear) {
        return fiscalYear >= fromYear && fiscalYear <= toYear;
    }
}
