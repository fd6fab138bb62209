package io.revbot.orchestrator;

import io.revbot.agents.AgentName;

/** What one manager turn decided. The loop switches over it exhaustively. */
sealed interface TurnOutcome {

    /** The manager wrote the final answer. */
    record Answered(String answer) implements TurnOutcome {}

    /** The manager's single delegation asked for pass-through and the specialist completed: its answer is final. */
    record PassedThrough(AgentName author, String answer) implements TurnOutcome {}

    /** Tools ran; their results are in the conversation and the manager takes another turn. */
    record Continue() implements TurnOutcome {}
}
