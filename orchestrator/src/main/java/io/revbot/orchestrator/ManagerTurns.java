package io.revbot.orchestrator;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manager's bounded turns for one run: each turn sends the conversation and the manager's tools, runs every
 * tool call of the reply concurrently (each delegation on its own virtual thread under its own deadline), and ends
 * in a {@link TurnOutcome}. A branch that fails or times out becomes a tool result saying so, and the manager
 * answers with what it has. A specialist stopped by the tool-call bound may not be asked again in the same run: the
 * manager is told so, and the run ends with {@link ToolCallLimitExceeded} if it asks anyway.
 */
final class ManagerTurns {
    private final Run run;
    private final Invocation manager;
    private final ChatModel model;
    private final ManagerTools tools;
    private final SpecialistRunner specialists;
    private final String time;
    private final AnswerPages answers;
    private final List<ChatMessage> messages = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    /** Specialists a bound stopped in this run: delegating to them again would only hit it again. */
    private final Set<AgentName> stopped = new HashSet<>();

    /** A tool call of a turn and how it ended. */
    record Executed(ToolCall call, BranchOutcome outcome) {}

    ManagerTurns(
            Run run,
            Invocation manager,
            ChatModel model,
            ManagerTools tools,
            SpecialistRunner specialists,
            String time,
            List<ChatMessage> history,
            AnswerPages answers,
            String routingNote) {
        this.run = run;
        this.manager = manager;
        this.model = model;
        this.tools = tools;
        this.specialists = specialists;
        this.time = time;
        this.answers = answers;
        messages.add(SystemMessage.from(tools.agents().manager().instructions()));
        messages.addAll(history);
        messages.add(UserMessage.from(time + "\n\n" + run.request.question()
                + (routingNote.isBlank() ? "" : "\n\n<routing_note>" + routingNote + "</routing_note>")));
    }

    /** Takes turns until the manager answers or a specialist's answer passes through; every bound is a throw. */
    ManagerLoop.Answer answer() {
        int maxTurns = run.limits.managerTurns();
        for (int turn = 1; ; turn++) {
            if (turn > maxTurns) {
                throw new TurnLimitExceeded(maxTurns);
            }
            AiMessage reply = model.chat(ChatRequest.builder()
                            .messages(List.copyOf(messages))
                            .toolSpecifications(tools.specifications())
                            .build())
                    .aiMessage();
            List<Executed> executed = reply.hasToolExecutionRequests() ? execute(reply) : List.of();
            switch (decide(reply, executed)) {
                case TurnOutcome.Answered answered -> {
                    if (answered.answer() == null || answered.answer().isBlank()) {
                        throw new RunException(FailureKind.MODEL_BEHAVIOUR, "The model returned an empty answer.");
                    }
                    Routing routing = run.agentsUsed().isEmpty() ? Routing.DIRECT : Routing.DELEGATED;
                    return conclude(answered.answer(), routing, AgentName.MANAGER, managerWriter());
                }
                case TurnOutcome.PassedThrough passed -> {
                    return conclude(passed.answer(), Routing.PASS_THROUGH, passed.author(), writerOf(executed));
                }
                case TurnOutcome.Continue ignored -> {}
            }
        }
    }

    /**
     * What a turn decided: no tool calls is the answer; a single delegation that asked for pass-through and
     * completed is the final answer as the specialist wrote it; anything else is another turn.
     */
    static TurnOutcome decide(AiMessage reply, List<Executed> executed) {
        if (!reply.hasToolExecutionRequests()) {
            return new TurnOutcome.Answered(reply.text());
        }
        if (executed.size() == 1
                && executed.get(0).call() instanceof ToolCall.Delegate delegate
                && delegate.delegation().passThrough()
                && executed.get(0).outcome() instanceof BranchOutcome.Completed completed) {
            return new TurnOutcome.PassedThrough(
                    delegate.delegation().specialist().name(), completed.output());
        }
        return new TurnOutcome.Continue();
    }

