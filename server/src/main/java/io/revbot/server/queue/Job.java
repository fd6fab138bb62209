package io.revbot.server.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as stored: what was asked, where it stands, its result or last error (with its machine-readable
 * {@code errorCode}: {@code timeout}, {@code worker_lost}, {@code internal} or the handler's own, see
 * {@link PermanentJobException#code()}), and whose it is ({@code owner}: the principal id that enqueued it, see
 * {@link NewJob#owner()}).
 */
public record Job(
        JobId id,
        JobKind kind,
        String idempotencyKey,
        String orderingKey,
        String payload,
        JobState state,
        int attempts,
        int maxAttempts,
        Instant createdAt,
        Instant updatedAt,
        Optional<String> result,
        Optional<String> lastError,
        Optional<String> owner,
        Optional<String> errorCode) {}
