package io.revbot.orchestrator.models;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;

/**
 * Where one model request's cache points went, and the ones left out because their prefix was below the model
 * family's minimum cacheable length. Reported with each model call and exported with it.
 */
public record CachePlan(List<CachePoint> placed, List<CachePoint> skipped) {

    /** No cache points: the provider caches by itself (OpenAI-compatible) or the model was scripted. */
    public static final CachePlan NONE = new CachePlan(List.of(), List.of());

    public CachePlan {
        placed = List.copyOf(placed);
        skipped = List.copyOf(skipped);
    }

    /** The plan a {@link CachePointChatModel} sent a response's request with; {@link #NONE} for any other model. */
    public static CachePlan of(ChatResponse response) {
        return response != null && response.metadata() instanceof CachePlanMetadata planned
                ? planned.cachePlan()
                : NONE;
    }

    /** Whether a point is placed at {@code position}. */
    public boolean has(CachePoint.Position position) {
        return placed.stream().anyMatch(p -> p.after() == position);
    }
}
