package io.revbot.orchestrator;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.agents.ModelSettings;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.routing.Router;
import io.revbot.orchestrator.routing.RoutingDecision;
import io.revbot.orchestrator.sessions.SessionLocks;
import io.revbot.orchestrator.sessions.SessionMemory;
import io.revbot.tools.time.FiscalCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The supervisor: takes a run's session lock, answers on the run's own virtual thread under the run's deadline,
 * remembers the exchange and reports the result. The answer: the router decides first (when there is one) between
 * a template answer, one specialist ({@link FastPath}) and the manager's bounded turns ({@link ManagerTurns}): the
 * manager model with one {@code ask_<agent>} tool per specialist plus its own light tools.
 *
 * <p>The answer is streamed as it is written ({@link RunEvent.AnswerDelta}) when a streaming twin of the model is
 * configured. {@link #cancel} ends a run at once: its event stream closes with {@link FailureKind#CANCELLED}, then its
 * thread and the branches it waits for are interrupted, and nothing of it is reported after.
 */
public final class ManagerLoop implements Supervisor {
    private static final System.Logger LOG = System.getLogger(ManagerLoop.class.getName());

    private final Supplier<Agents> agents;
    private final ChatModel model;
    private final StreamingChatModel streamingModel;
    private final ToolRegistry tools;
    private final SessionMemory memory;
    private final SessionLocks locks = new SessionLocks();
    private final RunLimits limits;
    private final FiscalCalendar calendar;
    private final Clock clock;
    private final ModelFallback fallback;
    private final RetryPolicy retry;
    private final ObservedChatModel.Sleeper sleeper;
    private final SpecialistRunner specialists;
    private final int answerTokens;
    private final UnaryOperator<String> answerFilter;
    private final Optional<FastPath> fastPath;
    private final GroundingStep grounding;
    private final Map<Channel, RenderedTime> renderedTimes = new ConcurrentHashMap<>();
    private volatile ManagerTools managerTools;
    private final Map<RunId, StoppableRun> active = new ConcurrentHashMap<>();

    private ManagerLoop(Builder b) {
        this.agents = Objects.requireNonNull(b.agents, "agents");
        this.model = Objects.requireNonNull(b.model, "model");
        this.streamingModel = b.streamingModel;
        this.tools = b.tools;
        this.memory = b.memory;
        this.limits = b.limits;
        this.calendar = b.calendar;
        this.clock = b.clock;
        this.fallback = b.fallback();
        this.retry = b.retry;
        this.sleeper = b.sleeper;
        this.answerTokens = b.answerTokens;
        this.grounding = new GroundingStep(b.grounding);
        this.specialists = new SpecialistRunner(tools, model, this::modelFor);
        this.answerFilter = b.answerFilter;
        this.fastPath = b.router.map(router -> new FastPath(
                router,
                specialists,
                invocation -> new ObservedChatModel(
                        model, invocation, ModelSettings.DEFAULTS, ModelFallback.none(), retry, sleeper)));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RunResult run(Request request, RunListener listener) {
        Run run = new Run(request, listener, limits, clock);
        StoppableRun running = new StoppableRun(run, Thread.currentThread());
        if (active.putIfAbsent(request.runId(), running) != null) {
            throw new IllegalStateException("run " + request.runId() + " is already running");
        }
        try {
            return run(run, running);
        } finally {
            active.remove(request.runId(), running);
        }
    }

    private RunResult run(Run run, StoppableRun running) {
        Request request = run.request;
        String time = timeContext(run.started, request.channel());
        run.emit(new RunEvent.RunStarted(request.runId(), run.started, request, time));
        Optional<SessionLocks.Held> held;
        try {
            held = locks.acquire(request.session(), run.remaining());
        } catch (InterruptedException e) {
            if (running.stopped() != null) {
                Thread.interrupted(); // the interrupt was ours: the caller's thread carries on
                throw running.stopped();
            }
            Thread.currentThread().interrupt();
            throw run.fail(new RunException(FailureKind.INTERNAL, "interrupted while waiting for the session", e));
        }
        if (held.isEmpty()) {
            throw run.fail(new RunDeadlineExceeded(limits.runDeadline()));
        }
        try (SessionLocks.Held ignored = held.get()) {
            Agents specs = agents.get();
            FutureTask<Answer> body = new FutureTask<>(() -> checked(run, time, answer(run, specs, time)));
            if (!running.start(body)) {
                Thread.interrupted(); // stopped while it took the session: our interrupt may still be pending
                throw running.stopped();
            }
            Thread.ofVirtual().name("revbot-run-" + request.runId()).start(body);
            Answer answer = running.await(body);
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
                    Duration.between(run.started, run.now()),
                    answer.grounding);
            if (!run.succeed(result)) {
                throw Objects.requireNonNullElseGet(
                        running.stopped(), () -> new RunException(FailureKind.INTERNAL, "the run ended twice"));
            }
            return result;
        } catch (RunException e) {
            throw run.fail(e);
        } catch (RuntimeException e) {
            throw run.fail(new RunException(FailureKind.INTERNAL, "Something went wrong: " + e, e));
        }
    }

    /**
     * Stops a run of this supervisor: its event stream ends now with {@link FailureKind#CANCELLED} (so nothing is
     * reported after), then the thread answering it is interrupted, which interrupts the branches it waits for and
     * cancels a model stream in progress. {@link #run} then throws the cancellation at once.
     */
    @Override
    public boolean cancel(RunId runId) {
        StoppableRun running = active.get(runId);
        return running != null && running.stop();
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

    /**
     * A run's answer and how it was reached: written by {@code author}, who can be asked to revise it ({@code
     * writer}, null when nobody can), and, once checked, its {@code grounding} (null until then, or when not checked).
     */
    record Answer(String text, Routing routing, AgentName author, Writer writer, Grounding grounding) {
        Answer(String text, Routing routing, AgentName author, Writer writer) {
            this(text, routing, author, writer, null);
        }

        Answer delivered(String deliveredText, Grounding checked) {
            return new Answer(deliveredText, routing, author, writer, checked);
        }
    }

    /**
     * The step after the answer is written, whoever wrote it: the grounding check (with the writer's repair turn and
     * the untraced note, per policy), the answer filter (links, images), then the answer is announced.
     */
    private Answer checked(Run run, String time, Answer written) {
        Answer checked = grounding.apply(run, time, written);
        // Links and images are filtered last, so a repaired revision is filtered too.
        Answer answer = checked.delivered(answerFilter.apply(checked.text()), checked.grounding());
        run.emit(new RunEvent.AnswerProduced(
                run.request.runId(), run.now(), answer.text(), answer.routing(), answer.author(), answer.grounding()));
        return answer;
    }

    /** Runs on the run's own virtual thread: route, then a template answer, one specialist or the manager's turns. */
    private Answer answer(Run run, Agents specs, String time) {
        if (fastPath.isEmpty()) {
            return managerTurns(run, specs, time, "");
        }
        FastPath fast = fastPath.get();
        return switch (fast.route(run, specs)) {
            case RoutingDecision.Direct direct -> fast.direct(run, direct);
            case RoutingDecision.Specialist one ->
                switch (fast.specialist(run, specs, one, time, memory.history(run.request.session()))) {
                    case FastPath.Outcome.Answered answered -> answered.answer();
                    case FastPath.Outcome.HandedBack back -> managerTurns(run, specs, time, back.note());
                };
            case RoutingDecision.Supervisor toManager -> managerTurns(run, specs, time, "");
        };
    }

    private Answer managerTurns(Run run, Agents specs, String time, String routingNote) {
        Invocation manager = run.startInvocation(AgentName.MANAGER, null, run.request.question())
                .writingAnswer();
        return new ManagerTurns(
                        run,
                        manager,
                        modelFor(manager, specs.manager()),
                        managerToolsFor(specs),
                        specialists,
                        time,
                        memory.history(run.request.session()),
                        new AnswerPages(answerTokens),
                        routingNote)
                .answer();
    }

    /** The manager's tools for one version of the agents, built when the catalog hands out a new one, not per run. */
    private ManagerTools managerToolsFor(Agents specs) {
        ManagerTools current = managerTools;
        if (current == null || current.agents() != specs) {
            current = ManagerTools.of(specs, tools);
            managerTools = current;
        }
        return current;
    }

    private ObservedChatModel modelFor(Invocation invocation, AgentSpec spec) {
        return new ObservedChatModel(model, streamingModel, invocation, spec.model(), fallback, retry, sleeper);
    }

    /** Wiring for {@link ManagerLoop}; everything but the agents and the model has a default. */
    public static final class Builder {
        private Supplier<Agents> agents;
        private ChatModel model;
        private StreamingChatModel streamingModel;
        private ToolRegistry tools = ToolRegistry.of(List.of());
        private SessionMemory memory = SessionMemory.inMemory();
        private RunLimits limits = RunLimits.DEFAULTS;
        private FiscalCalendar calendar = FiscalCalendar.calendarQuarters();
        private Clock clock = Clock.systemUTC();
        private Optional<String> fallbackModel = Optional.empty();
        private ModelFallback fallback;
        private RetryPolicy retry = RetryPolicy.DEFAULTS;
        private ObservedChatModel.Sleeper sleeper = ObservedChatModel.Sleeper.REAL;
        private int answerTokens = AnswerPages.DEFAULT_TOKENS;
        private UnaryOperator<String> answerFilter = UnaryOperator.identity();
        private Optional<Router> router = Optional.empty();
        private GroundingPolicy grounding = GroundingPolicy.ANNOTATE;

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

        /**
         * The streaming twin of {@link #model} (same provider, same settings): calls that may write the answer go
         * through it, so the answer is shown as it is written. Without one, the answer arrives in one piece.
         */
        public Builder streamingModel(StreamingChatModel streamingModel) {
            this.streamingModel = Objects.requireNonNull(streamingModel);
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

        /**
         * A model id to switch to when the primary keeps throttling ({@code REVBOT_FALLBACK_MODEL}), with the default
         * cool-down; {@link #fallback} configures the breakers instead.
         */
        public Builder fallbackModel(Optional<String> fallbackModel) {
            this.fallbackModel = Objects.requireNonNull(fallbackModel);
            return this;
        }

        /** Where calls go while a model throttles; the composition root builds it once, so runs share its breakers. */
        public Builder fallback(ModelFallback fallback) {
            this.fallback = Objects.requireNonNull(fallback);
            return this;
        }

        private ModelFallback fallback() {
            if (fallback != null) {
                return fallback;
            }
            return fallbackModel
                    .map(m -> ModelFallback.to(
                            m, ModelFallback.DEFAULT_COOL_DOWN, retry.throttlesBeforeFallback(), clock))
                    .orElseGet(ModelFallback::none);
        }

        /**
         * How much of a specialist's answer the manager reads at once, in tokens; a longer answer reaches it shortened,
         * with a note on how to read on ({@code REVBOT_SPECIALIST_ANSWER_TOKENS}).
         */
        public Builder specialistAnswerTokens(int tokens) {
            if (tokens < 1) {
                throw new IllegalArgumentException("specialistAnswerTokens must be positive");
            }
            this.answerTokens = tokens;
            return this;
        }

        /**
         * The router that decides before the manager: without one, every question goes to the manager's turns.
         * The routing model, if the router has one, is called through the run's model under its own model id.
         */
        public Builder router(Router router) {
            this.router = Optional.of(router);
            return this;
        }

        /** What to do with figures of an answer no data tool returned ({@code REVBOT_GROUNDING}); annotate by default. */
        public Builder grounding(GroundingPolicy grounding) {
            this.grounding = Objects.requireNonNull(grounding);
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
