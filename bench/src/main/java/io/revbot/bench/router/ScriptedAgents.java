package io.revbot.bench.router;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.routing.LabelledQuestion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted model playing every agent of the shipped specs (recognised by their instructions): the manager
 * delegates to the specialists a question is labelled with (a single one passed through, several in one turn) or
 * answers small talk itself, then answers from the results; a specialist calls one of its tools, then answers.
 * Each call reports the input tokens it was sent, estimated at 4 characters a token over the instructions, the
 * messages and the tool definitions.
 */
final class ScriptedAgents implements ChatModel {
    private final Map<String, AgentName> byInstructions = new HashMap<>();
    private final List<LabelledQuestion> questions;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    ScriptedAgents(Agents agents, List<LabelledQuestion> questions) {
        for (AgentSpec spec : agents.all().values()) {
            byInstructions.put(spec.instructions(), spec.name());
        }
        this.questions = questions;
    }

    long calls() {
        return calls.get();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        calls.incrementAndGet();
        AgentName agent = byInstructions.get(systemText(request));
        if (agent == null) {
            throw new IllegalStateException("no agent has these instructions");
        }
        AiMessage reply = agent.equals(AgentName.MANAGER) ? manager(request) : specialist(request);
        int output = reply.hasToolExecutionRequests() ? 40 : reply.text().length() / 4;
        return ChatResponse.builder()
                .aiMessage(reply)
                .tokenUsage(new TokenUsage(inputTokens(request), output))
                .finishReason(reply.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .modelName("scripted")
                .build();
    }

    private AiMessage manager(ChatRequest request) {
        if (hasToolResults(request)) {
            return AiMessage.from("Here is what the specialists found, combined into one answer for you.");
        }
        LabelledQuestion q = questionOf(request);
        return switch (q.kind()) {
            case DIRECT -> AiMessage.from("Happy to help: ask me about deals, leads, pipeline or customers.");
            case SINGLE -> AiMessage.from(List.of(delegation(q.expected().get(0), q.question(), true)));
            case MULTI -> {
                List<ToolExecutionRequest> asks = new ArrayList<>();
                q.expected().forEach(a -> asks.add(delegation(a, q.question(), false)));
                yield AiMessage.from(asks);
            }
        };
    }

    private AiMessage specialist(ChatRequest request) {
        if (!hasToolResults(request)) {
            for (String tool : List.of("knowledge_search", "get_crm_record")) {
                if (request.toolSpecifications().stream().anyMatch(t -> t.name().equals(tool))) {
                    return AiMessage.from(List.of(ToolExecutionRequest.builder()
                            .id("call-" + ids.incrementAndGet())
                            .name(tool)
                            .arguments(
                                    tool.equals("knowledge_search")
                                            ? "{\"query\":\"pipeline\"}"
                                            : "{\"id\":\"006Dm000001\"}")
                            .build()));
                }
            }
        }
        return AiMessage.from(
                "The specialist's complete answer, quoting the figures its tool returned, with next steps.");
    }

    private ToolExecutionRequest delegation(AgentName agent, String question, boolean passThrough) {
        return ToolExecutionRequest.builder()
                .id("call-" + ids.incrementAndGet())
                .name("ask_" + agent.value())
                .arguments("{\"request\":\"" + question.replace("\\", "").replace("\"", "'") + "\",\"reason\":\"its"
                        + " field\",\"pass_through\":" + passThrough + "}")
                .build();
    }

    private LabelledQuestion questionOf(ChatRequest request) {
        String user = request.messages().stream()
                .filter(m -> m instanceof UserMessage)
                .map(m -> ((UserMessage) m).singleText())
                .reduce((a, b) -> b)
                .orElse("");
        return questions.stream()
                .filter(q -> user.contains(q.question()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown question in " + user));
    }

    private static boolean hasToolResults(ChatRequest request) {
        return request.messages().stream().anyMatch(m -> m instanceof ToolExecutionResultMessage);
    }

    private static String systemText(ChatRequest request) {
        return request.messages().stream()
                .filter(m -> m instanceof SystemMessage)
                .map(m -> ((SystemMessage) m).text())
                .findFirst()
                .orElse("");
    }

    /** What the call sends, 4 characters a token: messages and tool definitions. */
    static int inputTokens(ChatRequest request) {
        long chars = 0;
        for (ChatMessage m : request.messages()) {
            chars += switch (m) {
                case SystemMessage s -> s.text().length();
                case UserMessage u -> u.singleText().length();
                case AiMessage a ->
                    (a.text() == null ? 0 : a.text().length())
                            + (a.hasToolExecutionRequests()
                                    ? a.toolExecutionRequests().toString().length()
                                    : 0);
                case ToolExecutionResultMessage t -> t.text().length();
                default -> m.toString().length();
            };
        }
        for (ToolSpecification tool : request.toolSpecifications()) {
            chars += tool.name().length()
                    + (tool.description() == null ? 0 : tool.description().length())
                    + (tool.parameters() == null
                            ? 0
                            : tool.parameters().toString().length());
        }
        return (int) ((chars + 3) / 4);
    }
}
