package io.revbot.orchestrator.models;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.Objects;

/**
 * A provider's response metadata (id, model, token usage, finish reason) with the cache plan its request was sent
 * with, so the caller reports the cache points of the request that was actually sent.
 */
public final class CachePlanMetadata extends ChatResponseMetadata {
    private final CachePlan cachePlan;

    private CachePlanMetadata(Builder builder) {
        super(builder);
        this.cachePlan = Objects.requireNonNull(builder.cachePlan, "cachePlan");
    }

    static CachePlanMetadata of(ChatResponseMetadata provider, CachePlan plan) {
        Builder b = new Builder();
        if (provider != null) {
            b.id(provider.id())
                    .modelName(provider.modelName())
                    .tokenUsage(provider.tokenUsage())
                    .finishReason(provider.finishReason());
        }
        b.cachePlan = plan;
        return new CachePlanMetadata(b);
    }

    public CachePlan cachePlan() {
        return cachePlan;
    }

    static final class Builder extends ChatResponseMetadata.Builder<Builder> {
        private CachePlan cachePlan;

        @Override
        public CachePlanMetadata build() {
            return new CachePlanMetadata(this);
        }
    }
}
