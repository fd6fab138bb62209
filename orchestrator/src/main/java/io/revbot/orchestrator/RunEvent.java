package io.revbot.orchestrator;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.models.CachePlan;
import io.revbot.orchestrator.routing.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that happens in a run, as it happens. Listeners (CLI narration, Slack status updates, the recorder
 * that builds the conversation export, metrics) switch over this sealed type exhaustively.
 *
 * <p>An <em>invocation</em> is one run of one agent: the manager's own turn loop, or one delegation to a
 * specialist. Every event of an invocation is an {@link InvocationEvent} whose {@link Origin} names the run, the
 * agent and the {@link InvocationId} that ties its model calls and tool executions together; the same specialist
 * delegated to twice has two invocations. Order guarantees: {@link RunStarted} first; for each invocation
 * {@link InvocationStarted} before its {@link ModelCalled}/{@link ToolStarted}/{@link ToolFinished} and
 * {@link InvocationFinished} last; each {@link ToolStarted} is followed by exactly one {@link ToolFinished} with the
 * same {@code toolCallId}; {@link RunSucceeded} or {@link RunFailed} ends the stream. Events of concurrent
 * invocations interleave.
 *
 * <p>When the supervisor has a router, {@link RouteDecided} comes once, right after {@link RunStarted} and before
 * every invocation except the router's own (agent {@link AgentName#ROUTER}, present only when the routing model was
 * asked, which then precedes it). {@link Routed} still comes once, before {@link AnswerProduced}, saying how the
 * answer was reached.
 */
public sealed interface RunEvent {

    RunId runId();

    Instant at();

    /** Where and when an invocation's event happened: the header every {@link InvocationEvent} carries. */
    record Origin(RunId runId, Instant at, AgentName agent, InvocationId invocation) {
        public Origin {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(invocation, "invocation");
        }
    }

    /** An event of one invocation of one agent. */
    sealed interface InvocationEvent extends RunEvent {
        Origin origin();

        @Override
        default RunId runId() {
            return origin().runId();
        }

        @Override
        default Instant at() {
            return origin().at();
        }

        default AgentName agent() {
            return origin().agent();
        }

        default InvocationId invocation() {
            return origin().invocation();
        }
    }

    record RunStarted(RunId runId, Instant at, Request request, String timeContext) implements RunEvent {}

    /** The router's decision, made before any model call of the run but the routing model's; {@code took} to decide. */
    record RouteDecided(RunId runId, Instant at, RoutingDecision decision, Duration took) implements RunEvent {
        public RouteDecided {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(took, "took");
        }
    }

    /** How the answer was reached, known once that is decided (at the latest before the answer). */
    record Routed(RunId runId, Instant at, Routing routing, List<AgentName> agents, String reason) implements RunEvent {
        public Routed {
            agents = List.copyOf(agents);
        }
    }

    /**
     * An agent started working. {@code requestedBy} is null for the manager (and the router's own invocation), else
     * the agent that delegated, or {@link AgentName#ROUTER} for a specialist the router sent the question to.
     */
    record InvocationStarted(Origin origin, AgentName requestedBy, String input) implements InvocationEvent {}

    /**
     * One model round trip of an invocation, with the tokens it used and the cache points its request was sent with
     * ({@link CachePlan#NONE} when the model places none). {@code modelId} is the model that answered;
     * {@code fallbackFor} the model it stood in for while that one was throttled ({@code REVBOT_FALLBACK_MODEL}),
     * null when the model asked for answered.
     */
    record ModelCalled(
            Origin origin,
            String modelId,
            TokenUsage usage,
            Duration duration,
            String stopReason,
            CachePlan cache,
            String fallbackFor)
            implements InvocationEvent {
        public ModelCalled {
            cache = cache == null ? CachePlan.NONE : cache;
        }

        /** A call the model asked for answered. */
        public ModelCalled(
                Origin origin,
                String modelId,
                TokenUsage usage,
                Duration duration,
                String stopReason,
                CachePlan cache) {
            this(origin, modelId, usage, duration, stopReason, cache, null);
        }

        /** A call without cache points. */
        public ModelCalled(Origin origin, String modelId, TokenUsage usage, Duration duration, String stopReason) {
            this(origin, modelId, usage, duration, stopReason, CachePlan.NONE, null);
        }
    }

    /** A tool execution began; {@code argumentsJson} is the JSON object the model passed. */
    record ToolStarted(Origin origin, String toolCallId, String tool, String argumentsJson)
            implements InvocationEvent {}

    /**
     * A tool execution ended. {@code resultPreview} is a bounded prefix of what the model saw; {@code facts} are
     * what the tool reported through {@link io.revbot.tools.ToolObserver} (rows, truncated, sql…).
     */
    record ToolFinished(
            Origin origin,
            String toolCallId,
            String tool,
            ToolStatus status,
            String resultPreview,
            String error,
            Duration duration,
            Map<String, Object> facts)
            implements InvocationEvent {
        public ToolFinished {
            facts = facts == null ? Map.of() : Map.copyOf(facts);
        }
    }

    /** A knowledge-base chunk a tool returned to an agent (for citations and the export). */
    record KnowledgeReferenced(Origin origin, String document, String section, double score)
            implements InvocationEvent {}

    /** A write action an agent proposed; it runs only after a person approves it. */
    record ActionProposed(Origin origin, String actionId, String summary) implements InvocationEvent {}

    /** An agent finished: its output when it completed, the error when it failed or timed out. */
    record InvocationFinished(Origin origin, AgentOutcome outcome, String output, String error, Duration duration)
            implements InvocationEvent {}

    /**
     * The final answer, by the manager or passed through from {@code author}, as delivered: with the note naming
     * untraced figures when there are any. {@code grounding} is the check's outcome, null when the answer was not
     * checked ({@code REVBOT_GROUNDING=off}, or a run that answers without a writer, such as an MCP tool call).
     */
    record AnswerProduced(
            RunId runId, Instant at, String answer, Routing routing, AgentName author, Grounding grounding)
            implements RunEvent {
        /** An answer that was not checked. */
        public AnswerProduced(RunId runId, Instant at, String answer, Routing routing, AgentName author) {
            this(runId, at, answer, routing, author, null);
        }
    }

    /**
     * A fragment of the final answer as its writer's model streams it, for edges that show the answer while it is
     * written (Slack's chat stream, SSE, the terminal). The fragments of a run, joined, are the draft;
     * {@link AnswerProduced} carries the text as delivered, which may add the grounding note or, after a repair,
     * differ from the draft: an edge that streamed the draft reconciles with it.
     */
    record AnswerDelta(RunId runId, Instant at, AgentName writer, String text) implements RunEvent {
        public AnswerDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    record RunSucceeded(RunId runId, Instant at, RunResult result) implements RunEvent {}

    record RunFailed(RunId runId, Instant at, FailureKind kind, String message, Duration duration, TokenUsage usage)
            implements RunEvent {
        public RunFailed {
            Objects.requireNonNull(kind, "kind");
        }
    }

    enum ToolStatus {
        OK,
        /** The tool threw; the model saw the error message as the result. */
        ERROR,
        /** The model asked for a tool that does not exist or is not allowed for this agent. */
        UNKNOWN_TOOL,
        /** The model's arguments did not match the tool's parameters. */
        BAD_ARGUMENTS
    }

    enum AgentOutcome {
        COMPLETED,
        FAILED,
        TIMED_OUT,
        /** A specialist the router sent the question to found it outside its remit; the manager took it over. */
        HANDED_BACK
    }
}
