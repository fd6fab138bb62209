package io.revbot.orchestrator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.revbot.agents.AgentSpec;
import java.io.IOException;

/**
 * The manager asking a specialist: parsed from a call of an {@code ask_<agent>} tool, whose schema this class
 * also defines. The decision comes from the tool call's structured arguments, never from prose.
 *
 * @param passThrough the manager's request to hand the specialist's complete answer to the user unchanged
 */
record Delegation(String toolCallId, AgentSpec specialist, String request, String reason, boolean passThrough) {
    /**
     * Prepared once ({@code ObjectMapper.readTree} resolves the tree type on every call), with a shared buffer pool:
     * runs are fresh virtual threads, where Jackson's default thread-local pool allocates new buffers every time.
     */
    private static final ObjectReader JSON = new ObjectMapper(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            .reader();

    static final String REQUEST = "request";
    static final String REASON = "reason";
    static final String PASS_THROUGH = "pass_through";

    /** The manager's tool for delegating to {@code spec}, described from its {@code agent.yaml}. */
    static ToolSpecification toolFor(AgentSpec spec) {
        return ToolSpecification.builder()
                .name(spec.delegationToolName())
                .description(spec.description())
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty(
                                REQUEST,
                                "What you need from this specialist, self-contained: names, ids, periods and what to"
                                        + " return. The specialist does not see the conversation.")
                        .addStringProperty(REASON, "One short sentence: why this specialist (shown to the user).")
                        .addBooleanProperty(
                                PASS_THROUGH,
                                "true only when this is your only call this turn and the specialist's answer will"
                                        + " fully answer the user as is: it is then sent unchanged.")
                        .required(REQUEST)
                        .build())
                .build();
    }

    /** Parses a call of {@code spec}'s tool; {@link IllegalArgumentException} says what is wrong with the arguments. */
    static Delegation parse(ToolExecutionRequest call, String toolCallId, AgentSpec spec) {
        JsonNode args;
        try {
            args = JSON.readTree(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
        } catch (IOException e) {
            throw new IllegalArgumentException("arguments are not valid JSON");
        }
        JsonNode request = args.get(REQUEST);
        if (request == null || !request.isTextual() || request.asText().isBlank()) {
            throw new IllegalArgumentException("'" + REQUEST + "' is required and must be non-empty text");
        }
        JsonNode reason = args.get(REASON);
        JsonNode passThrough = args.get(PASS_THROUGH);
        return new Delegation(
                toolCallId,
                spec,
                request.asText(),
                reason == null || reason.isNull() ? "" : reason.asText(),
                passThrough != null && passThrough.asBoolean(false));
    }
}
