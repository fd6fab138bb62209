-- Write actions waiting for a person's decision (tools: io.revbot.tools.actions.PostgresPendingActions).
-- An approval claims a row with a conditional UPDATE (status = 'PENDING' AND decided_by IS NULL AND not expired),
-- so however many processes approve at once, exactly one executes the action.
CREATE TABLE pending_actions (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,                   -- crm_update | webhook | slack_notification
    summary       TEXT NOT NULL,                   -- exactly what will change, as shown to the approver
    payload       TEXT NOT NULL,                   -- JSON the executor needs; never a credential
    requested_by  TEXT NOT NULL,
    context       TEXT NOT NULL DEFAULT '',        -- where the request came from, e.g. slack:C123:1712345678.000100
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    status        TEXT NOT NULL DEFAULT 'PENDING'
                  CHECK (status IN ('PENDING', 'EXECUTED', 'FAILED', 'REJECTED', 'EXPIRED')),
    decided_by    TEXT,                            -- set when an approval claims the action, before it executes
    decided_at    TIMESTAMPTZ,
    outcome       TEXT
);

CREATE INDEX pending_actions_open ON pending_actions (expires_at) WHERE status = 'PENDING';

-- One row per decision (approved, rejected, expired, ignored duplicate), never updated or deleted.
CREATE TABLE pending_action_audit (
    id          BIGSERIAL PRIMARY KEY,
    action_id   TEXT NOT NULL REFERENCES pending_actions (id),
    decision    TEXT NOT NULL,
    actor       TEXT,
    decided_at  TIMESTAMPTZ NOT NULL,
    status      TEXT NOT NULL,
    outcome     TEXT
);

CREATE INDEX pending_action_audit_action ON pending_action_audit (action_id, id);
