-- The manager's memory of each conversation (orchestrator, io.revbot.orchestrator.sessions.PostgresChatMemoryStore).
-- messages: LangChain4j's JSON form of the questions and answers kept in the token window.
CREATE TABLE revbot_sessions (
    session_id  TEXT        PRIMARY KEY,
    messages    JSONB       NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX revbot_sessions_updated_at ON revbot_sessions (updated_at);
