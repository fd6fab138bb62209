package io.revbot.server.slack;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunException;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.Supervisor;
import io.revbot.orchestrator.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A supervisor that plays a realistic run: the manager delegates to deal analysis, which queries the warehouse and
 * reads call transcripts, with pauses between steps, then answers (or fails) as scripted per question. Records every
 * request with its start and end, and can hold runs at a gate to play a slow run.
 */
final class ScriptedSupervisor implements Supervisor {
    /** What a scripted run does for a question. */
    record Script(
            String answer,
            FailureKind failure,
            Duration stepPause,
            String proposeActionId,
            Duration writing,
            String delivered) {
        static Script answering(String answer) {
            return new Script(answer, null, Duration.ofMillis(20), null, Duration.ZERO, null);
        }

        static Script failing(FailureKind kind) {
            return new Script(null, kind, Duration.ofMillis(20), null, Duration.ZERO, null);
        }

        Script withPause(Duration pause) {
            return new Script(answer, failure, pause, proposeActionId, writing, delivered);
        }

        Script proposing(String actionId) {
            return new Script(answer, failure, stepPause, actionId, writing, delivered);
        }

        /** The writer streams the answer in fragments ({@code AnswerDelta}) spread over {@code duration}. */
        Script writingFor(Duration duration) {
            return new Script(answer, failure, stepPause, proposeActionId, duration, delivered);
        }

        /** The answer as delivered differs from what was streamed (a grounding note, a repair). */
        Script delivering(String text) {
            return new Script(answer, failure, stepPause, proposeActionId, writing, text);
        }
    }

    /** How many fragments a streaming writer sends. */
    static final int FRAGMENTS = 30;

    record Invocation(Request request, long startedNanos, long endedNanos) {}

    private final Function<Request, Script> scripts;
    private final List<Request> started = new CopyOnWriteArrayList<>();
    private final List<Invocation> finished = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final Map<io.revbot.orchestrator.RunId, Thread> running = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<io.revbot.orchestrator.RunId> cancelled =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    ScriptedSupervisor(Function<Request, Script> scripts) {
        this.scripts = scripts;
    }

    /** Holds every run after its first events until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    List<Request> started() {
        return List.copyOf(started);
    }

    List<Invocation> finished() {
        return List.copyOf(finished);
    }

    /** Interrupts the run, which then ends {@code CANCELLED}, as the real supervisor does. */
    @Override
    public boolean cancel(io.revbot.orchestrator.RunId runId) {
        Thread t = running.get(runId);
        if (t == null) {
            return false;
        }
        cancelled.add(runId);
        t.interrupt();
        return true;
    }

