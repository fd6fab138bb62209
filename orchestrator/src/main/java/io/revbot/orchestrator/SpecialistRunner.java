package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.revbot.agents.AgentSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one specialist invocation as a LangChain4j AI service: the spec's instructions as the system message, the
 * registered tools its spec lists (each observed), LangChain4j's hooks for hallucinated tool names and tool errors
 * so the model reads what went wrong and recovers. Bounds (tool calls, deadline, tokens) surface as
 * {@link RunException}s and end the invocation.
 */
final class SpecialistRunner {

    /** The AI service every specialist is: a request in, an answer out. */
    interface Specialist {
        String answer(@UserMessage String request);
    }

    private final ToolRegistry registry;
    private final Function<Invocation, ObservedChatModel> models;

    SpecialistRunner(ToolRegistry registry, Function<Invocation, ObservedChatModel> models) {
        this.registry = registry;
        this.models = models;
    }

    String run(Invocation invocation, AgentSpec spec, String input) {
        int limit = invocation.run.limits.toolCallsPerSpecialist();
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        for (ToolRegistry.RegisteredTool tool : registry.toolsFor(spec)) {
            tools.put(tool.specification(), new ObservedToolExecutor(tool.executor(), invocation, limit));
        }
        List<String> available =
                tools.keySet().stream().map(ToolSpecification::name).toList();
        Specialist specialist = AiServices.builder(Specialist.class)
                .chatModel(models.apply(invocation))
                .systemMessageProvider(memoryId -> spec.instructions())
                .tools(tools)
                .maxSequentialToolsInvocations(limit + 1)
                .hallucinatedToolNameStrategy(request -> unknownTool(invocation, request, available, limit))
                .toolArgumentsErrorHandler((error, context) -> handled(error))
                .toolExecutionErrorHandler((error, context) -> handled(error))
                .build();
        return specialist.answer(input);
    }

    /** Bounds end the invocation; everything else becomes the tool's result for the model to read. */
    private static ToolErrorHandlerResult handled(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RunException bound) {
                throw bound;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ToolErrorHandlerResult.text(ToolErrors.messageFor(error));
    }

    private static ToolExecutionResultMessage unknownTool(
            Invocation invocation, ToolExecutionRequest request, List<String> available, int limit) {
        if (invocation.countToolCall() > limit) {
            throw new ToolCallLimitExceeded(invocation.agent, limit);
        }
        String callId = ObservedToolExecutor.callId(request);
        String message = "There is no tool named '" + request.name() + "'. Available tools: "
                + (available.isEmpty() ? "none" : String.join(", ", available)) + ".";
        invocation.toolStarted(callId, request.name(), request.arguments());
        invocation.toolFinished(callId, RunEvent.ToolStatus.UNKNOWN_TOOL, null, message, Map.of());
        return ToolExecutionResultMessage.from(request, message);
    }
}
