package io.revbot.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
        String errorCode;

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
                    Optional.ofNullable(job.owner()),
                    Optional.empty());
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
            // a lost job with no attempts left waits for deadLetterLost
            case RUNNING -> e.leaseExpiresAt.isBefore(now) && e.job.attempts() < e.job.maxAttempts();
            case SUCCEEDED, DEAD -> false;
        };
    }

    /** Jobs whose worker vanished on their last attempt go to the dead letter instead of running again. */
    @Override
    public List<Job> deadLetterLost(Set<JobKind> kinds) {
        lock.lock();
        try {
            Instant now = clock.instant();
            List<Job> dead = new ArrayList<>();
            for (Iterator<Entry> it = unfinished.values().iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (kinds.contains(e.job.kind())
                        && e.job.state() == JobState.RUNNING
                        && e.leaseExpiresAt.isBefore(now)
                        && e.job.attempts() >= e.job.maxAttempts()) {
                    it.remove();
                    e.errorCode = WORKER_LOST;
                    finish(
                            e,
                            JobState.DEAD,
                            now,
                            Optional.empty(),
                            Optional.of("the worker running attempt " + e.job.attempts() + " lost its lease (crashed"
                                    + " or stopped); no attempts left"));
                    dead.add(e.job);
                }
            }
            return dead;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Job> list(JobState state, int limit) {
        lock.lock();
        try {
            return byId.values().stream()
                    .map(e -> e.job)
                    .filter(j -> state == null || j.state() == state)
                    .sorted(Comparator.comparing(Job::updatedAt).reversed())
                    .limit(Math.max(0, limit))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** The job goes behind the others of its ordering key, as if enqueued now. */
    @Override
    public boolean retry(JobId id) {
        lock.lock();
        try {
            Entry e = byId.get(id);
            if (e == null || e.job.state() != JobState.DEAD) {
                return false;
            }
            finished.remove(id);
            Instant now = clock.instant();
            // the error code stays with the job (read from its entry by with()) until its next attempt ends
            Entry again =
                    new Entry(nextSeq++, with(e.job, JobState.QUEUED, 0, now, e.job.result(), e.job.lastError()), now);
            again.errorCode = e.errorCode;
            byId.put(id, again);
            unfinished.put(again.seq, again);
            workArrived.signalAll();
            return true;
        } finally {
            lock.unlock();
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
    public boolean fail(Claim claim, String code, String error, Duration retryDelay, boolean permanent) {
        lock.lock();
        try {
            Entry e = held(claim);
            if (e == null) {
                return false;
            }
            e.errorCode = code;
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

    /** {@code j} changed, with the error code its entry holds now. */
    private Job with(
            Job j, JobState state, int attempts, Instant now, Optional<String> result, Optional<String> error) {
        Entry e = byId.get(j.id());
        String code = e == null ? null : e.errorCode;
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
                j.owner(),
                Optional.ofNullable(code));
    }
}
