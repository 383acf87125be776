-- 执行: what the payer orgs have paid out of each allocation, from disbursement-service's fundflow.payment events
-- (Σ PaymentRecorded − Σ PaymentReversed). Recoveries, carry-overs and cuts may take only what is neither passed
-- down nor paid: budget − distributed − executed.
--
-- A running total per allocation, not a copy of every payment: budget-service needs the one figure, under the
-- allocation's row lock, and reporting-service already keeps the payments themselves. Each event is added exactly
-- once (processed_event, in the same transaction). No foreign key: a payment may arrive before its allocation.
CREATE TABLE allocation_execution (
    allocation_id  uuid        PRIMARY KEY,
    executed_cents bigint      NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
