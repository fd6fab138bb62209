-- Feedback on answers (orchestrator, io.revbot.orchestrator.recording.PostgresFeedbackStore): the latest thumbs up or
-- down clicked under a run's answer. run_id is the run's id as in the conversation export.
CREATE TABLE revbot_run_feedback (
    run_id       TEXT        PRIMARY KEY,
    value        TEXT        NOT NULL CHECK (value IN ('positive', 'negative')),
    user_id      TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
);
