package io.revbot.orchestrator;

/** Why a run ended without an answer. Each kind has a polite message at the edges (CLI, Slack, webhook API). */
public enum FailureKind {
    /** No model provider is configured (or its credentials are missing). */
    MODEL_NOT_CONFIGURED,
    /** The manager took more turns than allowed. */
    TURN_LIMIT,
    /** A specialist made more tool calls than allowed. */
    TOOL_CALL_LIMIT,
    /** The run's deadline passed. */
    DEADLINE,
    /** The run used more tokens than its budget. */
    TOKEN_BUDGET,
    /** The model provider kept failing (throttling, 5xx) after retries and fallback. */
    MODEL_UNAVAILABLE,
    /** The model behaved in a way the loop cannot use (empty answer, malformed tool use). */
    MODEL_BEHAVIOUR,
    /** Someone stopped the run (Slack's Stop button, a cancelled webhook request); nothing is posted after it. */
    CANCELLED,
    /** A bug or an unexpected error. */
    INTERNAL
}
