package io.revbot.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue of embedded mode: the same semantics as {@link PostgresJobQueue} (leases, backoff, dead letter,
 * idempotency and ordering keys), held in memory, so queued work does not survive a restart. Finished jobs are kept
 * for status look-ups up to {@code retainFinished}, oldest dropped first.
 */
public final class InMemoryJobQueue implements LeasingJobQueue {
    private final Clock clock;
    private final int retainFinished;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final Map<JobId, Entry> byId = new HashMap<>();
    private final Map<String, JobId> byIdempotencyKey = new HashMap<>();
    /** Unfinished jobs in enqueue order. */
    private final TreeMap<Long, Entry> unfinished = new TreeMap<>();
    /** Finished jobs in the order they finished, for retention. */
    private final LinkedHashMap<JobId, Entry> finished = new LinkedHashMap<>();

    private long nextSeq = 1;

    public InMemoryJobQueue(Clock clock) {
        this(clock, 10_000);
    }

    public InMemoryJobQueue(Clock clock, int retainFinished) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retainFinished = retainFinished;
    }

    private static final class Entry {
        final long seq;
        Job job;
        Instant runAt;
        String leaseToken;
        Instant leaseExpiresAt;

        Entry(long seq, Job job, Instant runAt) {
            this.seq = seq;
            this.job = job;
            this.runAt = runAt;
        }
    }

    @Override
    public Enqueued enqueue(NewJob job) {
        lock.lock();
        try {
            JobId existing = byIdempotencyKey.get(job.idempotencyKey());
            if (existing != null) {
                return new Enqueued(existing, false);
            }
            Instant now = clock.instant();
            JobId id = new JobId(UUID.randomUUID().toString());
            Job stored = new Job(
                    id,
                    job.kind(),
                    job.idempotencyKey(),
                    job.orderingKey(),
                    job.payload(),
                    JobState.QUEUED,
                    0,
                    job.maxAttempts(),
                    now,
                    now,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.ofNullable(job.owner()));
            Entry entry = new Entry(nextSeq++, stored, now);
            byId.put(id, entry);
            byIdempotencyKey.put(job.idempotencyKey(), id);
            unfinished.put(entry.seq, entry);
            workArrived.signalAll();
            return new Enqueued(id, true);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Job> find(JobId id) {
        lock.lock();
        try {
            return Optional.ofNullable(byId.get(id)).map(e -> e.job);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long depth() {
        return stats().waiting();
    }

    @Override
    public Optional<Claim> claim(Set<JobKind> kinds, String worker, Duration lease) {
        lock.lock();
        try {
            Instant now = clock.instant();
            deadLetterLostJobs(now);
            Set<String> blockedKeys = new HashSet<>();
            for (Entry e : unfinished.values()) {
                String key = e.job.orderingKey();
                boolean head = key == null || blockedKeys.add(key);
                if (head && kinds.contains(e.job.kind()) && runnable(e, now)) {
                    String token = UUID.randomUUID().toString();
                    e.leaseToken = token;
                    e.leaseExpiresAt = now.plus(lease);
                    e.job = with(e.job, JobState.RUNNING, e.job.attempts() + 1, now, e.job.result(), e.job.lastError());
                    return Optional.of(new Claim(e.job, token));
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private static boolean runnable(Entry e, Instant now) {
        return switch (e.job.state()) {
            case QUEUED, FAILED -> !e.runAt.isAfter(now);
            case RUNNING -> e.leaseExpiresAt.isBefore(now);
            case SUCCEEDED, DEAD -> false;
        };
    }

    /** Jobs whose worker vanished on their last attempt go to the dead letter instead of running again. */
    private void deadLetterLostJobs(Instant now) {
        for (Iterator<Entry> it = unfinished.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.job.state() == JobState.RUNNING
                    && e.leaseExpiresAt.isBefore(now)
                    && e.job.attempts() >= e.job.maxAttempts()) {
                it.remove();
                finish(
                        e,
                        JobState.DEAD,
                        now,
                        Optional.empty(),
                        Optional.of("the worker running attempt " + e.job.attempts() + " lost its lease (crashed or"
                                + " stopped); no attempts left"));
            }
        }
    }

    @Override
    public boolean extend(Claim claim, Duration lease) {
        lock.lock();
        try {
            Entry e = held(claim);
            if (e == null) {
                return false;
            }
            e.leaseExpiresAt = clock.instant().plus(lease);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean succeed(Claim claim, String result) {
        lock.lock();
        try {
            Entry e = held(claim);
            if (e == null) {
                return false;
            }
            unfinished.remove(e.seq);
            finish(e, JobState.SUCCEEDED, clock.instant(), Optional.ofNullable(result), e.job.lastError());
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean fail(Claim claim, String error, Duration retryDelay, boolean permanent) {
        lock.lock();
        try {
            Entry e = held(claim);
            if (e == null) {
                return false;
            }
            Instant now = clock.instant();
            if (permanent || e.job.attempts() >= e.job.maxAttempts()) {
                unfinished.remove(e.seq);
                finish(e, JobState.DEAD, now, e.job.result(), Optional.ofNullable(error));
            } else {
                e.leaseToken = null;
                e.leaseExpiresAt = null;
                e.runAt = now.plus(retryDelay);
                e.job = with(e.job, JobState.FAILED, e.job.attempts(), now, e.job.result(), Optional.ofNullable(error));
                workArrived.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean release(Claim claim) {
        lock.lock();
        try {
            Entry e = held(claim);
            if (e == null) {
                return false;
            }
            Instant now = clock.instant();
            e.leaseToken = null;
            e.leaseExpiresAt = null;
            e.runAt = now;
            e.job = with(e.job, JobState.QUEUED, e.job.attempts() - 1, now, e.job.result(), e.job.lastError());
            workArrived.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueueStats stats() {
        lock.lock();
        try {
            Instant now = clock.instant();
            long waiting = 0;
            long running = 0;
            Instant oldest = null;
            for (Entry e : unfinished.values()) {
                if (e.job.state() == JobState.RUNNING) {
                    running++;
                } else {
                    waiting++;
                    if (oldest == null || e.job.createdAt().isBefore(oldest)) {
                        oldest = e.job.createdAt();
                    }
                }
            }
            long dead = finished.values().stream()
                    .filter(e -> e.job.state() == JobState.DEAD)
                    .count();
            return new QueueStats(
                    waiting, running, dead, oldest == null ? Duration.ZERO : Duration.between(oldest, now));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitWork(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            workArrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    private Entry held(Claim claim) {
        Entry e = byId.get(claim.job().id());
        if (e == null || e.job.state() != JobState.RUNNING || !claim.token().equals(e.leaseToken)) {
            return null;
        }
        return e;
    }

    private void finish(Entry e, JobState state, Instant now, Optional<String> result, Optional<String> error) {
        e.leaseToken = null;
        e.leaseExpiresAt = null;
        e.job = with(e.job, state, e.job.attempts(), now, result, error);
        finished.put(e.job.id(), e);
        while (finished.size() > retainFinished) {
            Iterator<Entry> oldest = finished.values().iterator();
            Entry dropped = oldest.next();
            oldest.remove();
            byId.remove(dropped.job.id());
            byIdempotencyKey.remove(dropped.job.idempotencyKey());
        }
    }

    private static Job with(
            Job j, JobState state, int attempts, Instant now, Optional<String> result, Optional<String> error) {
        return new Job(
                j.id(),
                j.kind(),
                j.idempotencyKey(),
                j.orderingKey(),
                j.payload(),
                state,
                attempts,
                j.maxAttempts(),
                j.createdAt(),
                now,
                result,
                error,
                j.owner());
    }
}
