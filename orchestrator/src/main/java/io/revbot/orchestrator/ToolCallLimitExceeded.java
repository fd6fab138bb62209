package io.revbot.orchestrator;

import io.revbot.agents.AgentName;

/**
 * An agent made more tool calls than one invocation allows ({@code REVBOT_MAX_TOOL_CALLS}). A specialist's branch
 * ends with it as a result the manager may not delegate again for the same request; the run ends with it when the
 * manager tries, or when the manager itself goes over.
 */
public final class ToolCallLimitExceeded extends RunException {
    public ToolCallLimitExceeded(AgentName agent, int limit) {
        super(
                FailureKind.TOOL_CALL_LIMIT,
                agent.displayName() + " needed more than " + limit + " tool calls for this request and was stopped"
                        + " (REVBOT_MAX_TOOL_CALLS). Try a narrower question, or raise REVBOT_MAX_TOOL_CALLS.");
    }
}
