package io.revbot.server.queue;

import java.util.Objects;

/**
 * A job to enqueue.
 *
 * @param idempotencyKey a second job with the same key is not created (e.g. {@code slack:event:<event_id>}), even
 *     across restarts when the queue is durable
 * @param orderingKey jobs with the same ordering key run one at a time, in enqueue order (e.g. one Slack thread);
 *     null for no ordering
 * @param payload JSON the handler understands
 * @param maxAttempts attempts before the job goes to the dead letter
 * @param owner the principal id the job belongs to ({@code api:crm-app}): only it may look the job up through an
 *     API; null for jobs nobody looks up (Slack events, deliveries)
 */
public record NewJob(
        JobKind kind, String idempotencyKey, String orderingKey, String payload, int maxAttempts, String owner) {
    public NewJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(payload, "payload");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** A job without an owner. */
    public NewJob(JobKind kind, String idempotencyKey, String orderingKey, String payload, int maxAttempts) {
        this(kind, idempotencyKey, orderingKey, payload, maxAttempts, null);
    }
}
