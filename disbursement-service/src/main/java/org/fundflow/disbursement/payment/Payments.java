package org.fundflow.disbursement.payment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Events.ExpenditureKind;
import org.fundflow.contracts.Events.ProcurementCategory;
import org.fundflow.contracts.Money;
import org.fundflow.disbursement.access.ReadScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code payment} and {@code payment_reversal} tables. Rows are only ever inserted (a trigger refuses updates and
 * deletes); many at once with one statement over arrays, so an import batch of a thousand rows is one round trip.
 */
@Repository
class Payments {
    private static final String COLUMNS = "p.payment_id, p.allocation_id, p.payer_org, p.payer_org_region, "
            + "p.program_code, p.fiscal_year, p.fund_type, p.amount_cents, p.paid_on, p.function_code, "
            + "p.economic_code, p.expenditure_kind, p.payee, p.beneficiary_count, p.voucher_no, "
            + "p.procurement_category, p.import_job_id, p.import_line, p.recorded_by, p.recorded_at, "
            + "COALESCE((SELECT SUM(r.amount_cents) FROM payment_reversal r WHERE r.payment_id = p.payment_id), 0) "
            + "AS reversed_cents";

    private final JdbcTemplate jdbc;

    Payments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The identity of a payment among its org's: the voucher (凭证号). */
    record VoucherKey(String payerOrg, String voucherNo) {
    }

    /** A payment about to be inserted, with the facts copied from its allocation and program. */
    record NewPayment(UUID paymentId, PaymentCommand command, String payerOrgRegion, String programCode,
            int fiscalYear, String fundType, Long importLine) {
    }

