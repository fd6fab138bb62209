package io.revbot.server.queue;

/** Lifecycle of a job. {@code DEAD} is the dead letter: attempts exhausted or a permanent failure. */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    DEAD
}
