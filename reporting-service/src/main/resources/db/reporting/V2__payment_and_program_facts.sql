-- Payment facts exactly as they arrived on fundflow.payment, and program facts from fundflow.program. As with the
-- allocation facts there are no foreign keys: a payment may arrive before its allocation, a reversal before its
-- payment. Execution figures are derived from these rows at query time.

-- One row per PaymentRecorded, every field of the event. Amounts in 分.
CREATE TABLE payment_fact (
    payment_id           uuid PRIMARY KEY,
    allocation_id        uuid,
    payer_org            text,
    payer_org_region     text,
    program_code         text,
    fiscal_year          int         NOT NULL,
    fund_type            text,
    amount_cents         bigint      NOT NULL,
    paid_on              date        NOT NULL,
    function_code        text,
    economic_code        text,
    expenditure_kind     text,
    payee                text,
    beneficiary_count    int,
    voucher_no           text,
    procurement_category text,
    import_job_id        uuid,
    event_id             uuid        NOT NULL,
    occurred_at          timestamptz,
    recorded_at          timestamptz NOT NULL DEFAULT now()
);
-- Reports aggregate one fiscal year at a time, by program or by payer region subtree (LIKE '14%'). Every index
-- costs the consumer on each of the ten thousand inserts a second, so there are only these two.
CREATE INDEX payment_fact_year_program_idx ON payment_fact (fiscal_year, program_code);
CREATE INDEX payment_fact_year_region_idx ON payment_fact (fiscal_year, payer_org_region text_pattern_ops);

-- One row per PaymentReversed (冲销/退回). Classified through its payment (program, region, function code), so it
-- counts once its payment has arrived.
CREATE TABLE payment_reversal_fact (
    reversal_id   uuid PRIMARY KEY,
    payment_id    uuid        NOT NULL,
    allocation_id uuid,
    payer_org     text,
    amount_cents  bigint      NOT NULL,
    reversed_on   date        NOT NULL,
    reason        text,
    event_id      uuid        NOT NULL,
    occurred_at   timestamptz,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_reversal_fact_payment_idx ON payment_reversal_fact (payment_id);

-- One row per ProgramRegistered: names and fund types for the reports. A program's definition is never edited,
-- so the first registration stays.
CREATE TABLE program_fact (
    fiscal_year   int         NOT NULL,
    program_code  text        NOT NULL,
    name          text,
    function_code text,
    fund_type     text,
    event_id      uuid        NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (fiscal_year, program_code)
);
