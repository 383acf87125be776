-- Allocations made to orgs (预算单位), learned from fundflow.allocation: the balances payments are checked against.
-- Events come in any order (an adjustment before its allocation), so there are no foreign keys between these tables
-- and balances are derived from the rows when asked for.

-- One row per AllocationIssued whose recipient is an org, with every field of the event. Amounts in 分.
-- Allocations to regions are not stored: nobody pays from them directly.
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
    to_org               text        NOT NULL,
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
CREATE INDEX allocation_fact_org_idx ON allocation_fact (to_org, fiscal_year);
CREATE INDEX allocation_fact_year_idx ON allocation_fact (fiscal_year);

-- One row per AllocationAdjusted / AllocationRecovered / AllocationCarriedOver, of ANY allocation: a movement may
-- arrive before its AllocationIssued, and only that event tells whether the recipient is an org. Movements of
-- region allocations are filtered out at query time by the join with allocation_fact.
-- budget_effect_cents is signed: an adjustment's delta, minus a recovery, minus a carry-over.
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
