package io.revbot.tools.actions;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Ends the actions nobody decided in time: every {@code interval}, {@link PendingActionStore#expireDue} marks them
 * {@code EXPIRED} with an audit record. Runs on one virtual thread from {@link #start} to {@link #close}; a failing
 * sweep (database down) is logged and tried again at the next interval.
 */
public final class PendingActionExpiry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PendingActionExpiry.class.getName());

    private final PendingActionStore store;
    private final Clock clock;
    private final Duration interval;
    private volatile Thread thread;

    public PendingActionExpiry(PendingActionStore store, Clock clock, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    public synchronized PendingActionExpiry start() {
        if (thread == null) {
            thread = Thread.ofVirtual().name("revbot-action-expiry").start(this::loop);
        }
        return this;
    }

    /** One sweep: the actions it expired. */
    public List<PendingAction> sweep() {
        List<PendingAction> expired = store.expireDue(clock.instant());
        for (PendingAction a : expired) {
            LOG.log(Level.INFO, "action {0} ({1}) expired unapproved", a.id(), a.kind());
        }
        return expired;
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "expiring pending actions failed (tried again in {0}): {1}", interval, e);
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }
}
