package io.revbot.server.queue;

/**
 * Does the work of one kind of job. Returns the result to store (JSON or null); throws {@link RetryableJobException}
 * to try again later with backoff, any other exception to fail the attempt (retried until attempts run out).
 */
@FunctionalInterface
public interface JobHandler {
    String handle(Job job) throws Exception;
}
