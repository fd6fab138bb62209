package io.revbot.server.queue;

import java.time.Duration;
import java.util.Optional;

/** The job failed for a reason that may pass (a 5xx, a timeout, throttling); optionally not before {@code retryAfter}. */
public final class RetryableJobException extends Exception {
    private final Duration retryAfter;

    public RetryableJobException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
