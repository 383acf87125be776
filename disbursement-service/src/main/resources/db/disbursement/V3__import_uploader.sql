-- Who uploaded an import (issue 6): the job belongs to the uploading agency's org, and every payment it records and
-- every event it writes carries that uploader as recordedBy (the subject, already in recorded_by) and as actor.
-- Jobs uploaded before this migration have none of these (null): only a national supervisor may read them, and one
-- still unfinished is failed by its worker rather than recorded without an owner.
ALTER TABLE payment_import_job ADD COLUMN uploader_role    text;
ALTER TABLE payment_import_job ADD COLUMN uploader_region  text;
ALTER TABLE payment_import_job ADD COLUMN uploader_org     text;
ALTER TABLE payment_import_job ADD COLUMN uploader_address text;
CREATE INDEX payment_import_job_org_idx ON payment_import_job (uploader_org, created_at);

-- The region of an org, for region-scoped readers (finance bureaus, supervisors) of its payments, allocations and
-- imports, is looked up among the org's allocations.
CREATE INDEX allocation_fact_org_region_idx ON allocation_fact (to_org_region);
