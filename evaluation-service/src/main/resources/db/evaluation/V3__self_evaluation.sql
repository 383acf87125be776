-- Self-evaluations (绩效自评): one row per submission, never edited. A re-submission for the same org, year and
-- program (or the department's whole budget) is a new row and a new pair of events; the latest (highest seq) is the
-- current one. The row keeps what was submitted and what was returned, so a GET shows exactly what the submitter saw.
CREATE TABLE self_evaluation (
    evaluation_id       uuid PRIMARY KEY,
    -- insertion order: "latest" is the highest seq of a subject (submissions of one subject are serialised by an
    -- advisory lock, so seq order is commit order for them)
    seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    level               varchar(16)  NOT NULL CHECK (level IN ('PROJECT', 'DEPARTMENT')),
    program_code        varchar(64),
    fiscal_year         int          NOT NULL,
    org_code            varchar(64)  NOT NULL,
    template            varchar(64)  NOT NULL,
    -- an inline template as submitted (JSON); null for a template shipped with the scoring library
    template_definition jsonb,
    figures_from        varchar(16)  NOT NULL CHECK (figures_from IN ('LIVE', 'SUBMITTED')),
    as_of               date,
    budget_cents        bigint       NOT NULL,
    executed_cents      bigint       NOT NULL,
    execution_rate      numeric      NOT NULL,   -- executed / budget, four decimals (may exceed 1)
    execution_score     numeric      NOT NULL,
    total               numeric,     -- null when a weighted row could not be scored
    grade               varchar(4),
    discrepancy_count   int          NOT NULL,
    supersedes          uuid,
    -- the SelfEvaluationSubmitted payload (indicators and printed figures as keyed in)
    submission          jsonb        NOT NULL,
    -- the response body of the POST (every recomputed figure, discrepancies, review flags)
    result              jsonb        NOT NULL,
    submitted_at        timestamptz  NOT NULL,
    recorded_by         text         NOT NULL,
    CONSTRAINT self_evaluation_program CHECK ((level = 'PROJECT') = (program_code IS NOT NULL))
);
CREATE INDEX self_evaluation_subject_idx ON self_evaluation (org_code, fiscal_year, program_code, seq);
CREATE INDEX self_evaluation_program_idx ON self_evaluation (program_code, fiscal_year);

-- Immutable: corrections are new evaluations (new events), never edits.
CREATE FUNCTION self_evaluation_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'self_evaluation rows are immutable: submit a new evaluation instead';
END
$$;
CREATE TRIGGER self_evaluation_no_change BEFORE UPDATE OR DELETE ON self_evaluation
    FOR EACH ROW EXECUTE FUNCTION self_evaluation_immutable();

-- LIVE figures of a self-evaluation: the allocations made to one org in one fiscal year (and program).
CREATE INDEX allocation_fact_org_idx ON allocation_fact (to_org, fiscal_year, program_code) WHERE to_org IS NOT NULL;
