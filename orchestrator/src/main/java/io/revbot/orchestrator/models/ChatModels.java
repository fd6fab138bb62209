package io.revbot.orchestrator.models;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.bedrock.BedrockChatRequestParameters;
import dev.langchain4j.model.bedrock.BedrockStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.revbot.tools.ConfigurationException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Builds the chat model for the configured provider, and its streaming twin ({@link #createStreaming}: Bedrock's
 * ConverseStream, Anthropic's and OpenAI's server-sent events) for the calls whose text is shown as it is written.
 * Both place the same cache points. Provider-side retries are off: the supervisor retries (with backoff, within the
 * run's deadline, and with the fallback model), so attempts do not multiply.
 */
public final class ChatModels {
    private ChatModels() {}

    /** The model used when {@code REVBOT_MODEL} is not set. */
    public static String defaultModel(ModelProviderSettings settings) {
        return switch (settings.provider()) {
            case BEDROCK -> bedrockDefault(settings.awsRegion().orElse("us-east-1"));
            case ANTHROPIC -> "claude-sonnet-4-5";
            case OPENAI -> "llama3.1";
        };
    }

    /** Claude Sonnet 4.5 through the cross-region inference profile of the region's geography. */
    static String bedrockDefault(String region) {
        String geography = region.startsWith("eu-") ? "eu" : region.startsWith("ap-") ? "apac" : "us";
        return geography + ".anthropic.claude-sonnet-4-5-20250929-v1:0";
    }

    public static ChatModel create(ModelProviderSettings settings) {
        String model = settings.model().orElseGet(() -> defaultModel(settings));
        return switch (settings.provider()) {
            case BEDROCK -> bedrock(settings, model);
            case ANTHROPIC -> anthropic(settings, model);
            case OPENAI -> openAi(settings, model);
        };
    }

    /** The streaming model of the configured provider, configured like {@link #create}'s. */
    public static StreamingChatModel createStreaming(ModelProviderSettings settings) {
        String model = settings.model().orElseGet(() -> defaultModel(settings));
        return switch (settings.provider()) {
            case BEDROCK -> bedrockStreaming(settings, model);
            case ANTHROPIC -> anthropicStreaming(settings, model);
            case OPENAI -> openAiStreaming(settings, model);
        };
    }

    /**
     * Bedrock's ConverseStream API over the AWS SDK's async (Netty) client. With an endpoint override (a proxy, a VPC
     * endpoint, a local fake) it speaks HTTP/1.1: the SDK's default HTTP/2 fails against servers that only speak 1.1,
     * and Bedrock answers event streams over both.
     */
    public static StreamingChatModel bedrockStreaming(ModelProviderSettings settings, String model) {
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder();
        if (settings.bedrockEndpoint().isPresent()) {
            http.protocol(Protocol.HTTP1_1);
        }
        BedrockRuntimeAsyncClientBuilder client = BedrockRuntimeAsyncClient.builder()
                .httpClientBuilder(http)
                .applyMutation(b -> awsDefaults(b, settings));
        return bedrockStreaming(client.build(), model);
    }

    /** Bedrock streaming over a given async client (tests point it at a local fake ConverseStream endpoint). */
    public static StreamingChatModel bedrockStreaming(BedrockRuntimeAsyncClient client, String model) {
        return new CachePointStreamingChatModel(
                model,
                CachePlanner.Rule.NTH_POINT_NEEDS_N_MINIMUMS,
                plan -> BedrockStreamingChatModel.builder()
                        .client(new CachePointConverseStreamClient(client, plan))
                        .modelId(model)
                        .defaultRequestParameters(BedrockChatRequestParameters.builder()
                                .modelName(model)
                                .build())
                        .build());
    }

    /**
     * Bedrock's Converse API, with cache points after the tool definitions and system prompt and after the
     * conversation's history ({@link CachePlanner}).
     */
    public static ChatModel bedrock(ModelProviderSettings settings, String model) {
        BedrockRuntimeClientBuilder client =
                BedrockRuntimeClient.builder().applyMutation(b -> awsDefaults(b, settings));
        return bedrock(client.build(), model);
    }

    /**
     * What both Bedrock clients share: the region, the default credential chain, no SDK retries (the loop retries,
     * with fallback), the call timeout, and the endpoint override.
     */
    private static void awsDefaults(AwsClientBuilder<?, ?> client, ModelProviderSettings settings) {
        client.region(Region.of(settings.awsRegion()
                        .orElseThrow(() -> new ConfigurationException(
                                "AWS_REGION", "required for REVBOT_MODEL_PROVIDER=bedrock"))))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(
                        c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(settings.timeout()));
        settings.bedrockEndpoint().ifPresent(client::endpointOverride);
    }

    /** Bedrock over a given client (tests point it at a local fake Converse endpoint). */
    public static ChatModel bedrock(BedrockRuntimeClient client, String model) {
        return new CachePointChatModel(
                model,
                CachePlanner.Rule.NTH_POINT_NEEDS_N_MINIMUMS,
                plan -> BedrockChatModel.builder()
                        .client(new CachePointConverseClient(client, plan))
                        .modelId(model)
                        .maxRetries(0)
                        .defaultRequestParameters(BedrockChatRequestParameters.builder()
                                .modelName(model)
                                .build())
                        .build());
    }

    /** Anthropic's Messages API, with the same cache points as Bedrock, marked with {@code cache_control}. */
    static ChatModel anthropic(ModelProviderSettings settings, String model) {
        String apiKey = settings.anthropicApiKey()
                .orElseThrow(() ->
                        new ConfigurationException("ANTHROPIC_API_KEY", "required for REVBOT_MODEL_PROVIDER=anthropic"))
                .reveal();
        HttpClient http = HttpClientBuilderLoader.loadHttpClientBuilder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .build();
        return new CachePointChatModel(model, CachePlanner.Rule.EACH_PREFIX_NEEDS_MINIMUM, plan -> {
            AnthropicChatModel.AnthropicChatModelBuilder builder = AnthropicChatModel.builder()
                    .httpClientBuilder(new CacheControlHttpClient(http, plan).asBuilder())
                    .apiKey(apiKey)
                    .modelName(model)
                    .maxTokens(4096)
                    .timeout(settings.timeout())
                    .maxRetries(0);
            settings.anthropicBaseUrl().ifPresent(url -> builder.baseUrl(url.toString()));
            return builder.build();
        });
    }

    static StreamingChatModel anthropicStreaming(ModelProviderSettings settings, String model) {
        String apiKey = settings.anthropicApiKey()
                .orElseThrow(() ->
                        new ConfigurationException("ANTHROPIC_API_KEY", "required for REVBOT_MODEL_PROVIDER=anthropic"))
                .reveal();
        HttpClient http = HttpClientBuilderLoader.loadHttpClientBuilder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .build();
        return new CachePointStreamingChatModel(model, CachePlanner.Rule.EACH_PREFIX_NEEDS_MINIMUM, plan -> {
            AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder builder =
                    AnthropicStreamingChatModel.builder()
                            .httpClientBuilder(new CacheControlHttpClient(http, plan).asBuilder())
                            .apiKey(apiKey)
                            .modelName(model)
                            .maxTokens(4096)
                            .timeout(settings.timeout());
            settings.anthropicBaseUrl().ifPresent(url -> builder.baseUrl(url.toString()));
            return builder.build();
        });
    }

    static StreamingChatModel openAiStreaming(ModelProviderSettings settings, String model) {
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder = OpenAiStreamingChatModel.builder()
                .modelName(model)
                .apiKey(settings.openAiApiKey().map(s -> s.reveal()).orElse("not-needed"))
                .timeout(settings.timeout());
        settings.openAiBaseUrl().ifPresent(url -> builder.baseUrl(url.toString()));
        return builder.build();
    }

    static ChatModel openAi(ModelProviderSettings settings, String model) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .modelName(model)
                .apiKey(settings.openAiApiKey().map(s -> s.reveal()).orElse("not-needed"))
                .timeout(settings.timeout())
                .maxRetries(0);
        settings.openAiBaseUrl().ifPresent(url -> builder.baseUrl(url.toString()));
        return builder.build();
    }
}
