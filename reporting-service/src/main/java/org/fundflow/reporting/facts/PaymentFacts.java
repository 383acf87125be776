package org.fundflow.reporting.facts;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The payment_fact and payment_reversal_fact tables. A whole poll is written with one statement per table (arrays
 * unnested server-side): the consumer has to keep up with ten thousand payments a second, which a statement per
 * event would not. Inserts are idempotent on the business keys, a second safety net behind processed_event.
 */
@Repository
class PaymentFacts {
    private final JdbcTemplate jdbc;

    PaymentFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Recorded(UUID eventId, java.time.Instant occurredAt, Events.PaymentRecorded payment) {
    }

    record Reversed(UUID eventId, java.time.Instant occurredAt, Events.PaymentReversed reversal) {
    }

    int insertPayments(List<Recorded> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int n = rows.size();
        UUID[] paymentId = new UUID[n];
        UUID[] allocationId = new UUID[n];
        String[] payerOrg = new String[n];
        String[] payerRegion = new String[n];
        String[] program = new String[n];
        Integer[] year = new Integer[n];
        String[] fundType = new String[n];
        Long[] cents = new Long[n];
        String[] paidOn = new String[n];
        String[] functionCode = new String[n];
        String[] economicCode = new String[n];
        String[] kind = new String[n];
        String[] payee = new String[n];
        Integer[] beneficiaries = new Integer[n];
        String[] voucher = new String[n];
        String[] procurement = new String[n];
        UUID[] importJob = new UUID[n];
        UUID[] eventId = new UUID[n];
        String[] occurredAt = new String[n];
        for (int i = 0; i < n; i++) {
            Events.PaymentRecorded p = rows.get(i).payment();
            paymentId[i] = p.paymentId();
            allocationId[i] = p.allocationId();
            payerOrg[i] = p.payerOrg();
            payerRegion[i] = p.payerOrgRegion();
            program[i] = p.programCode();
            year[i] = p.fiscalYear();
            fundType[i] = p.fundType();
            cents[i] = p.amount().cents();
            paidOn[i] = p.paidOn().toString();
            functionCode[i] = p.functionCode();
            economicCode[i] = p.economicCode();
            kind[i] = p.expenditureKind() == null ? null : p.expenditureKind().name();
            payee[i] = p.payee();
            beneficiaries[i] = p.beneficiaryCount();
            voucher[i] = p.voucherNo();
            procurement[i] = p.procurementCategory() == null ? null : p.procurementCategory().name();
            importJob[i] = p.importJobId();
            eventId[i] = rows.get(i).eventId();
            occurredAt[i] = rows.get(i).occurredAt() == null ? null : rows.get(i).occurredAt().toString();
        }
        return jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("INSERT INTO payment_fact (payment_id, allocation_id, "
                    + "payer_org, payer_org_region, program_code, fiscal_year, fund_type, amount_cents, paid_on, "
                    + "function_code, economic_code, expenditure_kind, payee, beneficiary_count, voucher_no, "
                    + "procurement_category, import_job_id, event_id, occurred_at) "
                    + "SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], "
                    + "?::text[], ?::bigint[], ?::text[]::date[], ?::text[], ?::text[], ?::text[], ?::text[], "
                    + "?::int[], ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::text[]::timestamptz[]) "
                    + "ON CONFLICT (payment_id) DO NOTHING")) {
                int c = 0;
                ps.setArray(++c, array(con, "uuid", paymentId));
                ps.setArray(++c, array(con, "uuid", allocationId));
                ps.setArray(++c, array(con, "text", payerOrg));
                ps.setArray(++c, array(con, "text", payerRegion));
                ps.setArray(++c, array(con, "text", program));
                ps.setArray(++c, array(con, "int4", year));
                ps.setArray(++c, array(con, "text", fundType));
                ps.setArray(++c, array(con, "int8", cents));
                ps.setArray(++c, array(con, "text", paidOn));
                ps.setArray(++c, array(con, "text", functionCode));
                ps.setArray(++c, array(con, "text", economicCode));
                ps.setArray(++c, array(con, "text", kind));
                ps.setArray(++c, array(con, "text", payee));
                ps.setArray(++c, array(con, "int4", beneficiaries));
                ps.setArray(++c, array(con, "text", voucher));
                ps.setArray(++c, array(con, "text", procurement));
                ps.setArray(++c, array(con, "uuid", importJob));
                ps.setArray(++c, array(con, "uuid", eventId));
                ps.setArray(++c, array(con, "text", occurredAt));
                return ps.executeUpdate();
            }
        });
    }

    int insertReversals(List<Reversed> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int n = rows.size();
        UUID[] reversalId = new UUID[n];
        UUID[] paymentId = new UUID[n];
        UUID[] allocationId = new UUID[n];
        String[] payerOrg = new String[n];
        Long[] cents = new Long[n];
        String[] reversedOn = new String[n];
        String[] reason = new String[n];
        UUID[] eventId = new UUID[n];
        String[] occurredAt = new String[n];
        for (int i = 0; i < n; i++) {
            Events.PaymentReversed r = rows.get(i).reversal();
            reversalId[i] = r.reversalId();
            paymentId[i] = r.paymentId();
            allocationId[i] = r.allocationId();
            payerOrg[i] = r.payerOrg();
            cents[i] = r.amount().cents();
            reversedOn[i] = r.reversedOn().toString();
            reason[i] = r.reason();
            eventId[i] = rows.get(i).eventId();
            occurredAt[i] = rows.get(i).occurredAt() == null ? null : rows.get(i).occurredAt().toString();
        }
        return jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("INSERT INTO payment_reversal_fact (reversal_id, "
                    + "payment_id, allocation_id, payer_org, amount_cents, reversed_on, reason, event_id, "
                    + "occurred_at) SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::bigint[], "
                    + "?::text[]::date[], ?::text[], ?::uuid[], ?::text[]::timestamptz[]) "
                    + "ON CONFLICT (reversal_id) DO NOTHING")) {
                int c = 0;
                ps.setArray(++c, array(con, "uuid", reversalId));
                ps.setArray(++c, array(con, "uuid", paymentId));
                ps.setArray(++c, array(con, "uuid", allocationId));
                ps.setArray(++c, array(con, "text", payerOrg));
                ps.setArray(++c, array(con, "int8", cents));
                ps.setArray(++c, array(con, "text", reversedOn));
                ps.setArray(++c, array(con, "text", reason));
                ps.setArray(++c, array(con, "uuid", eventId));
                ps.setArray(++c, array(con, "text", occurredAt));
                return ps.executeUpdate();
            }
        });
    }

    private static Array array(Connection con, String type, Object[] values) throws SQLException {
        return con.createArrayOf(type, values);
    }
}
