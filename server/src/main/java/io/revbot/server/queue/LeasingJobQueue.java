package io.revbot.server.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The workers' side of a {@link JobQueue}: a worker claims a job under a lease, extends the lease while it works,
 * and records the outcome. A worker that dies loses its lease when it expires and another worker takes the job
 * over. Every outcome call is fenced by the claim: once a lease was lost (and the job possibly claimed again), the
 * old claim's calls change nothing and return {@code false}.
 *
 * <p>Ordering keys: only the oldest unfinished job of an ordering key can be claimed, so jobs with the same key run
 * one at a time in enqueue order (a job waiting for a retry holds back the ones behind it).
 */
public interface LeasingJobQueue extends JobQueue {

    /** Claims the next runnable job of one of {@code kinds} for {@code worker}, counting one attempt. */
    Optional<Claim> claim(Set<JobKind> kinds, String worker, Duration lease);

    /** Extends the lease from now; false when the lease was already lost. */
    boolean extend(Claim claim, Duration lease);

    /** Records success and the result (may be null). */
    boolean succeed(Claim claim, String result);

    /**
     * Records a failed attempt. The job runs again after {@code retryDelay}, unless {@code permanent} or its attempts
     * are used up: then it goes to the dead letter ({@link JobState#DEAD}) with {@code error} as its last error and
     * {@code code} as its {@link Job#errorCode()} (null for none).
     */
    boolean fail(Claim claim, String code, String error, Duration retryDelay, boolean permanent);

    /** {@link #fail(Claim, String, String, Duration, boolean)} without a code. */
    default boolean fail(Claim claim, String error, Duration retryDelay, boolean permanent) {
        return fail(claim, null, error, retryDelay, permanent);
    }

    /**
     * Sends the jobs of {@code kinds} whose worker vanished on their last attempt (lease expired, no attempts left)
     * to the dead letter, with code {@link #WORKER_LOST}, and returns them as dead. Workers call it before claiming,
     * for the kinds they run, so the handler of the kind hears of each ({@link JobHandler#deadLettered}).
     */
    List<Job> deadLetterLost(Set<JobKind> kinds);

    /** The error code of a job whose worker vanished on its last attempt. */
    String WORKER_LOST = "worker_lost";

    /** Jobs in {@code state} (any state when null), newest first, at most {@code limit}: for operators. */
    List<Job> list(JobState state, int limit);

    /**
     * Puts a job from the dead letter back in the queue, due now, with its attempts counted afresh; false when there
     * is no such job or it is not dead. Its last error stays until the next attempt ends.
     */
    boolean retry(JobId id);

    /** Gives the job back to the queue at once without counting the attempt (shutdown). */
    boolean release(Claim claim);

    /** Counts for health and metrics. */
    QueueStats stats();

    /**
     * Waits up to {@code timeout} for work to appear. Queues that can be told about new work (in-process) return
     * early; others simply wait, so workers poll at this interval.
     */
    default void awaitWork(Duration timeout) throws InterruptedException {
        Thread.sleep(timeout);
    }

    /** A claimed job and the token that fences this claim against later ones. */
    record Claim(Job job, String token) {}

    /**
     * @param waiting jobs queued or waiting for a retry
     * @param running jobs claimed by a worker
     * @param dead jobs in the dead letter
     * @param oldestWaiting age of the oldest waiting job ({@link Duration#ZERO} when none)
     */
    record QueueStats(long waiting, long running, long dead, Duration oldestWaiting) {}
}
