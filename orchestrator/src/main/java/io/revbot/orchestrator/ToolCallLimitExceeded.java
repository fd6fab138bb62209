package io.revbot.orchestrator;

import io.revbot.agents.AgentName;

/**
 * A specialist made more tool calls than one delegation allows. The delegation fails; the manager is told and
 * answers with what it has.
 */
public final class ToolCallLimitExceeded extends RunException {
    public ToolCallLimitExceeded(AgentName agent, int limit) {
        super(
                FailureKind.TOOL_CALL_LIMIT,
                agent.displayName() + " needed more than " + limit + " tool calls and was stopped.");
    }
}