    /** Runs the reply's tool calls concurrently; appends the reply and one result per call, in order. */
    private List<Executed> execute(AiMessage reply) {
        messages.add(reply);
        List<ToolCall> calls = reply.toolExecutionRequests().stream()
                .map(request -> ToolCall.classify(request, tools))
                .toList();
        refuseStopped(calls);
        // A lone delegation whose answer passes through writes the run's answer: it streams.
        boolean alone = calls.size() == 1;
        List<Branch> branches = calls.stream().map(call -> start(call, alone)).toList();
        List<Executed> executed = new ArrayList<>(calls.size());
        RunException fatal = null;
        for (int i = 0; i < calls.size(); i++) {
            BranchOutcome outcome;
            try {
                outcome = branches.get(i).await();
            } catch (RunException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // The run was stopped or timed out: every branch still running is interrupted too.
                    branches.forEach(Branch::cancel);
                    throw e;
                }
                // A run-wide bound fired inside a branch: the run ends, but every branch still gets its result.
                fatal = fatal == null ? e : fatal;
                outcome = new BranchOutcome.Failed(e.getMessage());
            }
            executed.add(new Executed(calls.get(i), outcome));
            if (outcome instanceof BranchOutcome.Stopped && calls.get(i) instanceof ToolCall.Delegate d) {
                stopped.add(d.delegation().specialist().name());
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            BranchOutcome outcome = executed.get(i).outcome();
            manager.toolFinished(
                    call.callId(),
                    branches.get(i).status(outcome),
                    outcome.toolResult(),
                    outcome instanceof BranchOutcome.Failed f ? f.message() : null,
                    Map.of());
            messages.add(ToolExecutionResultMessage.from(call.request(), outcome.toolResult()));
        }
        if (fatal != null) {
            throw fatal;
        }
        return executed;
    }

    /** Ends the run when the manager delegates again to a specialist the tool-call bound stopped in this run. */
    private void refuseStopped(List<ToolCall> calls) {
        for (ToolCall call : calls) {
            if (call instanceof ToolCall.Delegate d
                    && stopped.contains(d.delegation().specialist().name())) {
                throw new ToolCallLimitExceeded(
                        d.delegation().specialist().name(), run.limits.toolCallsPerSpecialist());
            }
        }
    }

    private Branch start(ToolCall call, boolean alone) {
        return switch (call) {
            case ToolCall.Delegate d -> {
                manager.toolStarted(d.callId(), d.request().name(), d.request().arguments());
                Delegation delegation = d.delegation();
                AgentSpec specialist = delegation.specialist();
                run.delegatedTo(specialist.name());
                if (!delegation.reason().isBlank()) {
                    reasons.add(specialist.name() + ": " + delegation.reason());
                }
                Duration deadline = min(run.limits.delegationDeadline(), run.remaining());
                Invocation invocation = run.startInvocation(specialist.name(), AgentName.MANAGER, delegation.request());
                if (alone && delegation.passThrough()) {
                    invocation.writingAnswer();
                }
                yield Branch.Running.start(
                        "revbot-" + invocation.id,
                        specialist.name().displayName(),
                        "REVBOT_DELEGATION_DEADLINE",
                        deadline,
                        message -> invocation.abandon(RunEvent.AgentOutcome.TIMED_OUT, message),
                        () -> delegate(delegation, invocation));
            }
            case ToolCall.MalformedDelegation m -> {
                manager.toolStarted(m.callId(), m.request().name(), m.request().arguments());
                yield new Branch.Decided(
                        new BranchOutcome.Failed(
                                "Invalid arguments for " + m.request().name() + ": " + m.problem()),
                        RunEvent.ToolStatus.BAD_ARGUMENTS);
            }
            case ToolCall.OwnTool own -> {
                ObservedToolExecutor executor =
                        new ObservedToolExecutor(own.tool().executor(), manager, run.limits.toolCallsPerSpecialist());
                yield Branch.Running.start(
                        "revbot-tool-" + own.callId(),
                        "The tool",
                        "REVBOT_RUN_DEADLINE",
                        run.remaining(),
                        message -> {},
                        () -> runOwnTool(executor, own));
            }
            case ToolCall.ReadAnswer r -> {
                manager.toolStarted(r.callId(), r.request().name(), r.request().arguments());
                yield readAnswer(r);
            }
            case ToolCall.Unknown u -> {
                manager.toolStarted(u.callId(), u.request().name(), u.request().arguments());
                yield new Branch.Decided(
                        new BranchOutcome.Failed("There is no tool named '"
                                + u.request().name() + "'. Available tools: " + String.join(", ", u.available()) + "."),
                        RunEvent.ToolStatus.UNKNOWN_TOOL);
            }
        };
    }

