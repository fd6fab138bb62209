package io.revbot.server.queue;

import java.time.Duration;

/** Hears how each attempt ended (for metrics and logs). Must be fast and thread-safe. */
@FunctionalInterface
public interface JobObserver {

    void attemptEnded(Job job, Outcome outcome, Duration duration);

    JobObserver NONE = (job, outcome, duration) -> {};

    enum Outcome {
        SUCCEEDED,
        /** Failed; it will run again after a backoff. */
        RETRYING,
        /** Failed for good: in the dead letter. */
        DEAD,
        /** Given back unfinished at shutdown. */
        RELEASED,
        /** The lease was lost while running (another worker may have taken the job over); the outcome was dropped. */
        LEASE_LOST
    }
}
