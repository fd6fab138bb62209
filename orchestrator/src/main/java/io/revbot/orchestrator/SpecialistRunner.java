package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.revbot.agents.AgentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs specialist invocations as LangChain4j AI services: the spec's instructions as the system message, the
 * registered tools its spec lists (each observed), LangChain4j's hooks for hallucinated tool names and tool errors
 * so the model reads what went wrong and recovers. Bounds (tool calls, deadline, tokens) surface as
 * {@link RunException}s and end the invocation.
 *
 * <p>Building an AI service costs hundreds of microseconds, so there is one per spec, built on first use; the
 * invocation it works for (its observed model, events and tool-call count) is bound to the calling thread for the
 * duration of {@link #run}. AI services execute tools on the calling thread, which makes that binding visible to
 * the model adapter, the tool executors and the hallucination hook.
 *
 * <p>The instructions are put in front of each request by the model adapter, not by the AI service's system
 * message provider: LangChain4j treats a provided system message as a prompt template, so instructions that show
 * a {@code {{placeholder}}} would fail at run time, and every call would parse the whole text again.
 *
 * <p>A specialist the router sent a question to directly ({@link #runRouted}) also gets the {@link HandBack} tool:
 * calling it ends the invocation at once (the tool returns immediately, no further model call) and the run continues
 * through the manager. Delegations from the manager never get it, so a question is handed back at most once.
 */
final class SpecialistRunner {

    /** The AI service every specialist is: a request in, an answer out. */
    interface Specialist {
        String answer(@UserMessage String request);
    }

    /** The AI service of a routed specialist: its reply may end with the immediate-return {@link HandBack} tool. */
    interface RoutedSpecialist {
        Result<String> answer(@UserMessage String request);
    }

    /** How a routed specialist's invocation ended. */
    sealed interface Routed {
        record Answered(String answer) implements Routed {}

        record HandedBack(String reason) implements Routed {}
    }

    private record Bound(
            Invocation invocation,
            ObservedChatModel model,
            SystemMessage instructions,
            AtomicReference<String> handBack) {}

    private static final ThreadLocal<Bound> CURRENT = new ThreadLocal<>();
    private static final int MAX_CACHED = 64;

    private final ToolRegistry registry;
    private final ChatModel baseModel;
    private final BiFunction<Invocation, AgentSpec, ObservedChatModel> models;
    private final Map<AgentSpec, Specialist> specialists = new ConcurrentHashMap<>();
    private final Map<AgentSpec, RoutedSpecialist> routedSpecialists = new ConcurrentHashMap<>();

    SpecialistRunner(
            ToolRegistry registry, ChatModel baseModel, BiFunction<Invocation, AgentSpec, ObservedChatModel> models) {
        this.registry = registry;
        this.baseModel = baseModel;
        this.models = models;
    }

    /** The model as {@code invocation} of {@code spec} sees it (a revision of an answer asks it directly). */
    ChatModel modelFor(Invocation invocation, AgentSpec spec) {
        return models.apply(invocation, spec);
    }

    String run(Invocation invocation, AgentSpec spec, String input) {
        if (specialists.size() > MAX_CACHED) {
            specialists.clear(); // edited specs (hot reload) leave old entries behind
        }
        Specialist specialist = specialists.computeIfAbsent(spec, this::build);
        return bound(invocation, spec, new AtomicReference<>(), () -> specialist.answer(input));
    }

    /** Runs a specialist the router chose: its answer, or the reason it handed the question back. */
    Routed runRouted(Invocation invocation, AgentSpec spec, String input) {
        if (routedSpecialists.size() > MAX_CACHED) {
            routedSpecialists.clear();
        }
        RoutedSpecialist specialist = routedSpecialists.computeIfAbsent(spec, this::buildRouted);
        AtomicReference<String> handBack = new AtomicReference<>();
        Result<String> result = bound(invocation, spec, handBack, () -> specialist.answer(input));
        String reason = handBack.get();
        return reason != null ? new Routed.HandedBack(reason) : new Routed.Answered(result.content());
    }

    private <T> T bound(Invocation invocation, AgentSpec spec, AtomicReference<String> handBack, Supplier<T> work) {
        Bound previous = CURRENT.get();
        CURRENT.set(new Bound(
                invocation, models.apply(invocation, spec), SystemMessage.from(spec.instructions()), handBack));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    private Specialist build(AgentSpec spec) {
        Map<ToolSpecification, ToolExecutor> tools = tools(spec);
        return configured(AiServices.builder(Specialist.class), tools)
                .tools(tools)
                .build();
    }

    private RoutedSpecialist buildRouted(AgentSpec spec) {
        Map<ToolSpecification, ToolExecutor> tools = tools(spec);
        tools.put(HandBack.SPECIFICATION, new BoundToolExecutor(new HandBack(() -> bound().handBack)));
        return configured(AiServices.builder(RoutedSpecialist.class), tools)
                .tools(tools, Set.of(HandBack.NAME))
                .build();
    }

    private Map<ToolSpecification, ToolExecutor> tools(AgentSpec spec) {
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        for (ToolRegistry.RegisteredTool tool : registry.toolsFor(spec)) {
            tools.put(tool.specification(), new BoundToolExecutor(tool.executor()));
        }
        return tools;
    }

    /** Everything but the tools: the bound model and the hooks that turn tool problems into messages. */
    private <T> AiServices<T> configured(AiServices<T> builder, Map<ToolSpecification, ToolExecutor> tools) {
        List<String> available =
                tools.keySet().stream().map(ToolSpecification::name).toList();
        return builder.chatModel(new BoundModel(baseModel))
                .hallucinatedToolNameStrategy(request -> unknownTool(bound().invocation, request, available))
                .toolArgumentsErrorHandler((error, context) -> handled(error))
                .toolExecutionErrorHandler((error, context) -> handled(error));
    }

    private static Bound bound() {
        Bound bound = CURRENT.get();
        if (bound == null) {
            throw new IllegalStateException("a specialist ran outside SpecialistRunner.run");
        }
        return bound;
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
            Invocation invocation, ToolExecutionRequest request, List<String> available) {
        int limit = invocation.run.limits.toolCallsPerSpecialist();
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

    /** The model of the invocation bound to this thread, sent the bound spec's instructions as system message. */
    private static final class BoundModel implements ChatModel {
        private final ChatModel base;

        BoundModel(ChatModel base) {
            this.base = base;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            Bound bound = bound();
            List<ChatMessage> messages = new ArrayList<>(request.messages().size() + 1);
            messages.add(bound.instructions);
            messages.addAll(request.messages());
            return bound.model.chat(request.toBuilder().messages(messages).build());
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return base.defaultRequestParameters();
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return base.supportedCapabilities();
        }

        @Override
        public dev.langchain4j.model.ModelProvider provider() {
            return base.provider();
        }
    }

    /** A registered tool, observed for the invocation bound to this thread. */
    private static final class BoundToolExecutor implements ToolExecutor {
        private final ToolExecutor delegate;

        BoundToolExecutor(ToolExecutor delegate) {
            this.delegate = delegate;
        }

        @Override
        public String execute(ToolExecutionRequest request, Object memoryId) {
            return executeWithContext(request, null).resultText();
        }

        @Override
        public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
            Invocation invocation = bound().invocation;
            return new ObservedToolExecutor(delegate, invocation, invocation.run.limits.toolCallsPerSpecialist())
                    .executeWithContext(request, context);
        }
    }
}
