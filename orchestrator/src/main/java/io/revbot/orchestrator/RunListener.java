package io.revbot.orchestrator;

import java.util.List;

/**
 * Receives a run's events. Called on the thread that produced the event (concurrent delegations call it
 * concurrently): implementations must be thread-safe and fast, and should hand slow work (Slack API calls,
 * export) to their own executor. An exception thrown by a listener is logged and never fails the run.
 */
@FunctionalInterface
public interface RunListener {

    void on(RunEvent event);

    RunListener NONE = event -> {};

    /** Delivers each event to every listener in order. */
    static RunListener all(List<RunListener> listeners) {
        List<RunListener> copy = List.copyOf(listeners);
        return event -> {
            for (RunListener listener : copy) {
                listener.on(event);
            }
        };
    }
}
