package io.revbot.server.queue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Worker threads (virtual) that claim jobs from a {@link LeasingJobQueue}, run the {@link JobHandler} of the job's
 * kind and record the outcome: success with its result, a retry after exponential backoff (or the handler's
 * {@link RetryableJobException#retryAfter()}), or the dead letter after the last attempt or a
 * {@link PermanentJobException}, each failure stored with its error code ({@link #TIMEOUT}, {@link #INTERNAL} or the
 * exception's). A job that goes to the dead letter is announced to its kind's handler
 * ({@link JobHandler#deadLettered}), including jobs whose worker vanished on their last attempt, which workers
 * dead-letter for the kinds they run before each claim.
 *
 * <p>While a handler runs, a heartbeat extends the lease every third of its length, so a long run (up to
 * {@link Settings#jobTimeout()}) keeps its job while a crashed process loses it within one lease. A handler that
 * outlives the job timeout is interrupted and its attempt fails. {@link #stop} stops claiming, lets running jobs
 * finish within a grace period, then interrupts the rest and gives their jobs back to the queue.
 */
public final class JobWorkers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobWorkers.class.getName());
    private static final int MAX_ERROR_LENGTH = 4000;
    /** The error code of an attempt that outlived the job timeout. */
    public static final String TIMEOUT = "timeout";
    /** The error code of an attempt that threw something other than a job exception: a bug. */
    public static final String INTERNAL = "internal";

    private final LeasingJobQueue queue;
    private final Map<JobKind, JobHandler> handlers;
    private final Settings settings;
    private final JobObserver observer;
    private final String name;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private volatile boolean claiming;

    /**
     * @param workers jobs run at most at once in this process
     * @param lease how long a claim lasts without a heartbeat (a crashed worker's jobs wait this long)
     * @param jobTimeout longest a handler may run
     * @param pollInterval how often idle workers look for work
     */
    public record Settings(int workers, Duration lease, Duration jobTimeout, Duration pollInterval, Backoff backoff) {
        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            Objects.requireNonNull(backoff, "backoff");
            if (lease.compareTo(Duration.ofMillis(30)) < 0) {
                throw new IllegalArgumentException("lease must be at least 30 ms");
            }
        }

        public static Settings of(int workers, Duration jobTimeout) {
            return new Settings(workers, Duration.ofSeconds(30), jobTimeout, Duration.ofMillis(500), Backoff.DEFAULT);
        }

        public Settings withLease(Duration lease) {
            return new Settings(workers, lease, jobTimeout, pollInterval, backoff);
        }

        public Settings withPollInterval(Duration poll) {
            return new Settings(workers, lease, jobTimeout, poll, backoff);
        }

        public Settings withBackoff(Backoff b) {
            return new Settings(workers, lease, jobTimeout, pollInterval, b);
        }
    }

    public JobWorkers(
            LeasingJobQueue queue,
            Map<JobKind, JobHandler> handlers,
            Settings settings,
            JobObserver observer,
            String name) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.handlers = handlers.isEmpty() ? Map.of() : new EnumMap<>(handlers);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Starts the worker threads; jobs of kinds without a handler stay in the queue for a process that has one. */
    public synchronized JobWorkers start() {
        if (claiming || !threads.isEmpty()) {
            throw new IllegalStateException("workers already started");
        }
        claiming = true;
        for (int i = 1; i <= settings.workers(); i++) {
            String worker = name + "/" + i;
            threads.add(Thread.ofVirtual().name("revbot-worker-" + i).start(() -> loop(worker)));
        }
        LOG.log(
                Level.INFO,
                "{0} workers claiming {1} (lease {2}, job timeout {3})",
                settings.workers(),
                handlers.keySet(),
                settings.lease(),
                settings.jobTimeout());
        return this;
    }

    /** Jobs running now in this process. */
    public int inFlight() {
        return running.size();
    }

    /**
     * Stops claiming and waits up to {@code grace} for running jobs; interrupts the rest and gives their jobs back to
     * the queue. Returns true when every running job finished on its own.
     */
    public boolean stop(Duration grace) {
        List<Thread> toJoin;
        synchronized (this) {
            claiming = false;
            toJoin = List.copyOf(threads);
            threads.clear();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean clean = joinAll(toJoin, deadline);
        if (!clean) {
            LOG.log(
                    Level.WARNING,
                    "{0} jobs still running after {1}: interrupting and releasing them",
                    running.size(),
                    grace);
            for (Running r : running) {
                r.released = true;
                r.thread.interrupt();
            }
            joinAll(toJoin, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        }
        return clean;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    private static boolean joinAll(List<Thread> threads, long deadlineNanos) {
        for (Thread t : threads) {
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The kinds of job this process claims: those it has a handler for. */
    public Set<JobKind> kinds() {
        return handlers.keySet();
    }

    private void loop(String worker) {
        while (claiming) {
            Optional<LeasingJobQueue.Claim> claim;
            try {
                for (Job dead : queue.deadLetterLost(handlers.keySet())) {
                    LOG.log(
                            Level.WARNING,
                            "{0} job {1}: {2}",
                            dead.kind(),
                            dead.id(),
                            dead.lastError().orElse(""));
                    observer.attemptEnded(dead, JobObserver.Outcome.DEAD, Duration.ZERO);
                    deadLettered(
                            dead,
                            dead.errorCode().orElse(LeasingJobQueue.WORKER_LOST),
                            dead.lastError().orElse(""));
                }
                claim = queue.claim(handlers.keySet(), worker, settings.lease());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "claiming a job failed: {0}", e.toString());
                claim = Optional.empty();
            }
            if (claim.isPresent()) {
                execute(claim.get());
            } else {
                try {
                    queue.awaitWork(settings.pollInterval());
                } catch (InterruptedException e) {
                    // stop() interrupts only running jobs; keep looping until claiming is off
                }
            }
        }
    }

    /** One job in progress. */
    private static final class Running {
        final LeasingJobQueue.Claim claim;
        final Thread thread;
        volatile boolean timedOut;
        volatile boolean leaseLost;
        volatile boolean released;

        Running(LeasingJobQueue.Claim claim, Thread thread) {
            this.claim = claim;
            this.thread = thread;
        }
    }

    private void execute(LeasingJobQueue.Claim claim) {
        Job job = claim.job();
        Running r = new Running(claim, Thread.currentThread());
        running.add(r);
        long started = System.nanoTime();
        Thread heartbeat = Thread.ofVirtual().name("revbot-lease-" + job.id()).start(() -> heartbeat(r, started));
        try {
            String result = handlers.get(job.kind()).handle(job);
            if (r.timedOut) {
                recordFailure(r, new RetryableJobException("timed out after " + settings.jobTimeout(), null), started);
            } else {
                boolean held = queue.succeed(claim, result);
                observer.attemptEnded(
                        job, held ? JobObserver.Outcome.SUCCEEDED : JobObserver.Outcome.LEASE_LOST, elapsed(started));
            }
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError e) {
                release(r, started);
                throw e;
            }
            recordFailure(r, t, started);
        } finally {
            heartbeat.interrupt();
            running.remove(r);
            Thread.interrupted(); // a timeout or stop interrupt must not leak into the next job
        }
    }

    private void recordFailure(Running r, Throwable t, long started) {
        Job job = r.claim.job();
        try {
            if (r.released) {
                release(r, started);
                return;
            }
            if (r.leaseLost) {
                observer.attemptEnded(job, JobObserver.Outcome.LEASE_LOST, elapsed(started));
                return;
            }
            boolean permanent = t instanceof PermanentJobException;
            Duration delay = t instanceof RetryableJobException rje
                    ? rje.retryAfter().orElseGet(() -> settings.backoff().after(job.attempts()))
                    : settings.backoff().after(job.attempts());
            String error = r.timedOut ? "timed out after " + settings.jobTimeout() : describe(t);
            String code = r.timedOut ? TIMEOUT : code(t);
            boolean dead = permanent || job.attempts() >= job.maxAttempts();
            boolean held = queue.fail(r.claim, code, error, delay, permanent);
            JobObserver.Outcome outcome = !held
                    ? JobObserver.Outcome.LEASE_LOST
                    : dead ? JobObserver.Outcome.DEAD : JobObserver.Outcome.RETRYING;
            LOG.log(
                    dead ? Level.WARNING : Level.INFO,
                    "{0} job {1} attempt {2}/{3} failed{4}: {5}",
                    job.kind(),
                    job.id(),
                    job.attempts(),
                    job.maxAttempts(),
                    dead ? " (dead letter)" : ", retrying in " + delay,
                    error);
            observer.attemptEnded(job, outcome, elapsed(started));
            if (held && dead) {
                deadLettered(job, code, error);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording the failure of job {0} failed: {1}", job.id(), e.toString());
        }
    }

    private void deadLettered(Job job, String code, String error) {
        try {
            handlers.get(job.kind()).deadLettered(job, code, error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the dead-letter hook of job {0} failed: {1}", job.id(), e.toString());
        }
    }

    private static String code(Throwable t) {
        if (t instanceof PermanentJobException p) {
            return p.code();
        }
        if (t instanceof RetryableJobException r) {
            return r.code();
        }
        return INTERNAL;
    }

    private void release(Running r, long started) {
        try {
            queue.release(r.claim);
            observer.attemptEnded(r.claim.job(), JobObserver.Outcome.RELEASED, elapsed(started));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "releasing job {0} failed (its lease will expire): {1}",
                    r.claim.job().id(),
                    e);
        }
    }

    private void heartbeat(Running r, long started) {
        Duration every = settings.lease().dividedBy(3);
        try {
            while (true) {
                long untilTimeout = settings.jobTimeout().toNanos() - (System.nanoTime() - started);
                if (untilTimeout <= 0) {
                    r.timedOut = true;
                    r.thread.interrupt();
                    return;
                }
                Thread.sleep(Duration.ofNanos(Math.min(every.toNanos(), untilTimeout)));
                if (System.nanoTime() - started >= settings.jobTimeout().toNanos()) {
                    continue;
                }
                try {
                    if (!queue.extend(r.claim, settings.lease())) {
                        LOG.log(
                                Level.WARNING,
                                "job {0} lost its lease; abandoning this attempt",
                                r.claim.job().id());
                        r.leaseLost = true;
                        r.thread.interrupt();
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "extending the lease of job {0} failed: {1}",
                            r.claim.job().id(),
                            e);
                }
            }
        } catch (InterruptedException e) {
            // the job ended
        }
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null || t.getMessage().isBlank()
                ? t.getClass().getSimpleName()
                : t.getMessage();
        if (!(t instanceof RetryableJobException || t instanceof PermanentJobException)) {
            message = t.getClass().getSimpleName() + ": " + message;
        }
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "…" : message;
    }
}
