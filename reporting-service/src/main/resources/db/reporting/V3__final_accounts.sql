-- 部门决算公开: org facts (names and regions of the agencies the tables are about) and the published versions of
-- the tables.

-- One row per org, from OrgRegistered / OrgUpdated on fundflow.org: the latest event (by occurred_at) wins, so a
-- rename arriving after the registration shows, and a stale redelivery does not undo it.
CREATE TABLE org_fact (
    org_code    text PRIMARY KEY,
    name        text,
    region_code text,
    region_name text,
    event_id    uuid        NOT NULL,
    occurred_at timestamptz,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- The final accounts are per org: allocations received by the org. Allocation volume is low (a few per org and
-- year), so this index costs the consumer nothing that matters.
CREATE INDEX allocation_fact_to_org_idx ON allocation_fact (to_org, fiscal_year);

-- A published year of an org's final accounts: frozen. document is the canonical JSON of every table exactly as
-- hashed (text, not jsonb: jsonb would reorder keys and the hash must be of these bytes). diff is the row-level
-- difference from the previous version ('{}' shape for version 1).
CREATE TABLE final_accounts_publication (
    org_code         text        NOT NULL,
    fiscal_year      int         NOT NULL,
    version          int         NOT NULL CHECK (version >= 1),
    content_hash     text        NOT NULL,
    layout_id        text        NOT NULL,
    document         text        NOT NULL,
    diff             text        NOT NULL,
    previous_version int,
    published_at     timestamptz NOT NULL,
    published_by     text        NOT NULL,
    PRIMARY KEY (org_code, fiscal_year, version)
);

-- Published means immutable: corrections are a new version, never an edit of an old one.
CREATE FUNCTION final_accounts_publication_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'final_accounts_publication is append-only: a published version is never changed (%)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER final_accounts_publication_no_update
    BEFORE UPDATE OR DELETE ON final_accounts_publication
    FOR EACH ROW EXECUTE FUNCTION final_accounts_publication_immutable();

CREATE TRIGGER final_accounts_publication_no_truncate
    BEFORE TRUNCATE ON final_accounts_publication
    FOR EACH STATEMENT EXECUTE FUNCTION final_accounts_publication_immutable();
