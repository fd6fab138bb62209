-- The job queue (server, versions V300-V399). One row per job; workers claim with FOR UPDATE SKIP LOCKED.
-- state: QUEUED (waiting), RUNNING (claimed under a lease), FAILED (an attempt failed; runs again at run_at),
-- SUCCEEDED, DEAD (the dead letter: attempts used up or a permanent failure).
CREATE TABLE revbot_jobs (
    seq              BIGSERIAL   PRIMARY KEY,
    id               TEXT        NOT NULL UNIQUE,
    kind             TEXT        NOT NULL,
    idempotency_key  TEXT        NOT NULL UNIQUE,
    ordering_key     TEXT,
    payload          TEXT        NOT NULL,
    state            TEXT        NOT NULL DEFAULT 'QUEUED'
                     CHECK (state IN ('QUEUED', 'RUNNING', 'FAILED', 'SUCCEEDED', 'DEAD')),
    attempts         INTEGER     NOT NULL DEFAULT 0,
    max_attempts     INTEGER     NOT NULL CHECK (max_attempts >= 1),
    run_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_owner      TEXT,
    lease_token      TEXT,
    lease_expires_at TIMESTAMPTZ,
    result           TEXT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at      TIMESTAMPTZ
);

-- What a claim scans: waiting jobs by due time, and running jobs by lease expiry.
CREATE INDEX revbot_jobs_waiting ON revbot_jobs (run_at, seq) WHERE state IN ('QUEUED', 'FAILED');
CREATE INDEX revbot_jobs_leased ON revbot_jobs (lease_expires_at) WHERE state = 'RUNNING';
-- The ordering check: is there an older unfinished job with the same key?
CREATE INDEX revbot_jobs_unfinished_by_key ON revbot_jobs (ordering_key, seq)
    WHERE ordering_key IS NOT NULL AND state IN ('QUEUED', 'RUNNING', 'FAILED');
-- Retention: finished jobs are purged after a while (PostgresJobQueue.purgeFinished).
CREATE INDEX revbot_jobs_finished ON revbot_jobs (finished_at) WHERE state IN ('SUCCEEDED', 'DEAD');
