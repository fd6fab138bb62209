package io.revbot.server.queue;

import java.time.Instant;
import java.util.Optional;

/** A job as stored: what was asked, where it stands, and its result or last error. */
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
        Optional<String> lastError) {}
