package io.revbot.orchestrator.models;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * The Bedrock client of one model call: adds the plan's {@code cachePoint} blocks to the Converse request
 * LangChain4j built (after the last system block, and at the end of the messages the plan names) and sends it
 * through the shared client. LangChain4j places at most one cache point per request, and never after a given
 * message, so the points are added here, on the AWS SDK's request.
 */
final class CachePointConverseClient implements BedrockRuntimeClient {
    private static final CachePointBlock CACHE_POINT =
            CachePointBlock.builder().type(CachePointType.DEFAULT).build();

    private final BedrockRuntimeClient delegate;
    private final CachePlan plan;

    CachePointConverseClient(BedrockRuntimeClient delegate, CachePlan plan) {
        this.delegate = delegate;
        this.plan = plan;
    }

    @Override
    public ConverseResponse converse(ConverseRequest request) {
        return delegate.converse(withCachePoints(request, plan));
    }

    static ConverseRequest withCachePoints(ConverseRequest request, CachePlan plan) {
        if (plan.placed().isEmpty()) {
            return request;
        }
        return request.toBuilder()
                .system(systemWith(request.system(), plan))
                .messages(messagesWith(request.messages(), plan))
                .build();
    }

    /** The system blocks with the plan's system cache point appended, if it has one. */
    static List<SystemContentBlock> systemWith(List<SystemContentBlock> blocks, CachePlan plan) {
        List<SystemContentBlock> system = new ArrayList<>(blocks);
        for (CachePoint point : plan.placed()) {
            if (point.message() < 0) {
                system.add(SystemContentBlock.builder().cachePoint(CACHE_POINT).build());
            }
        }
        return system;
    }

    /** The messages with a cache point after each message the plan names. */
    static List<Message> messagesWith(List<Message> original, CachePlan plan) {
        List<Message> messages = new ArrayList<>(original);
        for (CachePoint point : plan.placed()) {
            if (point.message() >= 0) {
                Message message = messages.get(point.message());
                List<ContentBlock> content = new ArrayList<>(message.content());
                content.add(ContentBlock.builder().cachePoint(CACHE_POINT).build());
                messages.set(
                        point.message(), message.toBuilder().content(content).build());
            }
        }
        return messages;
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    /** The shared client outlives this call's wrapper; whoever built it closes it. */
    @Override
    public void close() {}
}
