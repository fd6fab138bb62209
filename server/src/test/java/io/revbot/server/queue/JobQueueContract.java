package io.revbot.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LeasingJobQueue} promises, run against each implementation ({@code InMemoryJobQueueTest},
 * {@code PostgresJobQueueIT}), together with the {@link JobWorkers} running on top of it.
 */
abstract class JobQueueContract {
    static final Set<JobKind> ALL = EnumSet.allOf(JobKind.class);
    static final Duration LEASE = Duration.ofSeconds(30);

    LeasingJobQueue queue;
    private final List<JobWorkers> started = new ArrayList<>();

    /** A new, empty queue. */
    abstract LeasingJobQueue newQueue();

    @BeforeEach
    void createQueue() {
        queue = newQueue();
    }

    @AfterEach
    void stopWorkers() {
        started.forEach(w -> w.stop(Duration.ofSeconds(5)));
        started.clear();
    }

    static NewJob job(String key) {
        return new NewJob(JobKind.WEBHOOK_REQUEST, key, null, "{\"n\":\"" + key + "\"}", 3);
    }

    static NewJob ordered(String key, String orderingKey) {
        return new NewJob(JobKind.WEBHOOK_REQUEST, key, orderingKey, "{}", 3);
    }

    LeasingJobQueue.Claim claim() {
        return queue.claim(ALL, "test", LEASE).orElseThrow(() -> new AssertionError("nothing to claim"));
    }

    // --- the queue ---

    @Test
    void anEnqueuedJobIsQueuedWithItsPayload() {
        JobQueue.Enqueued e = queue.enqueue(job("a"));

        Job stored = queue.find(e.id()).orElseThrow();
        assertThat(e.created()).isTrue();
        assertThat(stored.state()).isEqualTo(JobState.QUEUED);
        assertThat(stored.payload()).isEqualTo("{\"n\":\"a\"}");
        assertThat(stored.attempts()).isZero();
        assertThat(stored.maxAttempts()).isEqualTo(3);
        assertThat(queue.depth()).isEqualTo(1);
    }

    @Test
    void aSecondJobWithTheSameIdempotencyKeyIsNotCreated() {
        JobQueue.Enqueued first = queue.enqueue(job("same"));
        JobQueue.Enqueued second = queue.enqueue(job("same"));

        assertThat(second.created()).isFalse();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(queue.depth()).isEqualTo(1);
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThat(queue.find(new JobId("no-such-job"))).isEmpty();
    }

    @Test
    void jobsAreClaimedOldestFirstAndOnlyOnce() {
        JobId a = queue.enqueue(job("a")).id();
        JobId b = queue.enqueue(job("b")).id();

        LeasingJobQueue.Claim first = claim();
        LeasingJobQueue.Claim second = claim();

        assertThat(first.job().id()).isEqualTo(a);
        assertThat(second.job().id()).isEqualTo(b);
        assertThat(first.job().state()).isEqualTo(JobState.RUNNING);
        assertThat(first.job().attempts()).isEqualTo(1);
        assertThat(queue.claim(ALL, "test", LEASE)).isEmpty();
        assertThat(queue.stats().running()).isEqualTo(2);
    }

    @Test
    void onlyTheRequestedKindsAreClaimed() {
        queue.enqueue(new NewJob(JobKind.SLACK_EVENT, "s", null, "{}", 3));

        assertThat(queue.claim(EnumSet.of(JobKind.WEBHOOK_REQUEST), "test", LEASE))
                .isEmpty();
        assertThat(queue.claim(EnumSet.of(JobKind.SLACK_EVENT), "test", LEASE)).isPresent();
    }

