package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.sessions.SessionLocks;
import io.revbot.orchestrator.sessions.SessionMemory;
import io.revbot.tools.time.FiscalCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The supervisor: the manager model in a bounded loop with one {@code ask_<agent>} tool per specialist plus its
 * own light tools. Each turn ends in a {@link TurnOutcome}: an answer, a specialist's answer passed through, or
 * tool results for another turn. All tool calls of one turn run concurrently on virtual threads, each delegation
 * under its own deadline; a branch that fails or times out becomes a tool result saying so, and the manager
 * answers with what it has.
 */
public final class ManagerLoop implements Supervisor {
    private static final System.Logger LOG = System.getLogger(ManagerLoop.class.getName());

    private final Supplier<Agents> agents;
    private final ChatModel model;
    private final ToolRegistry tools;
    private final SessionMemory memory;
    private final SessionLocks locks = new SessionLocks();
    private final RunLimits limits;
    private final FiscalCalendar calendar;
    private final Clock clock;
    private final Optional<String> fallbackModel;
    private final RetryPolicy retry;
    private final ObservedChatModel.Sleeper sleeper;
    private final SpecialistRunner specialists;
    private final UnaryOperator<String> answerFilter;
    private final Map<Channel, RenderedTime> renderedTimes = new ConcurrentHashMap<>();
    private volatile ManagerTools managerTools;

