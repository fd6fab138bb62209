package io.revbot.agents;

import java.util.Optional;

/**
 * An agent's model settings from {@code agent.yaml}'s {@code model:} section; each empty value means the run's
 * default (the configured model, the provider's temperature, the provider's output limit).
 *
 * @param modelId a model id overriding {@code REVBOT_MODEL} for this agent (e.g. a smaller model for web search)
 * @param temperature 0.0–1.0
 * @param maxTokens the most output tokens one model call of this agent may produce
 */
public record ModelSettings(Optional<String> modelId, Optional<Double> temperature, Optional<Integer> maxTokens) {

    public static final ModelSettings DEFAULTS =
            new ModelSettings(Optional.empty(), Optional.empty(), Optional.empty());
}
