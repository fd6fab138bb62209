package io.revbot.orchestrator.models;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.Set;
import java.util.function.Function;

/**
 * The streaming twin of {@link CachePointChatModel}: each call plans its cache points, streams through a LangChain4j
 * streaming model built for that call over a wire client that adds them, and completes with the plan in the
 * response's metadata, so a streamed call is reported and priced like a blocking one.
 */
final class CachePointStreamingChatModel implements StreamingChatModel {
    private final String defaultModel;
    private final CachePlanner.Rule rule;
    private final Function<CachePlan, StreamingChatModel> modelFor;
    private final StreamingChatModel unplanned;

    CachePointStreamingChatModel(
            String defaultModel, CachePlanner.Rule rule, Function<CachePlan, StreamingChatModel> modelFor) {
        this.defaultModel = defaultModel;
        this.rule = rule;
        this.modelFor = modelFor;
        this.unplanned = modelFor.apply(CachePlan.NONE);
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        String model = request.modelName() != null ? request.modelName() : defaultModel;
        CachePlan plan = CachePlanner.plan(request, model, rule);
        modelFor.apply(plan).chat(request, new Planned(handler, plan));
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return unplanned.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return unplanned.supportedCapabilities();
    }

    @Override
    public ModelProvider provider() {
        return unplanned.provider();
    }

    /** Passes everything on; the complete response gets the plan in its metadata. */
    private record Planned(StreamingChatResponseHandler delegate, CachePlan plan)
            implements StreamingChatResponseHandler {
        @Override
        public void onPartialResponse(String partial) {
            delegate.onPartialResponse(partial);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partial) {
            delegate.onPartialToolCall(partial);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            delegate.onPartialResponse(partial, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
            delegate.onPartialToolCall(partial, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall toolCall) {
            delegate.onCompleteToolCall(toolCall);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            delegate.onCompleteResponse(response.toBuilder()
                    .metadata(CachePlanMetadata.of(response.metadata(), plan))
                    .build());
        }

        @Override
        public void onError(Throwable error) {
            delegate.onError(error);
        }
    }
}
