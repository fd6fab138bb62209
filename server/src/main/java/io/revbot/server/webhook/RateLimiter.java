package io.revbot.server.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: {@code perMinute} requests a minute on average, bursts up to {@code perMinute}.
 * Callers are named by the index of the API token they presented, never by the token itself.
 */
final class RateLimiter {
    private final double capacity;
    private final double refillPerNano;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int perMinute, Clock clock) {
        this.capacity = perMinute;
        this.refillPerNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    /** Takes one request from the caller's bucket; empty means allowed, else how long until the next one is. */
    Duration acquire(String caller) {
        long now = nanos();
        Bucket b = buckets.computeIfAbsent(caller, k -> new Bucket(capacity, now));
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (now - b.lastNanos) * refillPerNano);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - b.tokens) / refillPerNano));
        }
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
