-- Payments and reversals from fundflow.payment, stored as facts; executed figures are summed from them at query time
-- (as of a date). No foreign keys, to each other or to allocation_fact: a payment may be consumed before its
-- allocation, a reversal before its payment.

-- One row per PaymentRecorded, every field of the event (amount in 分). Free-form fields are text, not varchar(n):
-- a field longer than expected must not make a whole batch of payments fail.
CREATE TABLE payment_fact (
    payment_id           uuid PRIMARY KEY,
    allocation_id        uuid        NOT NULL,
    payer_org            text,
    payer_org_region     text,
    program_code         text,
    fiscal_year          int,
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
    recorded_by          text
);
-- The as-of sum per allocation (SUM(amount_cents) ... WHERE allocation_id = ? AND paid_on <= ?) is answered from
-- this index alone (index-only scan), whatever the number of payments.
CREATE INDEX payment_fact_allocation_idx ON payment_fact (allocation_id, paid_on) INCLUDE (amount_cents);

-- One row per PaymentReversed (amount in 分, positive: the money that came back).
CREATE TABLE payment_reversal_fact (
    reversal_id   uuid PRIMARY KEY,
    payment_id    uuid        NOT NULL,
    allocation_id uuid        NOT NULL,
    payer_org     text,
    amount_cents  bigint      NOT NULL,
    reversed_on   date        NOT NULL,
    reason        text,
    event_id      uuid        NOT NULL,
    occurred_at   timestamptz,
    recorded_by   text
);
-- The as-of sum of reversals per allocation; each one found is checked against its payment by primary key.
CREATE INDEX payment_reversal_fact_allocation_idx ON payment_reversal_fact (allocation_id, reversed_on)
    INCLUDE (amount_cents, payment_id);

-- Region names for roll-up rows (a region that appears in the facts of another program still has a name).
CREATE INDEX allocation_fact_to_region_idx ON allocation_fact (to_region);
CREATE INDEX allocation_fact_from_region_idx ON allocation_fact (from_region);
