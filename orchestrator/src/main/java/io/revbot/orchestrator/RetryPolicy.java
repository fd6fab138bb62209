package io.revbot.orchestrator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How model calls are retried on transient errors: exponential backoff with full jitter, never past the run's
 * deadline; after {@code throttlesBeforeFallback} throttled attempts the fallback model (if any) takes over.
 *
 * @param maxAttempts attempts per model call, including the first
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, int throttlesBeforeFallback) {

    public static final RetryPolicy DEFAULTS = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(20), 2);

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1 || throttlesBeforeFallback < 1) {
            throw new IllegalArgumentException("maxAttempts and throttlesBeforeFallback must be at least 1");
        }
    }

    /** The pause before attempt {@code attempt + 1}: random in [base·2^(attempt−1)/2, base·2^(attempt−1)], capped. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
