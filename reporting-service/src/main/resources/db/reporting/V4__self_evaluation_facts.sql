-- 绩效自评 from fundflow.evaluation: one row per evaluation (every submission is a new evaluation id). The
-- SelfEvaluationSubmitted and SelfEvaluationScored events of one evaluation may arrive in either order: whichever
-- comes first inserts the row, the other fills its columns. Which evaluation is current for its subject (level, year,
-- org, program) is derived at query time (latest occurred_at), never stored.
CREATE TABLE self_evaluation_fact (
    evaluation_id      uuid PRIMARY KEY,
    level              text NOT NULL,
    program_code       text,
    fiscal_year        int  NOT NULL,
    org_code           text NOT NULL,
    template           text,
    supersedes         uuid,
    submitted_at       timestamptz,
    scored_at          timestamptz,
    -- the submission's time when it has arrived, else the score's (so a scored-first row is still ordered)
    occurred_at        timestamptz GENERATED ALWAYS AS (coalesce(submitted_at, scored_at)) STORED,
    budget_cents       bigint,
    executed_cents     bigint,
    submitted          text,
    scored             text,
    grade              text,
    total              numeric(9, 2),
    execution_rate     numeric(9, 4),
    discrepancy_count  int,
    submitted_event_id uuid,
    scored_event_id    uuid,
    recorded_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX self_evaluation_fact_subject_idx ON self_evaluation_fact (fiscal_year, org_code, level, program_code);
