package io.revbot.orchestrator;

import io.revbot.agents.AgentName;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of one agent (the manager's loop, or one delegation). Emits its events in order and, once finished or
 * abandoned, drops whatever a late thread still reports, after closing any tool call left open, so every
 * {@link RunEvent.ToolStarted} has its {@link RunEvent.ToolFinished} and {@link RunEvent.InvocationFinished} comes last.
 */
final class Invocation {
    private static final int PREVIEW = 500;

    final Run run;
    final AgentName agent;
    final InvocationId id;
    final Instant started;
    private final AtomicCounter toolCalls = new AtomicCounter();
    private final Map<String, OpenTool> openTools = new LinkedHashMap<>();
    private boolean closed;
    private volatile boolean writesAnswer;

    Invocation(Run run, AgentName agent, InvocationId id, Instant started) {
        this.run = run;
        this.agent = agent;
        this.id = id;
        this.started = started;
    }

    /** The header of an event this invocation emits at {@code at}. */
    RunEvent.Origin origin(Instant at) {
        return new RunEvent.Origin(run.request.runId(), at, agent, id);
    }

    synchronized void emit(RunEvent event) {
        if (!closed) {
            run.deliver(event);
        }
    }

    /**
     * Marks this invocation as one whose reply may be the run's answer as written (the manager, a routed specialist, a
     * specialist whose answer passes through): its model calls stream their text to the run.
     */
    Invocation writingAnswer() {
        writesAnswer = true;
        return this;
    }

    boolean writesAnswer() {
        return writesAnswer;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Counts a tool call of this invocation; the count is checked against the per-specialist limit. */
    int countToolCall() {
        run.countToolCall();
        return toolCalls.increment();
    }

    synchronized void toolStarted(String toolCallId, String tool, String argumentsJson) {
        if (closed) {
            return;
        }
        Instant now = run.now();
        openTools.put(toolCallId, new OpenTool(tool, now));
        run.deliver(new RunEvent.ToolStarted(origin(now), toolCallId, tool, argumentsJson));
    }

    synchronized void toolFinished(
            String toolCallId, RunEvent.ToolStatus status, String result, String error, Map<String, Object> facts) {
        OpenTool openTool = openTools.remove(toolCallId);
        if (closed || openTool == null) {
            return;
        }
        if (status == RunEvent.ToolStatus.OK) {
            run.recordResult(openTool.tool, result);
        }
        Instant now = run.now();
        run.deliver(new RunEvent.ToolFinished(
                origin(now),
                toolCallId,
                openTool.tool,
                status,
                preview(result),
                error,
                Duration.between(openTool.started, now),
                facts));
    }

    /** Ends the invocation normally (or as failed) with its output or error. */
    void finish(RunEvent.AgentOutcome outcome, String output, String error) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeTools(error == null ? "the agent finished" : error);
            Instant now = run.now();
            run.deliver(new RunEvent.InvocationFinished(
                    origin(now), outcome, output, error, Duration.between(started, now)));
            closed = true;
        }
        run.finished(this);
    }

    /** Ends the invocation from outside (timeout, run failure); the thread still running it is ignored from now on. */
    void abandon(RunEvent.AgentOutcome outcome, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeTools(reason);
            Instant now = run.now();
            run.deliver(new RunEvent.InvocationFinished(
                    origin(now), outcome, null, reason, Duration.between(started, now)));
            closed = true;
        }
        run.finished(this);
    }

    /** For an invocation started after its run ended: it reports nothing. */
    synchronized void silence() {
        closed = true;
    }

    private void closeTools(String reason) {
        Instant now = run.now();
        openTools.forEach((callId, tool) -> run.deliver(new RunEvent.ToolFinished(
                origin(now),
                callId,
                tool.tool,
                RunEvent.ToolStatus.ERROR,
                null,
                "abandoned: " + reason,
                Duration.between(tool.started, now),
                Map.of())));
        openTools.clear();
    }

    static String preview(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…";
    }

    private record OpenTool(String tool, Instant started) {}

    private static final class AtomicCounter {
        private final java.util.concurrent.atomic.AtomicInteger value = new java.util.concurrent.atomic.AtomicInteger();

        int increment() {
            return value.incrementAndGet();
        }
    }
}
