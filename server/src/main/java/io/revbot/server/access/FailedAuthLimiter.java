package io.revbot.server.access;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: each client address may fail authentication (a wrong token, a wrong login) a few times a
 * minute; past that, every attempt from it, right or wrong, is refused until the allowance refills. Shared by the
 * webhook API, the viewer and the login form, so guesses spread over them count together.
 *
 * <p>Behind a reverse proxy every client shares the proxy's address, so a guesser there slows everyone down: the
 * price of not trusting {@code X-Forwarded-For}, which any client can write.
 */
public final class FailedAuthLimiter {
    /** Failures allowed in a burst, and per minute after it. */
    public static final int DEFAULT_FAILURES_PER_MINUTE = 10;

    private static final int MAX_TRACKED = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Allowance> addresses = new ConcurrentHashMap<>();

    public FailedAuthLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Failures left, refilled continuously at {@code perMinute} a minute. */
    private final class Allowance {
        private double left = perMinute;
        private Instant updated = clock.instant();

        synchronized Duration waitBeforeNext() {
            refill();
            return left >= 1 ? Duration.ZERO : untilOne();
        }

        synchronized void spend() {
            refill();
            left = Math.max(0, left - 1);
        }

        synchronized boolean full() {
            refill();
            return left >= perMinute;
        }

        private void refill() {
            Instant now = clock.instant();
            double minutes = Duration.between(updated, now).toNanos() / 60e9;
            left = Math.min(perMinute, left + Math.max(0, minutes) * perMinute);
            updated = now;
        }

        private Duration untilOne() {
            return Duration.ofNanos((long) Math.ceil((1 - left) / perMinute * 60e9));
        }
    }

    /** Zero when {@code address} may try; otherwise how long until it may. */
    public Duration waitBeforeNext(String address) {
        Allowance a = addresses.get(address);
        return a == null ? Duration.ZERO : a.waitBeforeNext();
    }

    /** Counts a failed attempt from {@code address}. */
    public void failed(String address) {
        if (addresses.size() >= MAX_TRACKED) {
            addresses.values().removeIf(Allowance::full);
        }
        addresses.computeIfAbsent(address, k -> new Allowance()).spend();
    }

    /** The client's IP address as the server saw the connection ({@code "unknown"} when there is none). */
    public static String address(ServerRequest request) {
        SocketAddress peer = request.remotePeer().address();
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }

    /** {@code Retry-After} seconds for a wait, at least one. */
    public static String retryAfterSeconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}
