package io.revbot.orchestrator.recording;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent.AgentOutcome;
import io.revbot.orchestrator.RunEvent.ToolStatus;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.models.CachePlan;
import io.revbot.orchestrator.routing.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run, as facts taken from its events: what was asked, how it was routed, what each agent was given and
 * returned, every model call and tool execution, the knowledge it used, who asked whom what, the answer and the
 * totals; and, when the supervisor has a router, what the router decided first. Built by {@link ConversationAssembler}; written as {@code conversation.json} by {@link ConversationJson}.
 * Nullable fields are null when the run never produced the event (a failed run has no answer).
 */
public record ConversationRecord(
        RunId runId,
        Request request,
        Instant startedAt,
        Instant endedAt,
        Status status,
        Failure failure,
        RouterDecision router,
        RoutingDecision routing,
        List<Invocation> agentFlow,
        List<TimelineEntry> timeline,
        Answer answer,
        Totals totals) {

    public ConversationRecord {
        agentFlow = List.copyOf(agentFlow);
        timeline = List.copyOf(timeline);
    }

    public enum Status {
        SUCCEEDED,
        FAILED,
        /** Someone stopped the run ({@code RunFailed} of kind {@code CANCELLED}). */
        CANCELLED,
        /** The stream ended without {@code RunSucceeded} or {@code RunFailed} (a bug upstream; validation says so). */
        INCOMPLETE
    }

    public record Failure(FailureKind kind, String message) {}

    public record RoutingDecision(Instant at, Routing routing, List<AgentName> agents, String reason) {
        public RoutingDecision {
            agents = List.copyOf(agents);
        }
    }

    /**
     * What the router decided before any model call: {@code decision} is direct, specialist or supervisor;
     * {@code confidence} and {@code margin} are null when the deciding tier gives none.
     */
    public record RouterDecision(
            Instant at,
            String decision,
            Tier tier,
            List<AgentName> agents,
            Double confidence,
            Double margin,
            String reason,
            Duration took) {
        public RouterDecision {
            agents = List.copyOf(agents);
        }
    }

    /** One invocation of one agent (the manager's loop, or one delegation to a specialist). */
    public record Invocation(
            InvocationId id,
            AgentName agent,
            AgentName requestedBy,
            String input,
            String output,
            String error,
            AgentOutcome outcome,
            Instant startedAt,
            Instant finishedAt,
            Duration duration,
            List<ModelCall> modelCalls,
            List<ToolExecution> toolExecutions,
            List<KnowledgeReference> knowledgeReferences,
            List<ActionProposal> actionsProposed,
            TokenUsage tokens,
            Double costUsd) {
        public Invocation {
            modelCalls = List.copyOf(modelCalls);
            toolExecutions = List.copyOf(toolExecutions);
            knowledgeReferences = List.copyOf(knowledgeReferences);
            actionsProposed = List.copyOf(actionsProposed);
        }
    }

    /**
     * {@code cache} is where the request's cache points went and which ones were skipped; {@code fallbackFor} the
     * throttled model {@code modelId} stood in for, null when the model asked for answered.
     */
    public record ModelCall(
            Instant at,
            String modelId,
            TokenUsage usage,
            Duration duration,
            String stopReason,
            Double costUsd,
            CachePlan cache,
            String fallbackFor) {}

    /** {@code finishedAt}, {@code status} and {@code duration} are null when the tool never finished. */
    public record ToolExecution(
            String toolCallId,
            AgentName agent,
            String tool,
            String argumentsJson,
            Instant startedAt,
            Instant finishedAt,
            ToolStatus status,
            String error,
            Duration duration,
            String resultPreview,
            Map<String, Object> facts) {
        public ToolExecution {
            facts = facts == null ? Map.of() : Map.copyOf(facts);
        }
    }

    public record KnowledgeReference(Instant at, AgentName agent, String document, String section, double score) {}

    public record ActionProposal(Instant at, AgentName agent, String actionId, String summary) {}

    /**
     * Who asked whom what, and what came back. {@code from}/{@code to} are agent names or {@link #USER}; {@code to}
     * is null for routing and tool entries; {@code tool} names the tool of tool entries.
     */
    public record TimelineEntry(
            int sequence, Instant at, TimelineKind kind, String from, String to, String tool, String content) {}

    public enum TimelineKind {
        QUESTION,
        ROUTING,
        DELEGATION,
        RESPONSE,
        TOOL_CALL,
        TOOL_RESULT,
        ANSWER,
        FAILURE
    }

    /** The delivered answer; {@code grounding} is where its figures come from, null when it was not checked. */
    public record Answer(Instant at, String text, Routing routing, AgentName author, Grounding grounding) {
        public Answer(Instant at, String text, Routing routing, AgentName author) {
            this(at, text, routing, author, null);
        }
    }

    public record Totals(
            Duration duration,
            TokenUsage tokens,
            Double estimatedCostUsd,
            boolean allModelsPriced,
            int modelCalls,
            int toolExecutions,
            int toolErrors,
            int knowledgeReferences,
            List<AgentName> agentsUsed) {
        public Totals {
            agentsUsed = List.copyOf(agentsUsed);
        }
    }

    public static final String USER = "user";

    /** The router in the timeline: it decides, and may hand the question to a specialist or answer from a template. */
    public static final String ROUTER = AgentName.ROUTER.value();
}
