package org.fundflow.evaluation.facts;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.fundflow.contracts.Events;
import org.fundflow.platform.consumer.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes payment and reversal facts set-wise: one multi-row {@code INSERT ... SELECT FROM unnest(arrays)} per kind
 * and poll, inside the poll's consuming transaction, so a thousand payments cost two statements, not a thousand.
 * Facts are only inserted, never updated; a payment or reversal already known (same id under another event id)
 * is kept as first recorded.
 */
@Repository
class PaymentFactStore {
    private static final Logger log = LoggerFactory.getLogger(PaymentFactStore.class);

    private static final String INSERT_PAYMENTS = """
            INSERT INTO payment_fact (payment_id, allocation_id, payer_org, payer_org_region, program_code,
                fiscal_year, fund_type, amount_cents, paid_on, function_code, economic_code, expenditure_kind, payee,
                beneficiary_count, voucher_no, procurement_category, import_job_id, event_id, occurred_at,
                recorded_by)
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[],
                ?::bigint[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[],
                ?::uuid[], ?::uuid[], ?::timestamptz[], ?::text[])
            ON CONFLICT (payment_id) DO NOTHING""";

    private static final String INSERT_REVERSALS = """
            INSERT INTO payment_reversal_fact (reversal_id, payment_id, allocation_id, payer_org, amount_cents,
                reversed_on, reason, event_id, occurred_at, recorded_by)
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::bigint[], ?::date[], ?::text[],
                ?::uuid[], ?::timestamptz[], ?::text[])
            ON CONFLICT (reversal_id) DO NOTHING""";

    private final JdbcTemplate jdbc;

    PaymentFactStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A PaymentRecorded with the envelope fields kept next to it. */
    record Payment(IncomingEvent event, Events.PaymentRecorded p) {
        Payment {
            require(p.paymentId() != null, event, "paymentId");
            require(p.allocationId() != null, event, "allocationId");
            require(p.amount() != null && p.amount().isPositive(), event, "a positive amount");
            require(p.paidOn() != null, event, "paidOn");
        }
    }

    /** A PaymentReversed with the envelope fields kept next to it. */
    record Reversal(IncomingEvent event, Events.PaymentReversed r) {
        Reversal {
            require(r.reversalId() != null, event, "reversalId");
            require(r.paymentId() != null, event, "paymentId");
            require(r.allocationId() != null, event, "allocationId");
            require(r.amount() != null && r.amount().isPositive(), event, "a positive amount");
            require(r.reversedOn() != null, event, "reversedOn");
        }
    }

    void payments(List<Payment> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int inserted = insert(INSERT_PAYMENTS, (con, ps) -> {
            int i = 0;
            ps.setArray(++i, uuids(con, rows, x -> x.p().paymentId()));
            ps.setArray(++i, uuids(con, rows, x -> x.p().allocationId()));
            ps.setArray(++i, texts(con, rows, x -> x.p().payerOrg()));
            ps.setArray(++i, texts(con, rows, x -> x.p().payerOrgRegion()));
            ps.setArray(++i, texts(con, rows, x -> x.p().programCode()));
            ps.setArray(++i, ints(con, rows, x -> x.p().fiscalYear()));
            ps.setArray(++i, texts(con, rows, x -> x.p().fundType()));
            ps.setArray(++i, longs(con, rows, x -> x.p().amount().cents()));
            ps.setArray(++i, texts(con, rows, x -> x.p().paidOn().toString()));
            ps.setArray(++i, texts(con, rows, x -> x.p().functionCode()));
            ps.setArray(++i, texts(con, rows, x -> x.p().economicCode()));
            ps.setArray(++i, texts(con, rows, x -> x.p().expenditureKind() == null ? null
                    : x.p().expenditureKind().name()));
            ps.setArray(++i, texts(con, rows, x -> x.p().payee()));
            ps.setArray(++i, ints(con, rows, x -> x.p().beneficiaryCount()));
            ps.setArray(++i, texts(con, rows, x -> x.p().voucherNo()));
            ps.setArray(++i, texts(con, rows, x -> x.p().procurementCategory() == null ? null
                    : x.p().procurementCategory().name()));
            ps.setArray(++i, uuids(con, rows, x -> x.p().importJobId()));
            ps.setArray(++i, uuids(con, rows, x -> x.event().eventId()));
            ps.setArray(++i, texts(con, rows, x -> occurredAt(x.event())));
            ps.setArray(++i, texts(con, rows, x -> x.event().recordedBy()));
        });
        if (inserted < rows.size()) {
            // A payment is recorded once; the same payment id under another event id is a producer bug.
            log.warn("{} of {} payments were already known under other event ids; keeping the first record",
                    rows.size() - inserted, rows.size());
        }
    }

    void reversals(List<Reversal> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int inserted = insert(INSERT_REVERSALS, (con, ps) -> {
            int i = 0;
            ps.setArray(++i, uuids(con, rows, x -> x.r().reversalId()));
            ps.setArray(++i, uuids(con, rows, x -> x.r().paymentId()));
            ps.setArray(++i, uuids(con, rows, x -> x.r().allocationId()));
            ps.setArray(++i, texts(con, rows, x -> x.r().payerOrg()));
            ps.setArray(++i, longs(con, rows, x -> x.r().amount().cents()));
            ps.setArray(++i, texts(con, rows, x -> x.r().reversedOn().toString()));
            ps.setArray(++i, texts(con, rows, x -> x.r().reason()));
            ps.setArray(++i, uuids(con, rows, x -> x.event().eventId()));
            ps.setArray(++i, texts(con, rows, x -> occurredAt(x.event())));
            ps.setArray(++i, texts(con, rows, x -> x.event().recordedBy()));
        });
        if (inserted < rows.size()) {
            log.warn("{} of {} reversals were already known under other event ids; keeping the first record",
                    rows.size() - inserted, rows.size());
        }
    }

    private interface Binder {
        void bind(Connection con, PreparedStatement ps) throws SQLException;
    }

    private int insert(String sql, Binder binder) {
        Integer n = jdbc.execute((ConnectionCallback<Integer>) con -> {
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                binder.bind(con, ps);
                return ps.executeUpdate();
            }
        });
        return n == null ? 0 : n;
    }

    private static <T> Array uuids(Connection con, List<T> rows, Function<T, UUID> f) throws SQLException {
        return con.createArrayOf("uuid", rows.stream().map(f).toArray(UUID[]::new));
    }

    private static <T> Array ints(Connection con, List<T> rows, Function<T, Integer> f) throws SQLException {
        return con.createArrayOf("int4", rows.stream().map(f).toArray(Integer[]::new));
    }

    private static <T> Array longs(Connection con, List<T> rows, Function<T, Long> f) throws SQLException {
        return con.createArrayOf("int8", rows.stream().map(f).toArray(Long[]::new));
    }

    private static <T> Array texts(Connection con, List<T> rows, Function<T, String> f) throws SQLException {
        return con.createArrayOf("text", rows.stream().map(f).toArray(String[]::new));
    }

    private static String occurredAt(IncomingEvent event) {
        return event.occurredAt() == null ? null : event.occurredAt().toString();
    }

    private static void require(boolean ok, IncomingEvent event, String what) {
        if (!ok) {
            throw new IllegalArgumentException(event.type() + " event " + event.eventId() + " lacks " + what);
        }
    }
}
