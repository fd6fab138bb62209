package io.revbot.server.mcp;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One MCP tool call as the events of a run, so it is exported, counted and traced like any run: the call is the
 * question, an agent named {@code mcp} (the remote client) runs the one tool, and the tool's result, or its error,
 * is the answer. The only place that builds run events for MCP calls.
 */
final class McpCallRecording {
    static final AgentName AGENT = new AgentName("mcp");

    /** A knowledge-base passage the tool returned. */
    record Reference(String document, String section, double score) {}

    private final RunListener listener;
    private final Clock clock;

    McpCallRecording(RunListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** Emits the run's start up to the tool's start; {@link Call#finish} emits the rest. */
    Call start(McpCaller caller, String tool, String argumentsJson) {
        Call call = new Call(
                new RunId("mcp-" + UUID.randomUUID()),
                SessionId.of(Channel.MCP, caller.requester(), caller.client()),
                new InvocationId("mcp-" + UUID.randomUUID()),
                tool,
                clock.instant());
        Request request = new Request(
                call.runId, call.session, tool + " " + argumentsJson, Channel.MCP, caller.requester(), call.started);
        listener.on(new RunEvent.RunStarted(call.runId, call.started, request, ""));
        listener.on(new RunEvent.InvocationStarted(call.origin(call.started), null, request.question()));
        listener.on(new RunEvent.ToolStarted(call.origin(call.started), call.toolCallId, tool, argumentsJson));
        return call;
    }

    /** One call in flight. */
    final class Call {
        private final RunId runId;
        private final SessionId session;
        private final InvocationId invocationId;
        private final String toolCallId = "call-" + UUID.randomUUID();
        private final String tool;
        private final Instant started;

        private Call(RunId runId, SessionId session, InvocationId invocationId, String tool, Instant started) {
            this.runId = runId;
            this.session = session;
            this.invocationId = invocationId;
            this.tool = tool;
            this.started = started;
        }

        /**
         * Ends the run: the tool's status, what it returned (or the error the client was given), what it reported.
         * A tool error is still an answered call: the client got an error result.
         */
        void finish(RunEvent.ToolStatus status, String answer, Map<String, Object> facts, List<Reference> references) {
            Instant now = clock.instant();
            Duration duration = Duration.between(started, now);
            for (Reference r : references) {
                listener.on(new RunEvent.KnowledgeReferenced(origin(now), r.document(), r.section(), r.score()));
            }
            boolean ok = status == RunEvent.ToolStatus.OK;
            listener.on(new RunEvent.ToolFinished(
                    origin(now),
                    toolCallId,
                    tool,
                    status,
                    ok ? preview(answer) : null,
                    ok ? null : answer,
                    duration,
                    facts));
            listener.on(new RunEvent.InvocationFinished(
                    origin(now), RunEvent.AgentOutcome.COMPLETED, answer, null, duration));
            listener.on(new RunEvent.AnswerProduced(runId, now, answer, Routing.DIRECT, AGENT));
            listener.on(new RunEvent.RunSucceeded(
                    runId,
                    now,
                    new RunResult(runId, session, answer, Routing.DIRECT, List.of(), 1, TokenUsage.ZERO, duration)));
        }

        RunId runId() {
            return runId;
        }

        private RunEvent.Origin origin(Instant at) {
            return new RunEvent.Origin(runId, at, AGENT, invocationId);
        }
    }

    private static String preview(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
