package io.revbot.orchestrator;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.grounding.Grounding;
import java.time.Duration;
import java.util.List;

/**
 * A finished run.
 *
 * @param answer the final answer, Markdown (the edges convert it for Slack or to plain text)
 * @param agentsUsed specialists that were delegated to, in order of first delegation (empty for a direct answer)
 * @param toolCalls tool executions across all agents
 * @param grounding where each figure of the answer comes from; null when the answer was not checked
 */
public record RunResult(
        RunId runId,
        SessionId session,
        String answer,
        Routing routing,
        List<AgentName> agentsUsed,
        int toolCalls,
        TokenUsage usage,
        Duration duration,
        Grounding grounding) {
    public RunResult {
        agentsUsed = List.copyOf(agentsUsed);
    }

    /** A result whose answer was not checked. */
    public RunResult(
            RunId runId,
            SessionId session,
            String answer,
            Routing routing,
            List<AgentName> agentsUsed,
            int toolCalls,
            TokenUsage usage,
            Duration duration) {
        this(runId, session, answer, routing, agentsUsed, toolCalls, usage, duration, null);
    }
}
