package io.revbot.server.queue;

import java.util.Optional;

/**
 * The queue as the edges see it: enqueue work durably (before acknowledging it to the caller) and look it up.
 * Claiming, leases and retries are the workers' business inside the implementations.
 */
public interface JobQueue {

    /** Enqueues {@code job} unless one with the same idempotency key exists; returns the job that now stands. */
    Enqueued enqueue(NewJob job);

    Optional<Job> find(JobId id);

    /** Jobs waiting to run (for health checks and metrics). */
    long depth();

    /** The outcome of {@link #enqueue}: the job's id, and whether this call created it. */
    record Enqueued(JobId id, boolean created) {}
}
