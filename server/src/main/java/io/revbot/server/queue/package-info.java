/**
 * The durable job queue for Slack events, webhook requests and outbound deliveries: {@code PostgresJobQueue}
 * (claims with {@code FOR UPDATE SKIP LOCKED}, leases, backoff, dead letter, idempotency keys) and
 * {@code InMemoryJobQueue} for embedded mode, behind {@link io.revbot.server.queue.JobQueue}; workers dispatch
 * claimed jobs to the {@link io.revbot.server.queue.JobHandler} registered for their kind.
 */
package io.revbot.server.queue;
