package io.revbot.orchestrator.routing;

import java.util.Locale;

/** Which tier of the router made a decision. */
public enum Tier {
    /** Phrase rules: template answers, definition cues, independent parts. No model of any kind. */
    RULES,
    /** The classifier over the question's MiniLM embedding, trained on the agents' example questions. */
    EMBEDDING,
    /** One short constrained call to the routing model ({@code REVBOT_ROUTER_MODEL}). */
    MODEL,
    /** No tier was sure: the manager's turns decide, as without a router. */
    SUPERVISOR;

    /** {@code rules}, {@code embedding}…: how exports, metrics and the CLI spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
