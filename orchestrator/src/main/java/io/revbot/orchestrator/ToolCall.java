package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.revbot.agents.AgentSpec;
import java.util.List;

/**
 * A tool call of one manager turn, classified before anything runs: a delegation to a specialist (or one whose
 * arguments do not parse), one of the manager's own tools, reading on in a shortened answer, or a name that is not a
 * tool. The turn switches over it.
 */
sealed interface ToolCall {

    /** The id its result is paired with (the provider's, or a generated one when the provider sent none). */
    String callId();

    ToolExecutionRequest request();

    record Delegate(String callId, ToolExecutionRequest request, Delegation delegation) implements ToolCall {}

    /** A call of an {@code ask_<agent>} tool whose arguments do not say what to ask. */
    record MalformedDelegation(String callId, ToolExecutionRequest request, AgentSpec specialist, String problem)
            implements ToolCall {}

    record OwnTool(String callId, ToolExecutionRequest request, ToolRegistry.RegisteredTool tool) implements ToolCall {}

    /** A call of {@code read_answer}: the next part of a specialist's answer that reached the manager shortened. */
    record ReadAnswer(String callId, ToolExecutionRequest request) implements ToolCall {}

    /** A hallucinated or disallowed name; {@code available} is what the manager may call instead. */
    record Unknown(String callId, ToolExecutionRequest request, List<String> available) implements ToolCall {
        public Unknown {
            available = List.copyOf(available);
        }
    }

    /** Classifies {@code request} against the manager's tools; pure apart from the call id a provider left out. */
    static ToolCall classify(ToolExecutionRequest request, ManagerTools tools) {
        String callId = ObservedToolExecutor.callId(request);
        AgentSpec specialist = tools.delegates().get(request.name());
        if (specialist != null) {
            try {
                return new Delegate(callId, request, Delegation.parse(request, callId, specialist));
            } catch (IllegalArgumentException e) {
                return new MalformedDelegation(callId, request, specialist, e.getMessage());
            }
        }
        ToolRegistry.RegisteredTool own = tools.own().get(request.name());
        if (own != null) {
            return new OwnTool(callId, request, own);
        }
        if (AnswerPages.TOOL.equals(request.name())) {
            return new ReadAnswer(callId, request);
        }
        return new Unknown(callId, request, tools.names());
    }
}
