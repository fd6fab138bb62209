package io.revbot.server.webhook;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A supervisor that answers from a script: the answer is {@code "**Answer** to: <question>"} unless the question
 * starts with {@code fail:} (a run failure of that kind); it waits for {@link #release} when {@code hold} is set.
 * Records every request it ran.
 */
public final class ScriptedSupervisor implements Supervisor {
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile Duration delay = Duration.ZERO;
    private volatile List<String> deltas = List.of();
    private volatile Duration deltaGap = Duration.ZERO;

    public ScriptedSupervisor holding() {
        hold = new CountDownLatch(1);
        return this;
    }

    public ScriptedSupervisor delay(Duration d) {
        delay = d;
        return this;
    }

    /**
     * Runs as a delegation would look: the deal analyst works (one tool call), then the answer is written in these
     * fragments, {@code gap} apart; the answer is the fragments joined.
     */
    public ScriptedSupervisor writing(List<String> fragments, Duration gap) {
        deltas = List.copyOf(fragments);
        deltaGap = gap;
        return this;
    }

    public void release() {
        hold.countDown();
    }

    @Override
    public RunResult run(Request request, RunListener listener) {
        requests.add(request);
        Instant start = Instant.now();
        listener.on(new RunEvent.RunStarted(request.runId(), start, request, "test"));
        try {
            if (!hold.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunException(FailureKind.INTERNAL, "interrupted");
        }
        if (request.question().startsWith("fail:")) {
            FailureKind kind =
                    FailureKind.valueOf(request.question().substring(5).strip());
            listener.on(new RunEvent.RunFailed(
                    request.runId(), Instant.now(), kind, "scripted " + kind, Duration.ZERO, TokenUsage.ZERO));
            throw new RunException(kind, "Sorry, that did not work (" + kind + ").");
        }
        String answer = "**Answer** to: " + request.question();
        if (!deltas.isEmpty()) {
            answer = String.join("", deltas);
            write(request, listener);
        }
        listener.on(new RunEvent.ModelCalled(
                new RunEvent.Origin(request.runId(), Instant.now(), AgentName.MANAGER, new InvocationId("inv-1")),
                "scripted-model",
                new TokenUsage(10, 5, 0, 0),
                Duration.ofMillis(1),
                "end_turn"));
        listener.on(new RunEvent.InvocationFinished(
                new RunEvent.Origin(request.runId(), Instant.now(), AgentName.MANAGER, new InvocationId("inv-1")),
                RunEvent.AgentOutcome.COMPLETED,
                "answer",
                null,
                Duration.ofMillis(2)));
        RunResult result = new RunResult(
                request.runId(),
                request.session(),
                answer,
                Routing.DIRECT,
                List.of(),
                0,
                new TokenUsage(10, 5, 0, 0),
                Duration.between(start, Instant.now()));
        if (!deltas.isEmpty()) {
            listener.on(new RunEvent.AnswerProduced(
                    request.runId(), Instant.now(), answer, Routing.DIRECT, AgentName.MANAGER));
        }
        listener.on(new RunEvent.RunSucceeded(request.runId(), Instant.now(), result));
        return result;
    }

    private void write(Request request, RunListener listener) {
        RunEvent.Origin deal = new RunEvent.Origin(
                request.runId(), Instant.now(), AgentName.DEAL_ANALYSIS, new InvocationId("deal_analysis-2"));
        listener.on(new RunEvent.InvocationStarted(deal, AgentName.MANAGER, "Review Orion Health"));
        listener.on(new RunEvent.ToolStarted(deal, "call-1", "deal_review", "{\"opportunity\":\"Orion Health\"}"));
        listener.on(new RunEvent.ToolFinished(
                deal, "call-1", "deal_review", RunEvent.ToolStatus.OK, "{}", null, Duration.ofMillis(3), null));
        listener.on(new RunEvent.InvocationFinished(
                deal, RunEvent.AgentOutcome.COMPLETED, "reviewed", null, Duration.ofMillis(5)));
        for (String fragment : deltas) {
            try {
                Thread.sleep(deltaGap);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunException(FailureKind.CANCELLED, "interrupted");
            }
            listener.on(new RunEvent.AnswerDelta(request.runId(), Instant.now(), AgentName.MANAGER, fragment));
        }
    }
}
