package io.revbot.orchestrator;

import io.revbot.agents.AgentName;
import java.util.Objects;

/**
 * Identifies one invocation of one agent within a run ({@code deal_analysis-2}): the manager's own turn loop, or one
 * delegation to a specialist. Its model calls, tool executions and knowledge references carry it; the same
 * specialist delegated to twice has two.
 */
public record InvocationId(String value) {
    public InvocationId {
        Objects.requireNonNull(value, "invocation id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("invocation id must not be blank");
        }
    }

    /** The {@code sequence}-th invocation started in a run, of {@code agent}. */
    static InvocationId of(AgentName agent, int sequence) {
        return new InvocationId(agent.value() + "-" + sequence);
    }

    @Override
    public String toString() {
        return value;
    }
}
