package io.revbot.server.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The job failed for a reason that may pass (a 5xx, a timeout, throttling); optionally not before {@code retryAfter}.
 * {@link #code()} is stored with the job, as for {@link PermanentJobException}, and is the job's code if this was its
 * last attempt.
 */
public final class RetryableJobException extends Exception {
    /** The code of retryable failures that name none. */
    public static final String DEFAULT_CODE = "unavailable";

    private final String code;
    private final Duration retryAfter;

    public RetryableJobException(String message, Duration retryAfter) {
        this(DEFAULT_CODE, message, retryAfter);
    }

    public RetryableJobException(String code, String message, Duration retryAfter) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
