package io.revbot.orchestrator.models;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Set;
import java.util.function.Function;

/**
 * A provider's chat model that places RevBot's cache points ({@link CachePlanner}): each call plans its points, sends
 * the request through a LangChain4j model built for that call over a wire client that adds them ({@link
 * CachePointConverseClient}, {@link CacheControlHttpClient}), and returns the response with the plan in its
 * metadata ({@link CachePlan#of}). Building the LangChain4j model per call costs microseconds and keeps the plan an
 * explicit argument instead of state shared between threads.
 */
final class CachePointChatModel implements ChatModel {
    private final String defaultModel;
    private final CachePlanner.Rule rule;
    private final Function<CachePlan, ChatModel> modelFor;
    private final ChatModel unplanned;

    CachePointChatModel(String defaultModel, CachePlanner.Rule rule, Function<CachePlan, ChatModel> modelFor) {
        this.defaultModel = defaultModel;
        this.rule = rule;
        this.modelFor = modelFor;
        this.unplanned = modelFor.apply(CachePlan.NONE);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String model = request.modelName() != null ? request.modelName() : defaultModel;
        CachePlan plan = CachePlanner.plan(request, model, rule);
        ChatResponse response = modelFor.apply(plan).chat(request);
        return response.toBuilder()
                .metadata(CachePlanMetadata.of(response.metadata(), plan))
                .build();
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
}
