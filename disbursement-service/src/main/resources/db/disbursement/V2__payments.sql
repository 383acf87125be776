-- Payments (支付) and reversals (冲销): this service is their system of record and the authority for org allocation
-- balances. executed = Σ payment.amount_cents − Σ payment_reversal.amount_cents of an allocation. Those sums are
-- cached per allocation in allocation_execution, maintained by triggers in the inserting statement's transaction
-- (and payments and reversals can be neither updated nor deleted), so the cache cannot drift from the rows; tests
-- compare it with the sums.

-- An allocation may now also be learned by reading budget-service's API (a payment named it before its
-- AllocationIssued event was consumed). Such a row has no event id; the event, when it arrives, is a no-op.
ALTER TABLE allocation_fact ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE allocation_fact ADD COLUMN learned_from text NOT NULL DEFAULT 'EVENT'
    CHECK (learned_from IN ('EVENT', 'BUDGET_API'));

-- Programs from fundflow.program (ProgramRegistered), for the fund type a PaymentRecorded carries. A program's
-- definition is never edited upstream, so the first event stays.
CREATE TABLE program_fact (
    fiscal_year   int         NOT NULL,
    program_code  text        NOT NULL,
    program_name  text,
    function_code text,
    fund_type     text,
    event_id      uuid        NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (fiscal_year, program_code)
);

-- Rows of these two tables are never updated or deleted: a correction is a reversal.
CREATE FUNCTION refuse_payment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable: record a reversal instead', TG_TABLE_NAME;
END
$$;

-- One row per payment. Program, fiscal year, fund type and the payer's region are copied from the allocation (and
-- program) facts at the time of recording: they are what the PaymentRecorded event said.
CREATE TABLE payment (
    payment_id           uuid PRIMARY KEY,
    allocation_id        uuid        NOT NULL,
    payer_org            text        NOT NULL,
    payer_org_region     text,
    program_code         text        NOT NULL,
    fiscal_year          int         NOT NULL,
    fund_type            text,
    amount_cents         bigint      NOT NULL CHECK (amount_cents > 0),
    paid_on              date        NOT NULL,
    function_code        text        NOT NULL,
    economic_code        text        NOT NULL,
    expenditure_kind     text        NOT NULL CHECK (expenditure_kind IN ('BASIC', 'PROJECT')),
    payee                text,
    beneficiary_count    int CHECK (beneficiary_count BETWEEN 0 AND 1000000000),
    voucher_no           text,
    procurement_category text CHECK (procurement_category IN ('GOODS', 'WORKS', 'SERVICES')),
    import_job_id        uuid,
    import_line          bigint,
    recorded_by          text        NOT NULL,
    recorded_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_allocation_idx ON payment (allocation_id, paid_on);
CREATE INDEX payment_org_idx ON payment (payer_org, paid_on);
-- A voucher (凭证号) identifies one payment of its org: what makes re-uploading an import file safe.
CREATE UNIQUE INDEX payment_voucher_uq ON payment (payer_org, voucher_no) WHERE voucher_no IS NOT NULL;
CREATE TRIGGER payment_immutable BEFORE UPDATE OR DELETE ON payment
    FOR EACH ROW EXECUTE FUNCTION refuse_payment_change();

-- Σ payments and Σ reversals per allocation: what the balance check reads instead of summing thousands of rows for
-- every payment. Written only by the triggers below, in the transaction of the rows they add up.
CREATE TABLE allocation_execution (
    allocation_id  uuid PRIMARY KEY,
    paid_cents     bigint NOT NULL DEFAULT 0,
    reversed_cents bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION add_paid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO allocation_execution AS e (allocation_id, paid_cents)
    SELECT allocation_id, sum(amount_cents) FROM new_payments GROUP BY allocation_id ORDER BY allocation_id
    ON CONFLICT (allocation_id) DO UPDATE SET paid_cents = e.paid_cents + EXCLUDED.paid_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER payment_adds_to_execution AFTER INSERT ON payment REFERENCING NEW TABLE AS new_payments
    FOR EACH STATEMENT EXECUTE FUNCTION add_paid();

CREATE TABLE payment_reversal (
    reversal_id   uuid PRIMARY KEY,
    payment_id    uuid        NOT NULL REFERENCES payment (payment_id),
    allocation_id uuid        NOT NULL,
    payer_org     text        NOT NULL,
    amount_cents  bigint      NOT NULL CHECK (amount_cents > 0),
    reversed_on   date        NOT NULL,
    reason        text        NOT NULL,
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_reversal_payment_idx ON payment_reversal (payment_id);
CREATE INDEX payment_reversal_allocation_idx ON payment_reversal (allocation_id);
CREATE TRIGGER payment_reversal_immutable BEFORE UPDATE OR DELETE ON payment_reversal
    FOR EACH ROW EXECUTE FUNCTION refuse_payment_change();

CREATE FUNCTION add_reversed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO allocation_execution AS e (allocation_id, reversed_cents)
    SELECT allocation_id, sum(amount_cents) FROM new_reversals GROUP BY allocation_id ORDER BY allocation_id
    ON CONFLICT (allocation_id) DO UPDATE SET reversed_cents = e.reversed_cents + EXCLUDED.reversed_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER payment_reversal_adds_to_execution AFTER INSERT ON payment_reversal
    REFERENCING NEW TABLE AS new_reversals FOR EACH STATEMENT EXECUTE FUNCTION add_reversed();

-- Bulk imports (POST /api/payment-imports). A job is process state, not a fact: its status and counters are
-- updated, once per committed batch, in the same transaction as that batch's payments.
CREATE TABLE payment_import_job (
    job_id          uuid PRIMARY KEY,
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    file_name       text        NOT NULL,
    format          text        NOT NULL CHECK (format IN ('CSV', 'XLSX')),
    file_size       bigint      NOT NULL,
    file_sha256     text        NOT NULL,
    stored_path     text        NOT NULL,
    node            text        NOT NULL,
    total_rows      bigint,
    processed_rows  bigint      NOT NULL DEFAULT 0,
    recorded_rows   bigint      NOT NULL DEFAULT 0,
    duplicate_rows  bigint      NOT NULL DEFAULT 0,
    rejected_rows   bigint      NOT NULL DEFAULT 0,
    recorded_cents  bigint      NOT NULL DEFAULT 0,
    failure         text,
    recorded_by     text        NOT NULL,
    correlation_id  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    heartbeat_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_import_job_status_idx ON payment_import_job (status) WHERE status IN ('QUEUED', 'RUNNING');

-- Every rejected row of a job, with its line (1-based, the header is line 1) and the first reason found.
CREATE TABLE payment_import_error (
    job_id uuid   NOT NULL,
    line   bigint NOT NULL,
    field  text,
    reason text   NOT NULL,
    PRIMARY KEY (job_id, line)
);
