-- budget-service: orgs, programs and allocations. Regions are bundled reference data (reference/regions.csv),
-- loaded into memory at startup, so there is no region table and region codes carry no foreign key.

-- Facts are appended, never edited: UPDATE and DELETE on the fact tables fail loudly.
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: record a correction instead of editing', TG_TABLE_NAME;
END
$$;

-- 预算单位: the current name and region; every version, including the current one, is kept in org_history.
CREATE TABLE org (
    org_code      varchar(32)  PRIMARY KEY,
    name          varchar(100) NOT NULL,
    region_code   char(6)      NOT NULL,
    version       int          NOT NULL,
    registered_at timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX org_region_idx ON org (region_code);

CREATE TABLE org_history (
    org_code    varchar(32)  NOT NULL REFERENCES org (org_code),
    version     int          NOT NULL,
    name        varchar(100) NOT NULL,
    region_code char(6)      NOT NULL,
    recorded_by varchar(128) NOT NULL,
    recorded_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (org_code, version)
);
CREATE TRIGGER org_history_append_only BEFORE UPDATE OR DELETE ON org_history
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- 项目/资金 of one fiscal year.
CREATE TABLE program (
    fiscal_year   int          NOT NULL,
    code          varchar(64)  NOT NULL,
    name          varchar(200) NOT NULL,
    function_code varchar(7)   NOT NULL,
    fund_type     varchar(16)  NOT NULL
        CHECK (fund_type IN ('GENERAL_BUDGET', 'GOVERNMENT_FUND', 'STATE_CAPITAL', 'OTHER')),
    recorded_by   varchar(128) NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (fiscal_year, code)
);

-- 指标下达: the issued facts, immutable. Names are copied at issue time so the row (and its event) says what the
-- clerk saw, even after an org is renamed. The budget is never stored: it is the amount plus the movements.
CREATE TABLE allocation (
    allocation_id        uuid         PRIMARY KEY,
    fiscal_year          int          NOT NULL,
    program_code         varchar(64)  NOT NULL,
    program_name         varchar(200) NOT NULL,
    source_level         varchar(10)  NOT NULL CHECK (source_level IN ('CENTRAL', 'PROVINCIAL', 'CITY', 'COUNTY')),
    level                varchar(10)  NOT NULL CHECK (level IN ('CENTRAL', 'PROVINCIAL', 'CITY', 'COUNTY')),
    from_region          char(6)      NOT NULL,
    from_region_name     varchar(100) NOT NULL,
    to_region            char(6),
    to_region_name       varchar(100),
    to_org               varchar(32)  REFERENCES org (org_code),
    to_org_name          varchar(100),
    to_org_region        char(6),
    parent_allocation_id uuid         REFERENCES allocation (allocation_id),
    root_allocation_id   uuid         NOT NULL,
    amount_cents         bigint       NOT NULL CHECK (amount_cents > 0),
    doc_no               varchar(100) NOT NULL,
    issued_on            date         NOT NULL,
    function_code        varchar(7)   NOT NULL,
    economic_code        varchar(5),
    note                 varchar(500),
    recorded_by          varchar(128) NOT NULL,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    CHECK ((to_region IS NULL) <> (to_org IS NULL)),
    FOREIGN KEY (fiscal_year, program_code) REFERENCES program (fiscal_year, code)
);
CREATE INDEX allocation_parent_idx ON allocation (parent_allocation_id);
CREATE INDEX allocation_program_idx ON allocation (fiscal_year, program_code);
CREATE INDEX allocation_to_org_idx ON allocation (to_org);
CREATE TRIGGER allocation_append_only BEFORE UPDATE OR DELETE ON allocation
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- 追加/调减, 财政收回, 结转: each a fact with its signed effect on the allocation's budget (in 分).
CREATE TABLE allocation_movement (
    movement_id    uuid         PRIMARY KEY,
    allocation_id  uuid         NOT NULL REFERENCES allocation (allocation_id),
    kind           varchar(12)  NOT NULL CHECK (kind IN ('ADJUSTMENT', 'RECOVERY', 'CARRY_OVER')),
    effect_cents   bigint       NOT NULL CHECK (effect_cents <> 0),
    effective_on   date         NOT NULL,
    doc_no         varchar(100),
    reason         varchar(500),
    to_fiscal_year int,
    recorded_by    varchar(128) NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    CHECK (kind = 'ADJUSTMENT' OR effect_cents < 0),
    CHECK ((kind = 'CARRY_OVER') = (to_fiscal_year IS NOT NULL))
);
CREATE INDEX allocation_movement_allocation_idx ON allocation_movement (allocation_id);
CREATE TRIGGER allocation_movement_append_only BEFORE UPDATE OR DELETE ON allocation_movement
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