    private ManagerLoop(Builder b) {
        this.agents = Objects.requireNonNull(b.agents, "agents");
        this.model = Objects.requireNonNull(b.model, "model");
        this.tools = b.tools;
        this.memory = b.memory;
        this.limits = b.limits;
        this.calendar = b.calendar;
        this.clock = b.clock;
        this.fallbackModel = b.fallbackModel;
        this.retry = b.retry;
        this.sleeper = b.sleeper;
        this.specialists = new SpecialistRunner(tools, model, this::modelFor);
        this.answerFilter = b.answerFilter;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RunResult run(Request request, RunListener listener) {
        Run run = new Run(request, listener, limits, clock);
        String time = timeContext(run.started, request.channel());
        run.emit(new RunEvent.RunStarted(request.runId(), run.started, request, time));
        Optional<SessionLocks.Held> held;
        try {
            held = locks.acquire(request.session(), run.remaining());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw run.fail(new RunException(FailureKind.INTERNAL, "interrupted while waiting for the session", e));
        }
        if (held.isEmpty()) {
            throw run.fail(new RunDeadlineExceeded(limits.runDeadline()));
        }
        try (SessionLocks.Held ignored = held.get()) {
            Agents specs = agents.get();
            FutureTask<Answer> body = new FutureTask<>(() -> answer(run, specs, time));
            Thread.ofVirtual().name("revbot-run-" + request.runId()).start(body);
            Answer answer = await(run, body);
            try {
                memory.remember(request.session(), request.question(), answer.text);
            } catch (RuntimeException e) {
                // The answer stands; only the follow-up context is lost.
                LOG.log(System.Logger.Level.WARNING, "could not save session " + request.session() + ": " + e);
            }
            RunResult result = new RunResult(
                    request.runId(),
                    request.session(),
                    answer.text,
                    answer.routing,
                    run.agentsUsed(),
                    run.toolCalls(),
                    run.usage(),
                    Duration.between(run.started, run.now()));
            run.succeed(result);
            return result;
        } catch (RunException e) {
            throw run.fail(e);
        } catch (RuntimeException e) {
            throw run.fail(new RunException(FailureKind.INTERNAL, "Something went wrong: " + e, e));
        }
    }

    /** The run context block for a run starting at {@code started}: it changes once a minute, so it is kept. */
    private String timeContext(Instant started, Channel channel) {
        long minute = started.getEpochSecond() / 60;
        RenderedTime cached = renderedTimes.get(channel);
        if (cached == null || cached.minute != minute) {
            cached = new RenderedTime(minute, new TimeContext(started, calendar).render(channel));
            renderedTimes.put(channel, cached);
        }
        return cached.text;
    }

    private record RenderedTime(long minute, String text) {}

    private static Answer await(Run run, FutureTask<Answer> body) {
        try {
            return body.get(run.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // End the run's event stream first, so interrupted branches cannot report themselves as failed.
            RunException deadline = run.fail(new RunDeadlineExceeded(run.limits.runDeadline()));
            body.cancel(true);
            throw deadline;
        } catch (InterruptedException e) {
            body.cancel(true);
            Thread.currentThread().interrupt();
            throw new RunException(FailureKind.INTERNAL, "the run was interrupted", e);
        } catch (ExecutionException e) {
            throw asRunException(e.getCause());
        }
    }

    private record Answer(String text, Routing routing) {}

    /** The manager's loop; runs on the run's own virtual thread. */
    private Answer answer(Run run, Agents specs, String time) {
        Request request = run.request;
        AgentSpec manager = specs.manager();
        Invocation invocation = run.startInvocation(AgentName.MANAGER, null, request.question());
        ObservedChatModel managerModel = modelFor(invocation, manager);
        ManagerTools managerTools = managerToolsFor(specs);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(manager.instructions()));
        messages.addAll(memory.history(request.session()));
        messages.add(UserMessage.from(time + "\n\n" + request.question()));
        List<String> reasons = new ArrayList<>();
        Turn turn = new Turn(run, invocation, managerTools.delegates, managerTools.own, time, reasons);
        for (int turnNumber = 1; ; turnNumber++) {
            if (turnNumber > limits.managerTurns()) {
                throw new TurnLimitExceeded(limits.managerTurns());
            }
            AiMessage reply = managerModel
                    .chat(ChatRequest.builder()
                            .messages(List.copyOf(messages))
                            .toolSpecifications(managerTools.specifications)
                            .build())
                    .aiMessage();
            TurnOutcome outcome = reply.hasToolExecutionRequests()
                    ? turn.execute(reply, messages)
                    : new TurnOutcome.Answered(reply.text());
            switch (outcome) {
                case TurnOutcome.Answered answered -> {
                    if (answered.answer() == null || answered.answer().isBlank()) {
                        throw new RunException(FailureKind.MODEL_BEHAVIOUR, "The model returned an empty answer.");
                    }
                    Routing routing = run.agentsUsed().isEmpty() ? Routing.DIRECT : Routing.DELEGATED;
                    return conclude(run, invocation, answered.answer(), routing, AgentName.MANAGER, reasons);
                }
                case TurnOutcome.PassedThrough passed -> {
                    return conclude(run, invocation, passed.answer(), Routing.PASS_THROUGH, passed.author(), reasons);
                }
                case TurnOutcome.Continue ignored -> {}
            }
        }
    }

    /**
     * The manager's tools for one version of the agents: an {@code ask_<agent>} tool per specialist, then its own
     * registered tools. Built when the catalog hands out a new {@link Agents} (start-up, an edit), not per run.
     */
    private record ManagerTools(
            Agents agents,
            Map<String, AgentSpec> delegates,
            Map<String, ToolRegistry.RegisteredTool> own,
            List<ToolSpecification> specifications) {}

    private ManagerTools managerToolsFor(Agents specs) {
        ManagerTools current = managerTools;
        if (current != null && current.agents == specs) {
            return current;
        }
        Map<String, AgentSpec> delegates = new LinkedHashMap<>();
        List<ToolSpecification> specifications = new ArrayList<>();
        for (AgentSpec specialist : specs.specialists()) {
            delegates.put(specialist.delegationToolName(), specialist);
            specifications.add(Delegation.toolFor(specialist));
        }
        Map<String, ToolRegistry.RegisteredTool> own = new LinkedHashMap<>();
        for (ToolRegistry.RegisteredTool tool : tools.toolsFor(specs.manager())) {
            own.put(tool.specification().name(), tool);
            specifications.add(tool.specification());
        }
        current = new ManagerTools(
                specs,
                Collections.unmodifiableMap(delegates),
                Collections.unmodifiableMap(own),
                List.copyOf(specifications));
        managerTools = current;
        return current;
    }

    private Answer conclude(
            Run run, Invocation manager, String raw, Routing routing, AgentName author, List<String> reasons) {
        String answer = answerFilter.apply(raw);
        String reason = switch (routing) {
            case DIRECT -> "answered directly";
            case DELEGATED, PASS_THROUGH -> String.join("; ", reasons);
        };
        run.emit(new RunEvent.Routed(run.request.runId(), run.now(), routing, run.agentsUsed(), reason));
        manager.finish(RunEvent.AgentOutcome.COMPLETED, answer, null);
        run.emit(new RunEvent.AnswerProduced(run.request.runId(), run.now(), answer, routing, author));
        return new Answer(answer, routing);
    }

    private ObservedChatModel modelFor(Invocation invocation, AgentSpec spec) {
        return new ObservedChatModel(model, invocation, spec.model(), fallbackModel, retry, sleeper);
    }

    /** Executes the tool calls of one manager turn; appends the reply and one result per call, in order. */
    private final class Turn {
        private final Run run;
        private final Invocation manager;
        private final Map<String, AgentSpec> delegates;
        private final Map<String, ToolRegistry.RegisteredTool> ownTools;
        private final String time;
        private final List<String> reasons;

        Turn(
                Run run,
                Invocation manager,
                Map<String, AgentSpec> delegates,
                Map<String, ToolRegistry.RegisteredTool> ownTools,
                String time,
                List<String> reasons) {
            this.run = run;
            this.manager = manager;
            this.delegates = delegates;
            this.ownTools = ownTools;
            this.time = time;
            this.reasons = reasons;
        }

        TurnOutcome execute(AiMessage reply, List<ChatMessage> messages) {
            messages.add(reply);
            List<ToolExecutionRequest> calls = reply.toolExecutionRequests();
            List<Branch> branches = new ArrayList<>();
            for (ToolExecutionRequest call : calls) {
                branches.add(start(call));
            }
            List<BranchOutcome> outcomes = new ArrayList<>();
            RunException fatal = null;
            for (Branch branch : branches) {
                try {
                    outcomes.add(branch.await());
                } catch (RunException e) {
                    // A run-wide bound fired inside a branch: the run ends, but every branch still gets its result.
                    fatal = fatal == null ? e : fatal;
                    outcomes.add(new BranchOutcome.Failed(e.getMessage()));
                }
            }
            for (int i = 0; i < calls.size(); i++) {
                Branch branch = branches.get(i);
                BranchOutcome outcome = outcomes.get(i);
                manager.toolFinished(
                        branch.callId,
                        branch.status(outcome),
                        outcome.toolResult(),
                        outcome instanceof BranchOutcome.Failed f ? f.message() : null,
                        Map.of());
                messages.add(ToolExecutionResultMessage.from(calls.get(i), outcome.toolResult()));
            }
            if (fatal != null) {
                throw fatal;
            }
            if (branches.size() == 1
                    && branches.get(0).delegation != null
                    && branches.get(0).delegation.passThrough()
                    && outcomes.get(0) instanceof BranchOutcome.Completed completed) {
                return new TurnOutcome.PassedThrough(
                        branches.get(0).delegation.specialist().name(), completed.output());
            }
            return new TurnOutcome.Continue();
        }

        private Branch start(ToolExecutionRequest call) {
            String callId = ObservedToolExecutor.callId(call);
            AgentSpec specialist = delegates.get(call.name());
            if (specialist != null) {
                manager.toolStarted(callId, call.name(), call.arguments());
                Delegation delegation;
                try {
                    delegation = Delegation.parse(call, callId, specialist);
                } catch (IllegalArgumentException e) {
                    return Branch.done(
                            callId,
                            new BranchOutcome.Failed("Invalid arguments for " + call.name() + ": " + e.getMessage()),
                            RunEvent.ToolStatus.BAD_ARGUMENTS);
                }
                run.delegatedTo(specialist.name());
                if (!delegation.reason().isBlank()) {
                    reasons.add(specialist.name() + ": " + delegation.reason());
                }
                Duration deadline = min(limits.delegationDeadline(), run.remaining());
                Invocation invocation = run.startInvocation(specialist.name(), AgentName.MANAGER, delegation.request());
                return Branch.started(callId, delegation, invocation, deadline, () -> delegate(delegation, invocation));
            }
            ToolRegistry.RegisteredTool tool = ownTools.get(call.name());
            if (tool != null) {
                ObservedToolExecutor executor =
                        new ObservedToolExecutor(tool.executor(), manager, limits.toolCallsPerSpecialist());
                return Branch.started(callId, null, null, run.remaining(), () -> runOwnTool(executor, call));
            }
            manager.toolStarted(callId, call.name(), call.arguments());
            List<String> known = new ArrayList<>(delegates.keySet());
            known.addAll(ownTools.keySet());
            return Branch.done(
                    callId,
                    new BranchOutcome.Failed("There is no tool named '" + call.name() + "'. Available tools: "
                            + String.join(", ", known) + "."),
                    RunEvent.ToolStatus.UNKNOWN_TOOL);
        }

        private BranchOutcome runOwnTool(ObservedToolExecutor executor, ToolExecutionRequest call) {
            try {
                var result = executor.executeWithContext(call, null);
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
                return new BranchOutcome.Completed(output);
            } catch (RunDeadlineExceeded | TokenBudgetExceeded runWide) {
                invocation.finish(RunEvent.AgentOutcome.FAILED, null, runWide.getMessage());
                throw runWide;
            } catch (RuntimeException e) {
                String error = e instanceof RunException ? e.getMessage() : describe(e);
                invocation.finish(RunEvent.AgentOutcome.FAILED, null, error);
                return new BranchOutcome.Failed(spec.name().displayName() + " failed: " + error
                        + " Answer with what you have and say what is missing.");
            }
        }
    }

    /** A tool call of one manager turn: running on its own virtual thread, or already decided. */
    private static final class Branch {
        final String callId;
        final Delegation delegation;
        private final Invocation invocation;
        private final Duration deadline;
        private final long deadlineNanos;
        private final FutureTask<BranchOutcome> task;
        private final BranchOutcome immediate;
        private final RunEvent.ToolStatus immediateStatus;

        private Branch(
                String callId,
                Delegation delegation,
                Invocation invocation,
                Duration deadline,
                FutureTask<BranchOutcome> task,
                BranchOutcome immediate,
                RunEvent.ToolStatus immediateStatus) {
            this.callId = callId;
            this.delegation = delegation;
            this.invocation = invocation;
            this.deadline = deadline;
            this.deadlineNanos = System.nanoTime() + deadline.toNanos();
            this.task = task;
            this.immediate = immediate;
            this.immediateStatus = immediateStatus;
        }

        static Branch done(String callId, BranchOutcome outcome, RunEvent.ToolStatus status) {
            return new Branch(callId, null, null, Duration.ZERO, null, outcome, status);
        }

        static Branch started(
                String callId,
                Delegation delegation,
                Invocation invocation,
                Duration deadline,
                java.util.concurrent.Callable<BranchOutcome> work) {
            FutureTask<BranchOutcome> task = new FutureTask<>(work);
            Branch branch = new Branch(callId, delegation, invocation, deadline, task, null, null);
            String name = invocation == null ? "revbot-tool-" + callId : "revbot-" + invocation.id;
            Thread.ofVirtual().name(name).start(task);
            return branch;
        }

        BranchOutcome await() {
            if (task == null) {
                return immediate;
            }
            try {
                return task.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                String who = delegation == null
                        ? "The tool"
                        : delegation.specialist().name().displayName();
                String message = who + " did not answer within " + Durations.human(deadline) + ".";
                if (invocation != null) {
                    invocation.abandon(RunEvent.AgentOutcome.TIMED_OUT, message);
                }
                // Closed before interrupting, so the branch cannot report its interruption as a failure first.
                task.cancel(true);
                return new BranchOutcome.Failed(message + " Answer with what you have and say what is missing.");
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                throw new RunException(FailureKind.INTERNAL, "the run was interrupted", e);
            } catch (ExecutionException e) {
                throw asRunException(e.getCause());
            }
        }

        RunEvent.ToolStatus status(BranchOutcome outcome) {
            if (immediateStatus != null) {
                return immediateStatus;
            }
            return outcome instanceof BranchOutcome.Completed ? RunEvent.ToolStatus.OK : RunEvent.ToolStatus.ERROR;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static RunException asRunException(Throwable cause) {
        if (cause instanceof RunException re) {
            return re;
        }
        return new RunException(FailureKind.INTERNAL, "Something went wrong: " + describe(cause), cause);
    }

    /** Wiring for {@link ManagerLoop}; everything but the agents and the model has a default. */
    public static final class Builder {
        private Supplier<Agents> agents;
        private ChatModel model;
        private ToolRegistry tools = ToolRegistry.of(List.of());
        private SessionMemory memory = SessionMemory.inMemory();
        private RunLimits limits = RunLimits.DEFAULTS;
        private FiscalCalendar calendar = FiscalCalendar.calendarQuarters();
        private Clock clock = Clock.systemUTC();
        private Optional<String> fallbackModel = Optional.empty();
        private RetryPolicy retry = RetryPolicy.DEFAULTS;
        private ObservedChatModel.Sleeper sleeper = ObservedChatModel.Sleeper.REAL;
        private UnaryOperator<String> answerFilter = UnaryOperator.identity();

        private Builder() {}

        /**
         * Rewrites every final answer before anyone sees it (events, result, session memory), e.g. to drop images and
         * links that could carry data out.
         */
        public Builder answerFilter(UnaryOperator<String> answerFilter) {
            this.answerFilter = Objects.requireNonNull(answerFilter);
            return this;
        }

        /** The specs, asked at the start of each run (pass a catalog's {@code current} for hot reload). */
        public Builder agents(Supplier<Agents> agents) {
            this.agents = agents;
            return this;
        }

        public Builder model(ChatModel model) {
            this.model = model;
            return this;
        }

        public Builder tools(ToolRegistry tools) {
            this.tools = Objects.requireNonNull(tools);
            return this;
        }

        public Builder memory(SessionMemory memory) {
            this.memory = Objects.requireNonNull(memory);
            return this;
        }

        public Builder limits(RunLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public Builder calendar(FiscalCalendar calendar) {
            this.calendar = Objects.requireNonNull(calendar);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** A model id to switch to when the primary keeps throttling ({@code REVBOT_FALLBACK_MODEL}). */
        public Builder fallbackModel(Optional<String> fallbackModel) {
            this.fallbackModel = Objects.requireNonNull(fallbackModel);
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        /** For tests: retries without real pauses. */
        Builder sleeper(ObservedChatModel.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        public ManagerLoop build() {
            return new ManagerLoop(this);
        }
    }
}
