package io.revbot.server.queue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff between attempts: {@code initial}, doubling per attempt, capped at {@code max}, with up to
 * 20% random jitter so jobs that failed together do not retry together.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
        }
    }

    /** The delay after failed attempt number {@code attempt} (1 for the first). */
    public Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = Math.min(max.toMillis(), initial.toMillis() << doublings);
        if (millis <= 0) {
            return Duration.ZERO;
        }
        long jitter = ThreadLocalRandom.current().nextLong(millis / 5 + 1);
        return Duration.ofMillis(Math.min(max.toMillis(), millis + jitter));
    }
}
