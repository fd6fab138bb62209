package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.agents.AgentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** The two {@link Writer}s: the manager with its whole conversation, a specialist with the request it answered. */
final class Revision {
    private static final System.Logger LOG = System.getLogger(Revision.class.getName());

    private Revision() {}

    /**
     * The manager, one more turn after its conversation and draft. Its tools are sent along (Bedrock refuses a history
     * with tool uses but no tool configuration); a reply that calls one instead of answering leaves the draft.
     */
    record Manager(
            AgentSpec spec,
            List<ChatMessage> conversation,
            List<ToolSpecification> tools,
            BiFunction<Invocation, AgentSpec, ChatModel> models)
            implements Writer {
        Manager {
            conversation = List.copyOf(conversation);
            tools = List.copyOf(tools);
        }

        @Override
        public Optional<String> revise(Run run, String draft, String request) {
            List<ChatMessage> messages = new ArrayList<>(conversation);
            messages.add(AiMessage.from(draft));
            messages.add(UserMessage.from(request));
            return ask(
                    run,
                    spec,
                    models,
                    ChatRequest.builder()
                            .messages(messages)
                            .toolSpecifications(tools)
                            .build(),
                    request);
        }
    }

    /** A specialist whose answer passed through: its instructions, the request it was given, its draft; no tools. */
    record Specialist(AgentSpec spec, String input, BiFunction<Invocation, AgentSpec, ChatModel> models)
            implements Writer {
        @Override
        public Optional<String> revise(Run run, String draft, String request) {
            List<ChatMessage> messages = List.of(
                    SystemMessage.from(spec.instructions()),
                    UserMessage.from(input),
                    AiMessage.from(draft),
                    UserMessage.from(request));
            return ask(
                    run, spec, models, ChatRequest.builder().messages(messages).build(), request);
        }
    }

    /** The request as the record shows it: the quoted tool results are in the record already, once. */
    private static String recorded(String request) {
        int results = request.indexOf(GroundingStep.TOOL_RESULTS);
        return results < 0 ? request : request.substring(0, results) + "[the run's tool results]";
    }

    private static Optional<String> ask(
            Run run,
            AgentSpec spec,
            BiFunction<Invocation, AgentSpec, ChatModel> models,
            ChatRequest chat,
            String request) {
        Invocation invocation = run.startInvocation(spec.name(), null, recorded(request));
        try {
            AiMessage reply = models.apply(invocation, spec).chat(chat).aiMessage();
            if (reply.hasToolExecutionRequests()
                    || reply.text() == null
                    || reply.text().isBlank()) {
                invocation.finish(RunEvent.AgentOutcome.FAILED, null, "the revision gave no answer; the draft stands");
                return Optional.empty();
            }
            invocation.finish(RunEvent.AgentOutcome.COMPLETED, reply.text(), null);
            return Optional.of(reply.text());
        } catch (RuntimeException e) {
            // A revision is an improvement, never a reason to lose the answer already written.
            LOG.log(System.Logger.Level.WARNING, "revision by " + spec.name() + " failed; the draft stands: " + e);
            invocation.finish(RunEvent.AgentOutcome.FAILED, null, "the revision failed: " + e.getMessage());
            return Optional.empty();
        }
    }
}
