-- Approved CRM changes when the CRM is the warehouse's read-only mirror (tools: io.revbot.tools.crm.CrmUpdateLog).
-- Append-only: one row per changed field.
CREATE TABLE IF NOT EXISTS crm_updates (
    update_id    VARCHAR(64) PRIMARY KEY,
    record_type  VARCHAR(32) NOT NULL,    -- account | opportunity | contact | lead
    record_id    VARCHAR(64) NOT NULL,
    field        VARCHAR(128) NOT NULL,   -- warehouse column name
    old_value    VARCHAR,
    new_value    VARCHAR,
    approved_by  VARCHAR(128),
    applied_at   TIMESTAMP NOT NULL       -- UTC
);

CREATE INDEX IF NOT EXISTS crm_updates_record ON crm_updates (record_type, record_id);