    /**
     * Inserts the payments; a voucher another transaction recorded meanwhile (for another allocation of the same
     * org, so not serialized by the allocation lock) is skipped rather than failing the whole batch.
     *
     * @return the ids actually inserted
     */
    Set<UUID> insertAll(List<NewPayment> rows, UUID importJobId, String recordedBy, Instant recordedAt) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        int n = rows.size();
        String[] ids = new String[n];
        String[] allocations = new String[n];
        String[] orgs = new String[n];
        String[] regions = new String[n];
        String[] programs = new String[n];
        Integer[] years = new Integer[n];
        String[] fundTypes = new String[n];
        Long[] cents = new Long[n];
        String[] paidOn = new String[n];
        String[] functions = new String[n];
        String[] economics = new String[n];
        String[] kinds = new String[n];
        String[] payees = new String[n];
        Integer[] beneficiaries = new Integer[n];
        String[] vouchers = new String[n];
        String[] procurements = new String[n];
        Long[] lines = new Long[n];
        for (int i = 0; i < n; i++) {
            NewPayment r = rows.get(i);
            PaymentCommand c = r.command();
            ids[i] = r.paymentId().toString();
            allocations[i] = c.allocationId().toString();
            orgs[i] = c.payerOrg();
            regions[i] = r.payerOrgRegion();
            programs[i] = r.programCode();
            years[i] = r.fiscalYear();
            fundTypes[i] = r.fundType();
            cents[i] = c.amount().cents();
            paidOn[i] = c.paidOn().toString();
            functions[i] = c.functionCode();
            economics[i] = c.economicCode();
            kinds[i] = c.expenditureKind().name();
            payees[i] = c.payee();
            beneficiaries[i] = c.beneficiaryCount();
            vouchers[i] = c.voucherNo();
            procurements[i] = c.procurementCategory() == null ? null : c.procurementCategory().name();
            lines[i] = r.importLine();
        }
        return new HashSet<>(jdbc.query(con -> {
            var ps = con.prepareStatement("INSERT INTO payment (payment_id, allocation_id, payer_org, "
                    + "payer_org_region, program_code, fiscal_year, fund_type, amount_cents, paid_on, function_code, "
                    + "economic_code, expenditure_kind, payee, beneficiary_count, voucher_no, procurement_category, "
                    + "import_line, import_job_id, recorded_by, recorded_at) "
                    + "SELECT u.*, ?::uuid, ?, ? FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], "
                    + "?::int[], ?::text[], ?::bigint[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], "
                    + "?::int[], ?::text[], ?::text[], ?::bigint[]) AS u "
                    + "ON CONFLICT (payer_org, voucher_no) WHERE voucher_no IS NOT NULL DO NOTHING "
                    + "RETURNING payment_id");
            int p = 1;
            ps.setObject(p++, importJobId);
            ps.setString(p++, recordedBy);
            ps.setTimestamp(p++, Timestamp.from(recordedAt));
            ps.setArray(p++, text(con, ids));
            ps.setArray(p++, text(con, allocations));
            ps.setArray(p++, text(con, orgs));
            ps.setArray(p++, text(con, regions));
            ps.setArray(p++, text(con, programs));
            ps.setArray(p++, con.createArrayOf("int4", years));
            ps.setArray(p++, text(con, fundTypes));
            ps.setArray(p++, con.createArrayOf("int8", cents));
            ps.setArray(p++, text(con, paidOn));
            ps.setArray(p++, text(con, functions));
            ps.setArray(p++, text(con, economics));
            ps.setArray(p++, text(con, kinds));
            ps.setArray(p++, text(con, payees));
            ps.setArray(p++, con.createArrayOf("int4", beneficiaries));
            ps.setArray(p++, text(con, vouchers));
            ps.setArray(p++, text(con, procurements));
            ps.setArray(p, con.createArrayOf("int8", lines));
            return ps;
        }, (rs, i) -> rs.getObject(1, UUID.class)));
    }

    void insertReversal(UUID reversalId, StoredPayment payment, Money amount, LocalDate reversedOn, String reason,
            String recordedBy, Instant recordedAt) {
        jdbc.update("INSERT INTO payment_reversal (reversal_id, payment_id, allocation_id, payer_org, amount_cents, "
                + "reversed_on, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", reversalId,
                payment.paymentId(), payment.allocationId(), payment.payerOrg(), amount.cents(), reversedOn, reason,
                recordedBy, Timestamp.from(recordedAt));
    }

    /** The payments recorded under these vouchers. */
    Map<VoucherKey, StoredPayment> byVoucher(Collection<VoucherKey> keys) {
        Map<VoucherKey, StoredPayment> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String[] orgs = keys.stream().map(VoucherKey::payerOrg).toArray(String[]::new);
        String[] vouchers = keys.stream().map(VoucherKey::voucherNo).toArray(String[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT " + COLUMNS + " FROM payment p "
                    + "JOIN unnest(?::text[], ?::text[]) AS v(payer_org, voucher_no) "
                    + "ON p.payer_org = v.payer_org AND p.voucher_no = v.voucher_no");
            ps.setArray(1, text(con, orgs));
            ps.setArray(2, text(con, vouchers));
            return ps;
        }, rs -> {
            StoredPayment p = row(rs);
            found.put(new VoucherKey(p.payerOrg(), p.voucherNo()), p);
        });
        return found;
    }

    Optional<StoredPayment> find(UUID paymentId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment p WHERE p.payment_id = ?", ROW, paymentId).stream()
                .findFirst();
    }

    /** Payments matching the filters, within what the caller may read. */
    List<StoredPayment> search(UUID allocationId, String org, LocalDate from, LocalDate to, int limit, int offset,
            ReadScope scope) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM payment p WHERE true");
        List<Object> args = new ArrayList<>();
        if (scope.org() != null) {
            sql.append(" AND p.payer_org = ?");
            args.add(scope.org());
        }
        if (scope.regions() != null) {
            sql.append(" AND p.payer_org_region = ANY(?)");
            args.add(scope.regions().toArray(String[]::new));
        }
        if (allocationId != null) {
            sql.append(" AND p.allocation_id = ?");
            args.add(allocationId);
        }
        if (org != null) {
            sql.append(" AND p.payer_org = ?");
            args.add(org);
        }
        if (from != null) {
            sql.append(" AND p.paid_on >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND p.paid_on <= ?");
            args.add(to);
        }
        sql.append(" ORDER BY p.paid_on, p.recorded_at, p.payment_id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** The reversals of these payments, oldest first, by payment. */
    Map<UUID, List<ReversalView>> reversals(Collection<UUID> paymentIds) {
        Map<UUID, List<ReversalView>> byPayment = new LinkedHashMap<>();
        if (paymentIds.isEmpty()) {
            return byPayment;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT reversal_id, payment_id, amount_cents, reversed_on, reason, "
                    + "recorded_by, recorded_at FROM payment_reversal WHERE payment_id = ANY(?) "
                    + "ORDER BY reversed_on, recorded_at, reversal_id");
            ps.setArray(1, con.createArrayOf("uuid", paymentIds.toArray()));
            return ps;
        }, rs -> {
            UUID paymentId = rs.getObject("payment_id", UUID.class);
            byPayment.computeIfAbsent(paymentId, k -> new ArrayList<>()).add(new ReversalView(
                    rs.getObject("reversal_id", UUID.class), Money.ofCents(rs.getLong("amount_cents")),
                    rs.getDate("reversed_on").toLocalDate(), rs.getString("reason"), rs.getString("recorded_by"),
                    rs.getTimestamp("recorded_at").toInstant()));
        });
        return byPayment;
    }

    private static final RowMapper<StoredPayment> ROW = (rs, n) -> row(rs);

    private static StoredPayment row(ResultSet rs) throws SQLException {
        String procurement = rs.getString("procurement_category");
        int beneficiaries = rs.getInt("beneficiary_count");
        Integer beneficiaryCount = rs.wasNull() ? null : beneficiaries;
        long line = rs.getLong("import_line");
        Long importLine = rs.wasNull() ? null : line;
        return new StoredPayment(rs.getObject("payment_id", UUID.class), rs.getObject("allocation_id", UUID.class),
                rs.getString("payer_org"), rs.getString("payer_org_region"), rs.getString("program_code"),
                rs.getInt("fiscal_year"), rs.getString("fund_type"), Money.ofCents(rs.getLong("amount_cents")),
                rs.getDate("paid_on").toLocalDate(), rs.getString("function_code"), rs.getString("economic_code"),
                ExpenditureKind.valueOf(rs.getString("expenditure_kind")), rs.getString("payee"), beneficiaryCount,
                rs.getString("voucher_no"), procurement == null ? null : ProcurementCategory.valueOf(procurement),
                rs.getObject("import_job_id", UUID.class), importLine, rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(), Money.ofCents(rs.getLong("reversed_cents")));
    }

    private static java.sql.Array text(Connection con, String[] values) throws SQLException {
        return con.createArrayOf("text", values);
    }
}
