-- Why a job failed, machine-readable (server: io.revbot.server.queue.JobWorkers): the code beside last_error, e.g.
-- model_unavailable, turn_limit, timeout, worker_lost, internal. A webhook request's caller gets it in the failure
-- callback and in GET /webhook/{tracking_id}. NULL for jobs that never failed and for failures before this migration.
ALTER TABLE revbot_jobs ADD COLUMN error_code TEXT;
