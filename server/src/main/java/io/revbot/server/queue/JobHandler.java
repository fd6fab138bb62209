package io.revbot.server.queue;

/**
 * Does the work of one kind of job. Returns the result to store (JSON or null); throws {@link RetryableJobException}
 * to try again later with backoff, any other exception to fail the attempt (retried until attempts run out).
 */
@FunctionalInterface
public interface JobHandler {
    String handle(Job job) throws Exception;

    /**
     * Hears that {@code job} went to the dead letter, however it got there: a permanent failure, its last attempt
     * failing or timing out, or its worker vanishing on the last attempt. Called once per dead letter, by a worker of
     * this kind, after the job was recorded {@link JobState#DEAD} (so a crash between the two loses the call: the job
     * stays visible in {@code revbot jobs list --state dead}). The place to tell whoever waits for the job.
     *
     * @param job the job as its last attempt saw it
     * @param code the stored {@link Job#errorCode()}
     * @param message the stored {@link Job#lastError()}
     */
    default void deadLettered(Job job, String code, String message) {}
}
