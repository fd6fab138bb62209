package io.revbot.orchestrator.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When a session is forgotten: one that nobody wrote to for {@code ttl} reads as empty, and every store deletes
 * such sessions now and then (at most once per {@link #PURGE_INTERVAL}, on a write), so storage does not grow with
 * every conversation ever held. Both stores share it, so they expire alike.
 */
final class SessionExpiry {
    static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final Duration ttl;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    SessionExpiry(Duration ttl, Clock clock) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** Sessions last written at or before this instant have expired. */
    Instant cutoff() {
        return clock.instant().minus(ttl);
    }

    boolean expired(Instant updatedAt) {
        return !updatedAt.isAfter(cutoff());
    }

    /** True for the one caller that should purge now: the first write after the purge interval has passed. */
    boolean purgeDue() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        return (last == Instant.MIN || !now.isBefore(last.plus(PURGE_INTERVAL))) && lastPurge.compareAndSet(last, now);
    }
}
