package io.revbot.orchestrator;

/**
 * Answers a {@link Request}: the manager answers itself or delegates to specialists, and every step is reported to
 * the listener as a {@link RunEvent}. Work for one session is serialised; different sessions run concurrently.
 *
 * <p>An interface because the edges (CLI, Slack, webhook worker) are tested with scripted supervisors, and because
 * RevBot runs without a model: then the supervisor fails every run fast with {@link FailureKind#MODEL_NOT_CONFIGURED}.
 */
public interface Supervisor {

    /**
     * Runs the request to completion. Emits {@link RunEvent.RunSucceeded} and returns the result, or emits
     * {@link RunEvent.RunFailed} and throws {@link RunException}.
     */
    RunResult run(Request request, RunListener listener);

    /**
     * Stops the run with this id if it is still going: its branches are interrupted and it ends with
     * {@link FailureKind#CANCELLED}. Returns whether a running run was found.
     */
    default boolean cancel(RunId runId) {
        return false;
    }
}
