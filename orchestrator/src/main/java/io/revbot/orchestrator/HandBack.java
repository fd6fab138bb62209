package io.revbot.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.ToolExecutor;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@code hand_back} tool of a specialist the router sent a question to: the structured way to say "not mine".
 * Calling it records the reason for the invocation it runs in; the AI service returns at once (an immediate-return
 * tool), and the run continues through the manager.
 */
final class HandBack implements ToolExecutor {
    static final String NAME = "hand_back";
    static final String REASON = "reason";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final ToolSpecification SPECIFICATION = ToolSpecification.builder()
            .name(NAME)
            .description("Use this instead of answering when the question is not for you: it is another"
                    + " specialist's work, it has several independent parts, or it needs the earlier conversation."
                    + " RevBot's manager then takes it over. Never use it for a question you can answer.")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty(REASON, "One short sentence: why this question is not for you.")
                    .required(REASON)
                    .build())
            .build();

    private final Supplier<AtomicReference<String>> target;

    /** {@code target} gives the slot of the invocation running now (the runner binds one per invocation). */
    HandBack(Supplier<AtomicReference<String>> target) {
        this.target = target;
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        target.get().set(reason(request.arguments()));
        return "Handed back to RevBot's manager.";
    }

    /** The stated reason; a call without one still hands the question back. */
    static String reason(String argumentsJson) {
        try {
            JsonNode reason = JSON.readTree(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson)
                    .get(REASON);
            return reason != null && reason.isTextual() && !reason.asText().isBlank()
                    ? reason.asText().strip()
                    : "no reason given";
        } catch (IOException e) {
            return "no reason given";
        }
    }
}
