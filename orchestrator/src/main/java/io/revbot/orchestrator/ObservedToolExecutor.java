package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.revbot.tools.ToolObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one tool for one invocation: counts the call against the per-specialist limit, emits
 * {@link RunEvent.ToolStarted}/{@link RunEvent.ToolFinished}, and installs a {@link ToolObserver} that turns the
 * tool's facts, knowledge references and proposed actions into events. Results longer than {@link ToolResultCap}
 * allows are cut with a note. Failures are reported and rethrown: the AI service's error handlers turn them into a
 * message for the model.
 */
final class ObservedToolExecutor implements ToolExecutor {
    private final ToolExecutor delegate;
    private final Invocation invocation;
    private final int limit;

    ObservedToolExecutor(ToolExecutor delegate, Invocation invocation, int limit) {
        this.delegate = delegate;
        this.invocation = invocation;
        this.limit = limit;
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return executeWithContext(request, null).resultText();
    }

    @Override
    public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
        String callId = callId(request);
        if (invocation.countToolCall() > limit) {
            throw new ToolCallLimitExceeded(invocation.agent, limit);
        }
        invocation.toolStarted(callId, request.name(), request.arguments());
        RunObserver observer = new RunObserver(invocation);
        try {
            // With a context even for the manager's own tools: only then does a tool's failure come back marked as
            // an error rather than as its message.
            InvocationContext invocationContext =
                    context == null ? InvocationContext.builder().build() : context;
            ToolExecutionResult result = ToolResultCap.apply(
                    ToolObserver.runWith(observer, () -> delegate.executeWithContext(request, invocationContext)));
            if (!result.isError()) {
                invocation.run.evidence.add(request.name(), callId, result.resultText());
            }
            invocation.toolFinished(
                    callId,
                    result.isError() ? RunEvent.ToolStatus.ERROR : RunEvent.ToolStatus.OK,
                    result.resultText(),
                    result.isError() ? result.resultText() : null,
                    observer.facts());
            return result;
        } catch (RuntimeException e) {
            boolean badArguments = e instanceof ToolArgumentsException;
            invocation.toolFinished(
                    callId,
                    badArguments ? RunEvent.ToolStatus.BAD_ARGUMENTS : RunEvent.ToolStatus.ERROR,
                    null,
                    ToolErrors.messageFor(e),
                    observer.facts());
            throw e;
        }
    }

    static String callId(ToolExecutionRequest request) {
        return request.id() == null || request.id().isBlank() ? "call-" + UUID.randomUUID() : request.id();
    }

    /** Collects facts for the finished event and reports references and proposals as they happen. */
    private static final class RunObserver implements ToolObserver {
        private final Invocation invocation;
        private final Map<String, Object> facts = new LinkedHashMap<>();

        RunObserver(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public synchronized void fact(String name, Object value) {
            if (name != null && value != null) {
                facts.put(name, value);
            }
        }

        @Override
        public void knowledgeReference(String document, String section, double score) {
            invocation.emit(new RunEvent.KnowledgeReferenced(
                    invocation.origin(invocation.run.now()), document, section, score));
        }

        @Override
        public void actionProposed(String actionId, String summary) {
            invocation.emit(new RunEvent.ActionProposed(invocation.origin(invocation.run.now()), actionId, summary));
        }

        @Override
        public java.util.Optional<String> requester() {
            return java.util.Optional.of(invocation.run.request.requester());
        }

        @Override
        public java.util.List<PriorResult> priorResults() {
            return invocation.run.priorResults();
        }

        /** The session says where the request came from (a Slack thread is {@code slack:<channel>:<thread ts>}). */
        @Override
        public String requestContext() {
            return invocation.run.request.session().value();
        }

        @Override
        public synchronized Map<String, Object> facts() {
            return Map.copyOf(facts);
        }
    }
}
