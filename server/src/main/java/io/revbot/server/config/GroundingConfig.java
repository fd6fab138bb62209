package io.revbot.server.config;

import io.revbot.orchestrator.grounding.GroundingPolicy;

/**
 * {@code REVBOT_GROUNDING}: what RevBot does with figures of an answer that no data tool of the run returned:
 * {@code annotate} (default: one line names them), {@code repair} (the writer gets one turn to correct or remove them,
 * then what is left is annotated) or {@code off}.
 */
public record GroundingConfig(GroundingPolicy policy) {
    static final String KEY = "REVBOT_GROUNDING";

    public static GroundingConfig from(Settings s) {
        return new GroundingConfig(s.choice(KEY, GroundingPolicy.class, GroundingPolicy.ANNOTATE));
    }
}