    @Override
    public RunResult run(Request request, RunListener listener) {
        long start = System.nanoTime();
        started.add(request);
        running.put(request.runId(), Thread.currentThread());
        Script script = scripts.apply(request);
        AgentName manager = AgentName.MANAGER;
        AgentName deals = AgentName.DEAL_ANALYSIS;
        try {
            listener.on(new RunEvent.RunStarted(request.runId(), Instant.now(), request, "Today is 2026-11-24"));
            listener.on(new RunEvent.InvocationStarted(
                    new RunEvent.Origin(request.runId(), Instant.now(), manager, new InvocationId("inv-m")),
                    null,
                    request.question()));
            pause(script);
            gate.await(30, TimeUnit.SECONDS);
            listener.on(new RunEvent.Routed(
                    request.runId(), Instant.now(), Routing.DELEGATED, List.of(deals), "deal question"));
            listener.on(new RunEvent.InvocationStarted(
                    new RunEvent.Origin(request.runId(), Instant.now(), deals, new InvocationId("inv-d")),
                    manager,
                    "Review the Acme renewal"));
            pause(script);
            listener.on(new RunEvent.ToolStarted(
                    new RunEvent.Origin(request.runId(), Instant.now(), deals, new InvocationId("inv-d")),
                    "call-1",
                    "run_sql",
                    "{\"sql\":\"select stage, amount from opportunity_d where name = 'Acme - Renewal'\"}"));
            pause(script);
            listener.on(new RunEvent.ToolFinished(
                    new RunEvent.Origin(request.runId(), Instant.now(), deals, new InvocationId("inv-d")),
                    "call-1",
                    "run_sql",
                    RunEvent.ToolStatus.OK,
                    "1 row",
                    null,
                    Duration.ofMillis(12),
                    Map.of("rows", 1)));
            listener.on(new RunEvent.KnowledgeReferenced(
                    new RunEvent.Origin(request.runId(), Instant.now(), deals, new InvocationId("inv-d")),
                    "business_logic/renewals.md",
                    "Renewal risk",
                    0.82));
            listener.on(new RunEvent.ToolStarted(
                    new RunEvent.Origin(request.runId(), Instant.now(), deals, new InvocationId("inv-d")),
                    "call-2",
                    "get_call_transcript",
                    "{\"call_id\":\"c-9\"}"));
            pause(script);
            if (script.proposeActionId() != null) {
                listener.on(new RunEvent.ActionProposed(
                        new RunEvent.Origin(
                                request.runId(), Instant.now(), AgentName.EXECUTION, new InvocationId("inv-e")),
                        script.proposeActionId(),
                        "Set Stage of Acme - Renewal from Propose to Negotiate"));
                pause(script);
            }
            if (script.failure() != null) {
                listener.on(new RunEvent.RunFailed(
                        request.runId(),
                        Instant.now(),
                        script.failure(),
                        "scripted failure",
                        Duration.ofNanos(System.nanoTime() - start),
                        TokenUsage.ZERO));
                throw new RunException(script.failure(), "scripted failure");
            }
            if (script.writing().isPositive()) {
                write(request, listener, script);
            }
            String delivered = script.delivered() == null ? script.answer() : script.delivered();
            listener.on(
                    new RunEvent.AnswerProduced(request.runId(), Instant.now(), delivered, Routing.DELEGATED, manager));
            RunResult result = new RunResult(
                    request.runId(),
                    request.session(),
                    delivered,
                    Routing.DELEGATED,
                    List.of(deals),
                    2,
                    new TokenUsage(1200, 300, 0, 0),
                    Duration.ofNanos(System.nanoTime() - start));
            listener.on(new RunEvent.RunSucceeded(request.runId(), Instant.now(), result));
            return result;
        } catch (InterruptedException e) {
            if (cancelled.contains(request.runId())) {
                listener.on(new RunEvent.RunFailed(
                        request.runId(),
                        Instant.now(),
                        FailureKind.CANCELLED,
                        "stopped",
                        Duration.ofNanos(System.nanoTime() - start),
                        TokenUsage.ZERO));
                throw new RunException(FailureKind.CANCELLED, "stopped");
            }
            Thread.currentThread().interrupt();
            throw new RunException(FailureKind.INTERNAL, "interrupted");
        } finally {
            running.remove(request.runId());
            finished.add(new Invocation(request, start, System.nanoTime()));
        }
    }

    /** The manager writes the answer in {@link #FRAGMENTS} fragments, evenly over the script's writing time. */
    private static void write(Request request, RunListener listener, Script script) throws InterruptedException {
        String answer = script.answer();
        long pause = script.writing().toNanos() / FRAGMENTS;
        for (int i = 0; i < FRAGMENTS; i++) {
            int from = answer.length() * i / FRAGMENTS;
            int to = answer.length() * (i + 1) / FRAGMENTS;
            Thread.sleep(Duration.ofNanos(pause));
            if (to > from) {
                listener.on(new RunEvent.AnswerDelta(
                        request.runId(), Instant.now(), AgentName.MANAGER, answer.substring(from, to)));
            }
        }
    }

    private static void pause(Script script) throws InterruptedException {
        Thread.sleep(script.stepPause());
    }
}
