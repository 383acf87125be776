-- The audit trail: one row per event on every fundflow topic, with who made the change (the envelope's actor and
-- recordedBy), when, under which correlation id, and the scope of the resource it changed, so a supervisor can be
-- shown the entries of their region subtree. Append-only, like the events it records.
CREATE TABLE audit_entry (
    event_id           uuid PRIMARY KEY,
    event_type         text        NOT NULL,
    aggregate_type     text,
    aggregate_id       text,
    occurred_at        timestamptz NOT NULL,
    recorded_by        text,
    -- the envelope's actor; all null for events made by the system itself or recorded before tokens existed
    actor_subject      text,
    actor_role         text,
    actor_region       text,
    actor_org          text,
    client_address     text,
    correlation_id     text,
    -- the resource's scope: allocation: fromRegion; payment: payerOrgRegion; org: regionCode; evaluation: the org's
    -- region when known. resource_to_region: where an allocation went (toRegion, or the recipient org's region).
    resource_region    text,
    resource_to_region text,
    resource_org       text,
    summary            text        NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now()
);

-- Every index costs the consumer on each of the ten thousand payments a second, so only these: newest-first pages,
-- an aggregate's history (also how a movement finds its allocation's scope), a request's events, a user's actions
-- (the actor's subject, else recordedBy for events without an actor).
CREATE INDEX audit_entry_occurred_idx ON audit_entry (occurred_at DESC, event_id DESC);
CREATE INDEX audit_entry_aggregate_idx ON audit_entry (aggregate_id);
CREATE INDEX audit_entry_correlation_idx ON audit_entry (correlation_id);
CREATE INDEX audit_entry_subject_idx ON audit_entry ((coalesce(actor_subject, recorded_by)));

CREATE FUNCTION audit_entry_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: an audit entry is never changed (%)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_no_update
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_immutable();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_immutable();
