-- Whose job it is (server: io.revbot.server.queue.NewJob#owner): the principal id that enqueued it, e.g. api:crm-app.
-- GET /webhook/{tracking_id} answers 404 to anyone else. NULL for jobs nobody looks up (Slack events, deliveries)
-- and for webhook requests queued before this migration, which no API client owns any more.
ALTER TABLE revbot_jobs ADD COLUMN owner TEXT;
