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
        assertThat(queue.deadLetterLost(EnumSet.of(JobKind.SLACK_EVENT)))
                .as("only a worker of the job's kind dead-letters it")
                .isEmpty();
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        List<Job> lost = queue.deadLetterLost(EnumSet.of(JobKind.WEBHOOK_REQUEST));

        assertThat(lost).extracting(Job::id).containsExactly(id);
        Job dead = queue.find(id).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.lastError()).get().asString().contains("lost its lease");
        assertThat(dead.errorCode()).contains(LeasingJobQueue.WORKER_LOST);
        assertThat(queue.deadLetterLost(ALL)).isEmpty();
    }

    @Test
    void aFailureIsStoredWithItsCode() {
        JobId id = queue.enqueue(new NewJob(JobKind.WEBHOOK_REQUEST, "a", null, "{}", 1))
                .id();
        queue.fail(claim(), "model_unavailable", "the model is unavailable", Duration.ZERO, false);

        Job dead = queue.find(id).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.errorCode()).contains("model_unavailable");
        assertThat(dead.lastError()).contains("the model is unavailable");
    }

    @Test
    void aDeadJobRetriedRunsAgainWithItsAttemptsAfreshAndOnlyDeadJobsCanBe() {
        JobId id = queue.enqueue(new NewJob(JobKind.WEBHOOK_REQUEST, "a", null, "{}", 2))
                .id();
        JobId waiting = queue.enqueue(job("b")).id();
        LeasingJobQueue.Claim first = claim();
        queue.fail(first, "x", "first", Duration.ZERO, true);
        assertThat(queue.retry(waiting))
                .as("a queued job is not in the dead letter")
                .isFalse();
        assertThat(queue.retry(new JobId("no-such-job"))).isFalse();

        assertThat(queue.retry(id)).isTrue();

        Job again = queue.find(id).orElseThrow();
        assertThat(again.state()).isEqualTo(JobState.QUEUED);
        assertThat(again.attempts()).isZero();
        assertThat(queue.retry(id)).as("already back in the queue").isFalse();
        assertThat(queue.stats().dead()).isZero();
        assertThat(claim().job().id()).as("the waiting job was enqueued first").isEqualTo(waiting);
        LeasingJobQueue.Claim replay = claim();
        assertThat(replay.job().id()).isEqualTo(id);
        assertThat(replay.job().attempts()).isEqualTo(1);
        assertThat(queue.succeed(replay, "{}")).isTrue();
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aRetriedJobWaitsBehindTheJobsOfItsOrderingKeyThatCameAfterIt() {
        JobId old = queue.enqueue(ordered("a", "thread")).id();
        queue.fail(claim(), "x", "gone", Duration.ZERO, true);
        JobId later = queue.enqueue(ordered("b", "thread")).id();
        LeasingJobQueue.Claim running = claim();
        assertThat(running.job().id()).isEqualTo(later);

        queue.retry(old);

        assertThat(queue.claim(ALL, "w", LEASE))
                .as("one job of a key at a time")
                .isEmpty();
        queue.succeed(running, null);
        assertThat(claim().job().id()).isEqualTo(old);
    }

    @Test
    void jobsAreListedNewestFirstByState() throws Exception {
        JobId a = queue.enqueue(job("a")).id();
        JobId b = queue.enqueue(job("b")).id();
        queue.fail(claim(), "x", "gone", Duration.ZERO, true);
        Thread.sleep(5);
        queue.enqueue(job("c"));

        assertThat(queue.list(JobState.DEAD, 10)).extracting(Job::id).containsExactly(a);
        assertThat(queue.list(JobState.QUEUED, 10))
                .extracting(Job::id)
                .contains(b)
                .hasSize(2);
        assertThat(queue.list(null, 10)).hasSize(3);
        assertThat(queue.list(null, 1)).hasSize(1);
        assertThat(queue.list(JobState.RUNNING, 10)).isEmpty();
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

    /** A handler that records the dead letters it hears of, as {@code id code message}. */
    static final class HearsDeadLetters implements JobHandler {
        final List<String> heard = Collections.synchronizedList(new ArrayList<>());
        final JobHandler work;

        HearsDeadLetters(JobHandler work) {
            this.work = work;
        }

        @Override
        public String handle(Job job) throws Exception {
            return work.handle(job);
        }

        @Override
        public void deadLettered(Job job, String code, String message) {
            heard.add(job.id() + " " + code + " " + message);
        }
    }

    @Test
    void theHandlerHearsOfEachDeadLetterOnceWithItsStoredCode() throws Exception {
        // "crashed" is claimed on its last attempt by a worker that vanishes
        JobId crashed = queue.enqueue(new NewJob(JobKind.WEBHOOK_REQUEST, "crashed", null, "{}", 1))
                .id();
        queue.claim(ALL, "gone", Duration.ofMillis(50)).orElseThrow();
        JobId permanent = queue.enqueue(job("permanent")).id();
        JobId exhausted = queue.enqueue(job("exhausted")).id();
        JobId fine = queue.enqueue(job("fine")).id();
        Thread.sleep(100);
        HearsDeadLetters handler = new HearsDeadLetters(j -> {
            if (j.payload().contains("permanent")) {
                throw new PermanentJobException("turn_limit", "too many turns", null);
            }
            if (j.payload().contains("exhausted")) {
                throw new RetryableJobException("model_unavailable", "model down", Duration.ofMillis(10));
            }
            return "ok";
        });

        workers(Map.of(JobKind.WEBHOOK_REQUEST, handler), 2);

        assertThat(awaitState(permanent, JobState.DEAD).errorCode()).contains("turn_limit");
        assertThat(awaitState(exhausted, JobState.DEAD).errorCode()).contains("model_unavailable");
        assertThat(awaitState(crashed, JobState.DEAD).errorCode()).contains(LeasingJobQueue.WORKER_LOST);
        awaitState(fine, JobState.SUCCEEDED);
        Thread.sleep(200);
        assertThat(handler.heard)
                .containsExactlyInAnyOrder(
                        permanent + " turn_limit too many turns",
                        exhausted + " model_unavailable model down",
                        crashed + " worker_lost "
                                + queue.find(crashed).orElseThrow().lastError().orElseThrow());
    }

    @Test
    void aWorkerWithoutAHandlerForAKindNeitherRunsNorDeadLettersItsJobs() throws Exception {
        // one worker can run deliveries only (a process without a model); the other runs requests too
        List<JobId> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(queue.enqueue(job("request-" + i)).id());
        }
        JobId delivery = queue.enqueue(new NewJob(JobKind.WEBHOOK_DELIVERY, "delivery", null, "{}", 1))
                .id();
        HearsDeadLetters deliveriesOnly = new HearsDeadLetters(j -> "delivered");
        JobWorkers first = workers(Map.of(JobKind.WEBHOOK_DELIVERY, deliveriesOnly), 4);
        awaitState(delivery, JobState.SUCCEEDED);
        Thread.sleep(200);
        assertThat(queue.list(JobState.QUEUED, 100)).hasSize(20);
        List<String> ranBy = Collections.synchronizedList(new ArrayList<>());

        workers(Map.of(JobKind.WEBHOOK_REQUEST, j -> ranBy.add(j.id().value()) ? "answered" : null), 2);

        for (JobId id : requests) {
            awaitState(id, JobState.SUCCEEDED);
        }
        assertThat(first.kinds()).containsExactly(JobKind.WEBHOOK_DELIVERY);
        assertThat(ranBy).hasSize(20);
        assertThat(queue.stats().dead()).isZero();
        assertThat(deliveriesOnly.heard).isEmpty();
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
