package org.fundflow.disbursement.paymentimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fundflow.disbursement.payment.RecordPayment;
import org.fundflow.platform.web.ApiProblem;

/**
 * The header row of an import: column names exactly as the API's fields, in any order. The required ones must be
 * there; the optional ones may be left out; any other name fails the job (a typo would otherwise silently drop a
 * column).
 */
final class ImportColumns {
    static final List<String> ALL = List.of("allocationId", "payerOrg", "amount", "paidOn", "functionCode",
            "economicCode", "expenditureKind", "payee", "beneficiaryCount", "voucherNo", "procurementCategory");
    static final List<String> REQUIRED = List.of("allocationId", "payerOrg", "amount", "paidOn", "functionCode",
            "economicCode", "expenditureKind", "voucherNo");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,10}");

    private final Map<String, Integer> index;
    private final int width;

    private ImportColumns(Map<String, Integer> index, int width) {
        this.index = index;
        this.width = width;
    }

    static ImportColumns of(long line, List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name == null) {
                throw new ImportFailed("line " + line + ": column " + (i + 1) + " of the header row has no name; "
                        + "expected the columns " + String.join(",", ALL));
            }
            if (!ALL.contains(name)) {
                unknown.add(name);
            } else if (index.put(name, i) != null) {
                throw new ImportFailed("line " + line + ": column " + name + " appears twice in the header row");
            }
        }
        List<String> missing = REQUIRED.stream().filter(n -> !index.containsKey(n)).toList();
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new ImportFailed("line " + line + ": the header row must name the columns exactly as "
                    + String.join(",", ALL) + " (payee, beneficiaryCount and procurementCategory may be left out)"
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; unknown: " + String.join(", ", unknown)));
        }
        return new ImportColumns(index, header.size());
    }

    /**
     * The row as the API's request body.
     *
     * @throws ApiProblem for what cannot even be put into a request (a cell outside the header's columns, a number
     *                    of beneficiaries that is not a whole number)
     */
    RecordPayment request(List<String> cells) {
        for (int i = width; i < cells.size(); i++) {
            if (cells.get(i) != null) {
                throw ApiProblem.invalid(null, "the row has a value in column " + (i + 1) + ", beyond the "
                        + width + " columns of the header row");
            }
        }
        String beneficiaries = cell(cells, "beneficiaryCount");
        Long beneficiaryCount = null;
        if (beneficiaries != null) {
            if (!WHOLE_NUMBER.matcher(beneficiaries).matches()) {
                throw ApiProblem.invalid("beneficiaryCount", "beneficiaryCount must be a whole number from 0 to "
                        + "1000000000");
            }
            beneficiaryCount = Long.parseLong(beneficiaries);
        }
        return new RecordPayment(cell(cells, "allocationId"), cell(cells, "payerOrg"), cell(cells, "amount"),
                cell(cells, "paidOn"), cell(cells, "functionCode"), cell(cells, "economicCode"),
                cell(cells, "expenditureKind"), cell(cells, "payee"), beneficiaryCount, cell(cells, "voucherNo"),
                cell(cells, "procurementCategory"));
    }

    private String cell(List<String> cells, String name) {
        Integer i = index.get(name);
        return i == null || i >= cells.size() ? null : cells.get(i);
    }
}
