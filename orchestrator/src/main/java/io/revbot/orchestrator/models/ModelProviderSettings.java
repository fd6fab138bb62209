package io.revbot.orchestrator.models;

import io.revbot.tools.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the model factory needs, bound from configuration by the composition root.
 *
 * @param model the model id; empty means the provider's default ({@link ChatModels#defaultModel})
 * @param timeout per HTTP call to the provider
 */
public record ModelProviderSettings(
        Provider provider,
        Optional<String> model,
        Optional<String> awsRegion,
        Optional<URI> bedrockEndpoint,
        Optional<Secret> anthropicApiKey,
        Optional<URI> anthropicBaseUrl,
        Optional<Secret> openAiApiKey,
        Optional<URI> openAiBaseUrl,
        Duration timeout) {

    public enum Provider {
        BEDROCK,
        ANTHROPIC,
        OPENAI
    }

    public ModelProviderSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The same provider with another per-call timeout ({@code doctor} waits less than a run). */
    public ModelProviderSettings withTimeout(Duration timeout) {
        return new ModelProviderSettings(
                provider,
                model,
                awsRegion,
                bedrockEndpoint,
                anthropicApiKey,
                anthropicBaseUrl,
                openAiApiKey,
                openAiBaseUrl,
                timeout);
    }

    /** Where calls go: the configured endpoint, else the provider's public one. */
    public String endpoint() {
        return switch (provider) {
            case BEDROCK ->
                bedrockEndpoint
                        .map(URI::toString)
                        .orElse("https://bedrock-runtime." + awsRegion.orElse("us-east-1") + ".amazonaws.com");
            case ANTHROPIC -> anthropicBaseUrl.map(URI::toString).orElse("https://api.anthropic.com");
            case OPENAI -> openAiBaseUrl.map(URI::toString).orElse("https://api.openai.com/v1");
        };
    }
}
