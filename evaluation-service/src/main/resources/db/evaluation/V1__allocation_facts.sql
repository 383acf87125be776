-- Facts as they arrive from fundflow.allocation; every figure (budget, distributed, rates) is derived from them at
-- query time. No foreign keys: an adjustment or a child may arrive before the allocation it refers to.

-- One row per AllocationIssued, with every field of the event (amount in 分).
CREATE TABLE allocation_fact (
    allocation_id        uuid PRIMARY KEY,
    program_code         varchar(64)  NOT NULL,
    program_name         text,
    fiscal_year          int          NOT NULL,
    source_level         varchar(16)  NOT NULL,
    from_region          varchar(6)   NOT NULL,
    from_region_name     text,
    to_region            varchar(6),
    to_region_name       text,
    to_org               varchar(64),
    to_org_name          text,
    to_org_region        varchar(6),
    level                varchar(16)  NOT NULL,
    parent_allocation_id uuid,
    root_allocation_id   uuid,
    amount_cents         bigint       NOT NULL,
    doc_no               text,
    issued_on            date         NOT NULL,
    function_code        varchar(16),
    economic_code        varchar(16),
    note                 text,
    event_id             uuid         NOT NULL,
    occurred_at          timestamptz,
    recorded_by          text,
    CONSTRAINT allocation_fact_recipient CHECK ((to_region IS NULL) <> (to_org IS NULL))
);
CREATE INDEX allocation_fact_program_idx ON allocation_fact (program_code, fiscal_year);
CREATE INDEX allocation_fact_year_idx ON allocation_fact (fiscal_year);
CREATE INDEX allocation_fact_parent_idx ON allocation_fact (parent_allocation_id);

-- Everything that changes an allocation's budget after issue, one row per event, with its signed effect in 分:
-- ADJUSTMENT +/- delta, RECOVERY -amount, CARRY_OVER -amount (the money leaves this fiscal year).
CREATE TABLE allocation_movement (
    event_id            uuid PRIMARY KEY,
    allocation_id       uuid        NOT NULL,
    kind                varchar(16) NOT NULL CHECK (kind IN ('ADJUSTMENT', 'RECOVERY', 'CARRY_OVER')),
    budget_effect_cents bigint      NOT NULL,
    effective_on        date        NOT NULL,
    doc_no              text,
    reason              text,
    to_fiscal_year      int,
    occurred_at         timestamptz,
    recorded_by         text
);
CREATE INDEX allocation_movement_allocation_idx ON allocation_movement (allocation_id, effective_on);

-- Display names from fundflow.program and fundflow.org; the allocation facts carry names too, these only win when
-- present (an org renamed after its allocations were issued shows its current name).
CREATE TABLE program_ref (
    code          varchar(64) NOT NULL,
    fiscal_year   int         NOT NULL,
    name          text        NOT NULL,
    function_code varchar(16),
    fund_type     text,
    occurred_at   timestamptz,
    PRIMARY KEY (code, fiscal_year)
);

CREATE TABLE org_ref (
    org_code    varchar(64) PRIMARY KEY,
    name        text        NOT NULL,
    region_code varchar(6),
    region_name text,
    occurred_at timestamptz
);