    @Test
    void successStoresTheResult() {
        JobId id = queue.enqueue(job("a")).id();
        assertThat(queue.succeed(claim(), "{\"answer\":42}")).isTrue();

        Job done = queue.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.result()).contains("{\"answer\":42}");
        assertThat(queue.depth()).isZero();
        assertThat(queue.claim(ALL, "test", LEASE)).isEmpty();
    }

    @Test
    void aFailedAttemptRunsAgainOnlyAfterItsDelay() throws Exception {
        JobId id = queue.enqueue(job("a")).id();
        queue.fail(claim(), "receiver said 503", Duration.ofMillis(1500), false);

        Job failed = queue.find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.lastError()).contains("receiver said 503");
        assertThat(queue.depth()).isEqualTo(1);
        assertThat(queue.claim(ALL, "test", LEASE)).isEmpty();

        Thread.sleep(1800);
        LeasingJobQueue.Claim again = claim();
        assertThat(again.job().attempts()).isEqualTo(2);
    }

    @Test
    void theLastFailedAttemptSendsTheJobToTheDeadLetter() {
        JobId id = queue.enqueue(new NewJob(JobKind.WEBHOOK_DELIVERY, "d", null, "{}", 2))
                .id();
        queue.fail(claim(), "first", Duration.ZERO, false);
        queue.fail(claim(), "second", Duration.ZERO, false);

        Job dead = queue.find(id).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.lastError()).contains("second");
        assertThat(queue.stats().dead()).isEqualTo(1);
        assertThat(queue.claim(ALL, "test", LEASE)).isEmpty();
    }

    @Test
    void aPermanentFailureGoesToTheDeadLetterAtOnce() {
        JobId id = queue.enqueue(job("a")).id();
        queue.fail(claim(), "receiver said 404", Duration.ZERO, true);

        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.DEAD);
        assertThat(queue.find(id).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void jobsWithTheSameOrderingKeyRunOneAtATimeInEnqueueOrder() {
        JobId first = queue.enqueue(ordered("1", "thread-x")).id();
        JobId second = queue.enqueue(ordered("2", "thread-x")).id();
        JobId other = queue.enqueue(ordered("3", "thread-y")).id();

        LeasingJobQueue.Claim c1 = claim();
        LeasingJobQueue.Claim c2 = claim();
        assertThat(c1.job().id()).isEqualTo(first);
        assertThat(c2.job().id()).isEqualTo(other);
        assertThat(queue.claim(ALL, "test", LEASE))
                .as("second of thread-x waits")
                .isEmpty();

        queue.succeed(c1, null);
        assertThat(claim().job().id()).isEqualTo(second);
    }

    @Test
    void aJobWaitingForARetryHoldsBackTheJobsBehindItsOrderingKey() {
        queue.enqueue(ordered("1", "k"));
        queue.enqueue(ordered("2", "k"));

        queue.fail(claim(), "later", Duration.ofMinutes(5), false);

        assertThat(queue.claim(ALL, "test", LEASE)).isEmpty();
    }

    @Test
    void aLostLeaseLetsAnotherWorkerTakeTheJobOverAndFencesTheOldClaim() throws Exception {
        JobId id = queue.enqueue(job("a")).id();
        LeasingJobQueue.Claim crashed =
                queue.claim(ALL, "worker-1", Duration.ofMillis(1000)).orElseThrow();

        assertThat(queue.claim(ALL, "worker-2", LEASE)).as("lease still held").isEmpty();
        Thread.sleep(1300);
        LeasingJobQueue.Claim takeover = queue.claim(ALL, "worker-2", LEASE).orElseThrow();

        assertThat(takeover.job().id()).isEqualTo(id);
        assertThat(takeover.job().attempts()).isEqualTo(2);
        assertThat(queue.succeed(crashed, "stale")).as("old claim fenced").isFalse();
        assertThat(queue.extend(crashed, LEASE)).isFalse();
        assertThat(queue.succeed(takeover, "fresh")).isTrue();
        assertThat(queue.find(id).orElseThrow().result()).contains("fresh");
    }

    @Test
    void extendingTheLeaseKeepsTheJob() throws Exception {
        queue.enqueue(job("a"));
        LeasingJobQueue.Claim c =
                queue.claim(ALL, "worker-1", Duration.ofMillis(300)).orElseThrow();
        for (int i = 0; i < 4; i++) {
            Thread.sleep(150);
            assertThat(queue.extend(c, Duration.ofMillis(300))).isTrue();
        }
        assertThat(queue.claim(ALL, "worker-2", LEASE)).isEmpty();
    }

    @Test
    void aJobWhoseWorkerVanishedOnItsLastAttemptGoesToTheDeadLetter() throws Exception {
        JobId id = queue.enqueue(new NewJob(JobKind.WEBHOOK_REQUEST, "a", null, "{}", 1))
                .id();
        queue.claim(ALL, "worker-1", Duration.ofMillis(100)).orElseThrow();
        Thread.sleep(300);

        assertThat(queue.claim(ALL, "worker-2", LEASE)).isEmpty();
        Job dead = queue.find(id).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.lastError()).get().asString().contains("lost its lease");
    }

    @Test
    void aReleasedJobIsQueuedAgainWithoutUsingAnAttempt() {
        JobId id = queue.enqueue(job("a")).id();
        assertThat(queue.release(claim())).isTrue();

        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(claim().job().attempts()).isEqualTo(1);
    }

    @Test
    void statsCountWaitingRunningAndDeadJobs() throws Exception {
        queue.enqueue(job("a"));
        queue.enqueue(job("b"));
        queue.enqueue(new NewJob(JobKind.WEBHOOK_REQUEST, "c", null, "{}", 1));
        Thread.sleep(50);
        queue.fail(claim(), "x", Duration.ofMinutes(5), false); // a: FAILED, waiting
        claim(); // b: running
        queue.fail(claim(), "x", Duration.ZERO, false); // c: dead

        LeasingJobQueue.QueueStats stats = queue.stats();
        assertThat(stats.waiting()).isEqualTo(1);
        assertThat(stats.running()).isEqualTo(1);
        assertThat(stats.dead()).isEqualTo(1);
        assertThat(stats.oldestWaiting()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }

    @Test
    void concurrentClaimersNeverGetTheSameJob() throws Exception {
        int jobs = 200;
        for (int i = 0; i < jobs; i++) {
            queue.enqueue(job("j" + i));
        }
        Set<JobId> claimed = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    Optional<LeasingJobQueue.Claim> c;
                    while ((c = queue.claim(ALL, Thread.currentThread().getName(), LEASE)).isPresent()) {
                        if (!claimed.add(c.get().job().id())) {
                            duplicates.incrementAndGet();
                        }
                        queue.succeed(c.get(), null);
                    }
                    return null;
                });
            }
        }
        assertThat(duplicates).hasValue(0);
        assertThat(claimed).hasSize(jobs);
    }

    // --- the workers on top of it ---

    JobWorkers workers(Map<JobKind, JobHandler> handlers, int count) {
        JobWorkers.Settings settings = JobWorkers.Settings.of(count, Duration.ofSeconds(10))
                .withPollInterval(Duration.ofMillis(20))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
        JobWorkers w = new JobWorkers(queue, handlers, settings, JobObserver.NONE, "test").start();
        started.add(w);
        return w;
    }

    Job awaitState(JobId id, JobState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Job j = queue.find(id).orElseThrow();
            if (j.state() == state) {
                return j;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " never reached " + state + ": " + queue.find(id));
    }

    @Test
    void workersRunTheHandlerOfTheJobsKindAndRecordItsResult() throws Exception {
        JobId id = queue.enqueue(job("a")).id();
        workers(Map.of(JobKind.WEBHOOK_REQUEST, j -> "handled " + j.payload()), 2);

        assertThat(awaitState(id, JobState.SUCCEEDED).result()).contains("handled {\"n\":\"a\"}");
    }

    @Test
    void workersRunHandlersOnVirtualThreads() throws Exception {
        JobId id = queue.enqueue(job("a")).id();
        workers(
                Map.of(
                        JobKind.WEBHOOK_REQUEST,
                        j -> String.valueOf(Thread.currentThread().isVirtual())),
                1);

        assertThat(awaitState(id, JobState.SUCCEEDED).result()).contains("true");
    }

    @Test
    void aRetryableFailureIsRetriedWithBackoffUntilItSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        JobId id = queue.enqueue(job("a")).id();
        workers(
                Map.of(JobKind.WEBHOOK_REQUEST, j -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new RetryableJobException("503 from receiver", null);
                    }
                    return "ok";
                }),
                1);

        Job done = awaitState(id, JobState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aJobThatKeepsFailingEndsInTheDeadLetterWithItsLastError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        JobId id = queue.enqueue(job("a")).id();
        workers(
                Map.of(JobKind.WEBHOOK_REQUEST, j -> {
                    throw new IllegalStateException("attempt " + calls.incrementAndGet());
                }),
                1);

        Job dead = awaitState(id, JobState.DEAD);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).get().asString().contains("attempt 3");
        Thread.sleep(200);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aPermanentFailureIsNotRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        JobId id = queue.enqueue(job("a")).id();
        workers(
                Map.of(JobKind.WEBHOOK_REQUEST, j -> {
                    calls.incrementAndGet();
                    throw new PermanentJobException("404 from receiver");
                }),
                1);

        assertThat(awaitState(id, JobState.DEAD).lastError()).contains("404 from receiver");
        Thread.sleep(200);
        assertThat(calls).hasValue(1);
    }

    @Test
    void jobsOfOneOrderingKeyRunInOrderWhileOthersRunAlongside() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger concurrentInX = new AtomicInteger();
        AtomicInteger maxConcurrentInX = new AtomicInteger();
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(queue.enqueue(new NewJob(JobKind.SLACK_EVENT, "x" + i, "thread-x", "x" + i, 3))
                    .id());
            ids.add(queue.enqueue(new NewJob(JobKind.SLACK_EVENT, "y" + i, "thread-y", "y" + i, 3))
                    .id());
        }
        workers(
                Map.of(JobKind.SLACK_EVENT, j -> {
                    boolean x = j.orderingKey().equals("thread-x");
                    if (x) {
                        maxConcurrentInX.accumulateAndGet(concurrentInX.incrementAndGet(), Math::max);
                    }
                    Thread.sleep(5);
                    order.add(j.payload());
                    if (x) {
                        concurrentInX.decrementAndGet();
                    }
                    return null;
                }),
                4);
        for (JobId id : ids) {
            awaitState(id, JobState.SUCCEEDED);
        }

        assertThat(maxConcurrentInX).hasValue(1);
        assertThat(order.stream().filter(s -> s.startsWith("x")).toList())
                .containsExactly("x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9");
        assertThat(order.stream().filter(s -> s.startsWith("y")).toList())
                .containsExactly("y0", "y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8", "y9");
    }

    @Test
    void aHandlerThatOutlivesTheJobTimeoutIsInterruptedAndItsAttemptFails() throws Exception {
        JobId id = queue.enqueue(new NewJob(JobKind.WEBHOOK_REQUEST, "slow", null, "{}", 1))
                .id();
        JobWorkers.Settings settings = new JobWorkers.Settings(
                1, Duration.ofMillis(300), Duration.ofMillis(400), Duration.ofMillis(20), Backoff.DEFAULT);
        started.add(new JobWorkers(
                        queue,
                        Map.of(JobKind.WEBHOOK_REQUEST, j -> {
                            Thread.sleep(60_000);
                            return "never";
                        }),
                        settings,
                        JobObserver.NONE,
                        "test")
                .start());

        assertThat(awaitState(id, JobState.DEAD).lastError()).get().asString().contains("timed out");
    }

    @Test
    void theHeartbeatKeepsALongJobFromBeingTakenOver() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        JobId id = queue.enqueue(job("long")).id();
        JobWorkers.Settings settings = new JobWorkers.Settings(
                2, Duration.ofMillis(900), Duration.ofSeconds(10), Duration.ofMillis(20), Backoff.DEFAULT);
        started.add(new JobWorkers(
                        queue,
                        Map.of(JobKind.WEBHOOK_REQUEST, j -> {
                            calls.incrementAndGet();
                            Thread.sleep(3_000); // more than three leases long
                            return "done";
                        }),
                        settings,
                        JobObserver.NONE,
                        "test")
                .start());

        Job done = awaitState(id, JobState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void stoppingLetsRunningJobsFinishAndClaimsNothingMore() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        JobId first = queue.enqueue(job("a")).id();
        JobWorkers w = workers(
                Map.of(JobKind.WEBHOOK_REQUEST, j -> {
                    inHandler.countDown();
                    Thread.sleep(300);
                    return "finished";
                }),
                1);
        assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
        JobId second = queue.enqueue(job("b")).id();

        assertThat(w.stop(Duration.ofSeconds(5))).isTrue();

        assertThat(queue.find(first).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(queue.find(second).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void stoppingReleasesJobsThatDoNotFinishWithinTheGracePeriod() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        JobId id = queue.enqueue(job("a")).id();
        JobWorkers w = workers(
                Map.of(JobKind.WEBHOOK_REQUEST, j -> {
                    inHandler.countDown();
                    Thread.sleep(60_000);
                    return "never";
                }),
                1);
        assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(w.stop(Duration.ofMillis(200))).isFalse();

        Job released = queue.find(id).orElseThrow();
        assertThat(released.state()).isEqualTo(JobState.QUEUED);
        assertThat(released.attempts()).isZero();
    }
}
