package io.revbot.orchestrator.grounding;

/** What RevBot does with an answer's untraced figures ({@code REVBOT_GROUNDING}). */
public enum GroundingPolicy {
    /** Adds one short line naming the figures that could not be traced. */
    ANNOTATE,
    /** Gives the writer one extra turn to correct or remove them, then annotates what is left. */
    REPAIR,
    /** No check. */
    OFF
}
