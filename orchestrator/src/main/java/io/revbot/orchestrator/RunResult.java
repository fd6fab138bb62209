package io.revbot.orchestrator;

import io.revbot.agents.AgentName;
import java.time.Duration;
import java.util.List;

/**
 * A finished run.
 *
 * @param answer the final answer, Markdown (the edges convert it for Slack or to plain text)
 * @param agentsUsed specialists that were delegated to, in order of first delegation (empty for a direct answer)
 * @param toolCalls tool executions across all agents
 */
public record RunResult(
        RunId runId,
        SessionId session,
        String answer,
        Routing routing,
        List<AgentName> agentsUsed,
        int toolCalls,
        TokenUsage usage,
        Duration duration) {
    public RunResult {
        agentsUsed = List.copyOf(agentsUsed);
    }
}
