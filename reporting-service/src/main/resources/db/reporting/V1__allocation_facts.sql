-- Allocation facts exactly as they arrived on fundflow.allocation. Events come in any order (a child before its
-- parent, an adjustment before its allocation), so there are no foreign keys between these tables and nothing is
-- aggregated on write: every figure of the ledger is derived from these rows when it is asked for.

-- One row per AllocationIssued, with every field of the event. Amounts in 分.
CREATE TABLE allocation_fact (
    allocation_id        uuid PRIMARY KEY,
    program_code         text        NOT NULL,
    program_name         text,
    fiscal_year          int         NOT NULL,
    source_level         text,
    from_region          text,
    from_region_name     text,
    to_region            text,
    to_region_name       text,
    to_org               text,
    to_org_name          text,
    to_org_region        text,
    level                text,
    parent_allocation_id uuid,
    root_allocation_id   uuid,
    amount_cents         bigint      NOT NULL,
    doc_no               text,
    issued_on            date,
    function_code        text,
    economic_code        text,
    note                 text,
    event_id             uuid        NOT NULL,
    occurred_at          timestamptz,
    recorded_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX allocation_fact_program_idx ON allocation_fact (fiscal_year, program_code);
CREATE INDEX allocation_fact_parent_idx ON allocation_fact (parent_allocation_id);

-- One row per AllocationAdjusted / AllocationRecovered / AllocationCarriedOver. budget_effect_cents is signed:
-- an adjustment's delta, minus a recovery, minus a carry-over; budget = amount + Σ budget_effect_cents.
CREATE TABLE allocation_movement (
    event_id            uuid PRIMARY KEY,
    allocation_id       uuid        NOT NULL,
    kind                text        NOT NULL CHECK (kind IN ('ADJUSTMENT', 'RECOVERY', 'CARRY_OVER')),
    budget_effect_cents bigint      NOT NULL,
    effective_on        date,
    doc_no              text,
    reason              text,
    to_fiscal_year      int,
    occurred_at         timestamptz,
    recorded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX allocation_movement_allocation_idx ON allocation_movement (allocation_id);
