package io.revbot.orchestrator.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.agents.RoutingSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The optional model tier: one short call to the routing model ({@code REVBOT_ROUTER_MODEL}) whose only possible
 * reply is a call of the {@code route} tool with one agent out of an enumeration, used when the embedding tier is
 * unsure. The decision is read from that structured argument, never from prose; anything else sends the question to
 * the manager.
 */
final class ModelTier {
    static final String TOOL = "route";
    static final String AGENT = "agent";
    static final String MANAGER = "manager";
    static final String SEVERAL = "several";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTPUT_TOKENS = 64;

    private final String modelId;
    private final String instructions;
    private final ToolSpecification tool;
    private final List<String> specialists;

    ModelTier(String modelId, RoutingSpec spec, Agents agents) {
        this.modelId = modelId;
        StringBuilder lines = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (AgentSpec specialist : agents.specialists()) {
            names.add(specialist.name().value());
            lines.append(lines.isEmpty() ? "" : "\n")
                    .append("- ")
                    .append(specialist.name().value())
                    .append(": ")
                    .append(specialist.description().strip().replaceAll("\\s+", " "));
        }
        this.specialists = List.copyOf(names);
        this.instructions = spec.modelInstructions().replace("{agents}", lines.toString());
        List<String> choices = new ArrayList<>(names);
        choices.add(MANAGER);
        choices.add(SEVERAL);
        this.tool = ToolSpecification.builder()
                .name(TOOL)
                .description("Routes the question to the one agent that answers it.")
                .parameters(JsonObjectSchema.builder()
                        .addEnumProperty(AGENT, choices, "The agent that can answer the whole question.")
                        .required(AGENT)
                        .build())
                .build();
    }

    /** Asks {@code model}; a failure of the call is not a failure of the run: the manager takes the question. */
    RoutingDecision decide(String question, ChatModel model, String embeddingGuess) {
        AiMessage reply;
        try {
            reply = model.chat(request(question)).aiMessage();
        } catch (RuntimeException e) {
            return RoutingDecision.Supervisor.because(
                    Tier.SUPERVISOR,
                    "the routing model failed (" + e.getClass().getSimpleName() + "); " + embeddingGuess);
        }
        Optional<String> choice = choice(reply);
        if (choice.isEmpty()) {
            return RoutingDecision.Supervisor.because(Tier.MODEL, "the routing model did not choose an agent");
        }
        String agent = choice.get();
        if (specialists.contains(agent)) {
            return new RoutingDecision.Specialist(
                    new AgentName(agent), Tier.MODEL, null, null, "the routing model chose it; " + embeddingGuess);
        }
        return RoutingDecision.Supervisor.because(
                Tier.MODEL,
                agent.equals(SEVERAL)
                        ? "the routing model found several independent asks"
                        : "the routing model left it to the manager");
    }

    ChatRequest request(String question) {
        return ChatRequest.builder()
                .messages(SystemMessage.from(instructions), UserMessage.from(question))
                .parameters(ChatRequestParameters.builder()
                        .modelName(modelId)
                        .temperature(0.0)
                        .maxOutputTokens(MAX_OUTPUT_TOKENS)
                        .toolSpecifications(tool)
                        .toolChoice(ToolChoice.REQUIRED)
                        .build())
                .build();
    }

    /** The enumerated agent of the reply's {@code route} call, if it made exactly that. */
    private Optional<String> choice(AiMessage reply) {
        if (reply == null || !reply.hasToolExecutionRequests()) {
            return Optional.empty();
        }
        for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
            if (!TOOL.equals(call.name())) {
                continue;
            }
            try {
                JsonNode agent = JSON.readTree(call.arguments() == null ? "{}" : call.arguments())
                        .get(AGENT);
                if (agent != null && agent.isTextual()) {
                    String value = agent.asText();
                    if (specialists.contains(value) || value.equals(MANAGER) || value.equals(SEVERAL)) {
                        return Optional.of(value);
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