    private Branch.Decided readAnswer(ToolCall.ReadAnswer call) {
        try {
            return new Branch.Decided(
                    new BranchOutcome.Completed(answers.read(call.request())), RunEvent.ToolStatus.OK);
        } catch (IllegalArgumentException e) {
            return new Branch.Decided(
                    new BranchOutcome.Failed("Invalid arguments for " + AnswerPages.TOOL + ": " + e.getMessage()),
                    RunEvent.ToolStatus.BAD_ARGUMENTS);
        }
    }

    private static BranchOutcome runOwnTool(ObservedToolExecutor executor, ToolCall.OwnTool call) {
        try {
            var result = executor.executeWithContext(call.request(), null);
            return result.isError()
                    ? new BranchOutcome.Failed(result.resultText())
                    : new BranchOutcome.Completed(result.resultText());
        } catch (RunException e) {
            throw e;
        } catch (RuntimeException e) {
            return new BranchOutcome.Failed(ToolErrors.messageFor(e));
        }
    }

    /** Runs on the branch's virtual thread. */
    private BranchOutcome delegate(Delegation delegation, Invocation invocation) {
        AgentSpec spec = delegation.specialist();
        try {
            String output = specialists.run(invocation, spec, time + "\n\n" + delegation.request());
            if (output == null || output.isBlank()) {
                String error = spec.name().displayName() + " returned an empty answer.";
                invocation.finish(RunEvent.AgentOutcome.FAILED, null, error);
                return new BranchOutcome.Failed(error + " Answer with what you have and say what is missing.");
            }
            invocation.finish(RunEvent.AgentOutcome.COMPLETED, output, null);
            return new BranchOutcome.Completed(output, answers.forManager(invocation.id, spec.name(), output));
        } catch (ToolCallLimitExceeded bound) {
            invocation.finish(RunEvent.AgentOutcome.FAILED, null, bound.getMessage());
            return new BranchOutcome.Stopped(
                    bound.getMessage() + " Do not ask " + spec.name().displayName()
                            + " again for this request: answer with what you have, say what is missing, and that"
                            + " REVBOT_MAX_TOOL_CALLS sets the limit.");
        } catch (RunDeadlineExceeded | TokenBudgetExceeded runWide) {
            invocation.finish(RunEvent.AgentOutcome.FAILED, null, runWide.getMessage());
            throw runWide;
        } catch (RuntimeException e) {
            String error = e instanceof RunException
                    ? e.getMessage()
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            invocation.finish(RunEvent.AgentOutcome.FAILED, null, error);
            return new BranchOutcome.Failed(spec.name().displayName() + " failed: " + error
                    + " Answer with what you have and say what is missing.");
        }
    }

    /** The manager as the writer of its answer: its conversation so far, for one more turn. */
    private Writer managerWriter() {
        return new Revision.Manager(tools.agents().manager(), messages, tools.specifications(), specialists::modelFor);
    }

    /** The specialist whose answer passed through, as its writer: the request it answered, for one more turn. */
    private Writer writerOf(List<Executed> executed) {
        Delegation delegation = ((ToolCall.Delegate) executed.get(0).call()).delegation();
        return new Revision.Specialist(
                delegation.specialist(), time + "\n\n" + delegation.request(), specialists::modelFor);
    }

    /** Routed and the manager's end; the answer is announced once checked ({@link ManagerLoop}). */
    private ManagerLoop.Answer conclude(String answer, Routing routing, AgentName author, Writer writer) {
        String reason = switch (routing) {
            case DIRECT -> "answered directly";
            case DELEGATED, PASS_THROUGH, ROUTED -> String.join("; ", reasons);
        };
        run.emit(new RunEvent.Routed(run.request.runId(), run.now(), routing, run.agentsUsed(), reason));
        manager.finish(RunEvent.AgentOutcome.COMPLETED, answer, null);
        return new ManagerLoop.Answer(answer, routing, author, writer);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
