package io.revbot.tools.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a call on 429, 5xx (except 501) and I/O failures (timeouts, resets) with exponential backoff and full
 * jitter, honouring {@code Retry-After} (delta-seconds or an HTTP date). Attempts are bounded; a {@code Retry-After}
 * longer than {@link Policy#maxDelay()} is not waited for: the response goes back to the caller.
 *
 * <p>429 is always retried (the server did not act on the request). 5xx and I/O failures are retried only for
 * idempotent methods (GET, HEAD, PUT, DELETE, PATCH) or requests tagged {@link Idempotent}, so a POST that may have
 * taken effect (a Slack message, a webhook) is never sent twice by accident.
 *
 * <p>Logs say which method, host and path are retried and why; never headers, query strings or bodies, so
 * credentials cannot leak into logs.
 */
public final class RetryInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

    /** Marks a POST that only reads (a query, a search) as safe to repeat after a 5xx or timeout. */
    public enum Idempotent {
        YES
    }

    /** How often and how long to retry. */
    public record Policy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        public static final Policy DEFAULT = new Policy(4, Duration.ofMillis(500), Duration.ofSeconds(30));

        public Policy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
        }
    }

    /** Waits between attempts; a seam so tests do not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }

    private final Policy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> log;

    public RetryInterceptor(Policy policy) {
        this(policy, Clock.systemUTC(), Sleeper.REAL, LOG::info);
    }

    public RetryInterceptor(Policy policy, Clock clock, Sleeper sleeper, Consumer<String> log) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean idempotent = isIdempotent(request);
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (!idempotent
                        || attempt >= policy.maxAttempts()
                        || e instanceof InterruptedIOException && isCancelled(chain)) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                log.accept(describe(request) + " failed (" + e.getClass().getSimpleName() + "), retrying in "
                        + wait.toMillis() + " ms (attempt " + (attempt + 1) + "/" + policy.maxAttempts() + ")");
                pause(wait);
                continue;
            }
            int code = response.code();
            boolean retriable = code == 429 || (code >= 500 && code != 501 && idempotent);
            if (!retriable || attempt >= policy.maxAttempts()) {
                return response;
            }
            Optional<Duration> retryAfter = retryAfter(response.header("Retry-After"));
            if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxDelay()) > 0) {
                log.accept(describe(request) + " got " + code + " with Retry-After "
                        + retryAfter.get().toSeconds() + " s, longer than the "
                        + policy.maxDelay().toSeconds() + " s we wait: giving up");
                return response;
            }
            Duration wait = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
            log.accept(describe(request) + " got " + code + ", retrying in " + wait.toMillis() + " ms (attempt "
                    + (attempt + 1) + "/" + policy.maxAttempts() + ")");
            response.close();
            pause(wait);
        }
    }

    private static boolean isCancelled(Chain chain) {
        return chain.call().isCanceled();
    }

    private void pause(Duration wait) throws IOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** Exponential backoff with full jitter: a random wait in [base·2^(n-1)/2, base·2^(n-1)], capped. */
    Duration backoff(int attempt) {
        long cap = policy.maxDelay().toMillis();
        long exp = policy.baseDelay().toMillis() << Math.min(attempt - 1, 20);
        long ceiling = Math.min(cap, exp);
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }

    /** Parses {@code Retry-After}: delta-seconds or an HTTP date (RFC 1123). */
    Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static boolean isIdempotent(Request request) {
        return switch (request.method()) {
            case "GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS" -> true;
            default -> request.tag(Idempotent.class) != null;
        };
    }

    private static String describe(Request request) {
        return request.method() + " " + request.url().host() + request.url().encodedPath();
    }
}
