package io.revbot.orchestrator.models;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * The Bedrock async client of one streamed model call: the same cache points as {@link CachePointConverseClient},
 * added to the {@code ConverseStream} request LangChain4j built, sent through the shared async client.
 */
final class CachePointConverseStreamClient implements BedrockRuntimeAsyncClient {
    private final BedrockRuntimeAsyncClient delegate;
    private final CachePlan plan;

    CachePointConverseStreamClient(BedrockRuntimeAsyncClient delegate, CachePlan plan) {
        this.delegate = delegate;
        this.plan = plan;
    }

    @Override
    public CompletableFuture<Void> converseStream(
            ConverseStreamRequest request, ConverseStreamResponseHandler handler) {
        return delegate.converseStream(withCachePoints(request, plan), handler);
    }

    static ConverseStreamRequest withCachePoints(ConverseStreamRequest request, CachePlan plan) {
        if (plan.placed().isEmpty()) {
            return request;
        }
        return request.toBuilder()
                .system(CachePointConverseClient.systemWith(request.system(), plan))
                .messages(CachePointConverseClient.messagesWith(request.messages(), plan))
                .build();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    /** The shared client outlives this call's wrapper; whoever built it closes it. */
    @Override
    public void close() {}
}
