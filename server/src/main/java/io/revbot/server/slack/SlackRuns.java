package io.revbot.server.slack;

import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.Supervisor;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The runs answering in Slack threads now, in this process, so that the Stop button of an agent session
 * ({@code agent_session_stopped}) can reach the run of its thread: the stream stops sending at once and the supervisor
 * is asked to cancel the run. A thread runs one question at a time (the queue orders by thread), so the thread
 * identifies the run.
 */
final class SlackRuns {
    private static final System.Logger LOG = System.getLogger(SlackRuns.class.getName());

    private record Active(RunId runId, SlackStream stream) {}

    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Supplier<Supervisor> supervisor;

    SlackRuns(Supplier<Supervisor> supervisor) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
    }

    void started(SlackThread thread, RunId runId, SlackStream stream) {
        active.put(thread.key(), new Active(runId, stream));
    }

    void ended(SlackThread thread, RunId runId) {
        active.computeIfPresent(thread.key(), (k, a) -> a.runId().equals(runId) ? null : a);
    }

    /**
     * Stops the run answering in {@code thread}, if this process runs one: nothing more is posted for it and the
     * supervisor cancels it. Returns whether a run was found.
     */
    boolean stop(SlackThread thread, String user) {
        Active a = active.get(thread.key());
        if (a == null) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Stop in " + thread.key() + " by " + user + ": no run of this process there");
            return false;
        }
        a.stream().stopRequested();
        boolean cancelled = supervisor.get().cancel(a.runId());
        LOG.log(
                System.Logger.Level.INFO,
                "Stop in " + thread.key() + " by " + user + ": run " + a.runId()
                        + (cancelled ? " cancelled" : " had already ended; nothing more is posted for it"));
        return true;
    }
}
