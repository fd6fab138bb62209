package io.revbot.orchestrator.sessions;

import io.revbot.orchestrator.SessionId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per active session, so two questions in the same conversation run one after the other (the manager's
 * memory must not be read and written by two runs at once). Entries disappear when nobody holds or waits for them.
 */
public final class SessionLocks {
    private final ConcurrentHashMap<SessionId, Entry> locks = new ConcurrentHashMap<>();

    /** A held session lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits up to {@code timeout} for the session; empty when it stayed busy. */
    public Optional<Held> acquire(SessionId session, Duration timeout) throws InterruptedException {
        Entry entry = locks.compute(session, (k, e) -> {
            Entry current = e == null ? new Entry() : e;
            current.users++;
            return current;
        });
        boolean locked = false;
        try {
            locked = entry.lock.tryLock(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } finally {
            if (!locked) {
                release(session);
            }
        }
        if (!locked) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            entry.lock.unlock();
            release(session);
        });
    }

    int activeSessions() {
        return locks.size();
    }

    private void release(SessionId session) {
        locks.computeIfPresent(session, (k, e) -> --e.users == 0 ? null : e);
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }
}
