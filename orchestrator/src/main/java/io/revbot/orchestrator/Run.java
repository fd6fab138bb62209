package io.revbot.orchestrator;

import io.revbot.agents.AgentName;
import io.revbot.tools.ToolObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one run shared by its invocations: the listener, the deadline, the token budget and the event
 * stream's end. Once {@link #succeed} or {@link #fail} ran, nothing more is emitted (a late branch that ignored its
 * cancellation stays silent), which keeps {@link RunEvent}'s ordering guarantees.
 */
final class Run {
    private static final System.Logger LOG = System.getLogger(Run.class.getName());
    /** Tool output kept per run for {@link #priorResults()}: a few large transcripts and query results. */
    static final long MAX_RESULT_CHARS = 4_000_000;

    final Request request;
    final RunLimits limits;
    final Clock clock;
    final Instant started;
    final Instant deadline;
    private final RunListener listener;
    private final AtomicInteger invocationCounter = new AtomicInteger();
    private final AtomicInteger toolCalls = new AtomicInteger();
    private final List<Invocation> open = new ArrayList<>();
    /** The whole results of the run's data tools, for the grounding check. */
    final Evidence evidence = new Evidence();

    private final Set<AgentName> agentsUsed = new LinkedHashSet<>();
    /** What tools returned so far (their own lock-free queue: invocations add while holding their own lock). */
    private final ConcurrentLinkedQueue<ToolObserver.PriorResult> results = new ConcurrentLinkedQueue<>();

    private final AtomicLong resultChars = new AtomicLong();
    private TokenUsage usage = TokenUsage.ZERO;
    private boolean closed;
    /** The failure that ended the run, once it failed. */
    private RunException ended;

    Run(Request request, RunListener listener, RunLimits limits, Clock clock) {
        this.request = request;
        this.listener = listener;
        this.limits = limits;
        this.clock = clock;
        this.started = clock.instant();
        this.deadline = started.plus(limits.runDeadline());
    }

    Instant now() {
        return clock.instant();
    }

    Duration remaining() {
        Duration left = Duration.between(now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    void checkDeadline() {
        if (!now().isBefore(deadline)) {
            throw new RunDeadlineExceeded(limits.runDeadline());
        }
    }

    /** Adds one model call's tokens (every kind); throws when the run is now over budget. */
    void addUsage(TokenUsage callUsage) {
        TokenUsage now;
        synchronized (this) {
            usage = usage.plus(callUsage);
            now = usage;
        }
        if (now.total() > limits.tokenBudget()) {
            throw new TokenBudgetExceeded(limits.tokenBudget(), now, callUsage);
        }
    }

    synchronized TokenUsage usage() {
        return usage;
    }

    int countToolCall() {
        return toolCalls.incrementAndGet();
    }

    int toolCalls() {
        return toolCalls.get();
    }

    /**
     * Keeps what a tool returned, for later tools of the run to see (what a proposal was based on, whether a web
     * search repeats tool output). Texts beyond {@link #MAX_RESULT_CHARS} in total keep only the tool's name.
     */
    void recordResult(String tool, String result) {
        String text = result == null ? "" : result;
        if (resultChars.addAndGet(text.length()) > MAX_RESULT_CHARS) {
            text = "";
        }
        results.add(new ToolObserver.PriorResult(tool, text));
    }

    List<ToolObserver.PriorResult> priorResults() {
        return List.copyOf(results);
    }

    synchronized void delegatedTo(AgentName agent) {
        agentsUsed.add(agent);
    }

    synchronized List<AgentName> agentsUsed() {
        return List.copyOf(agentsUsed);
    }

    /** Starts an invocation and emits its {@link RunEvent.InvocationStarted}. */
    Invocation startInvocation(AgentName agent, AgentName requestedBy, String input) {
        InvocationId id = InvocationId.of(agent, invocationCounter.incrementAndGet());
        Invocation invocation = new Invocation(this, agent, id, now());
        synchronized (this) {
            if (closed) {
                invocation.silence();
            } else {
                open.add(invocation);
            }
        }
        invocation.emit(new RunEvent.InvocationStarted(invocation.origin(invocation.started), requestedBy, input));
        return invocation;
    }

    synchronized void finished(Invocation invocation) {
        open.remove(invocation);
    }

    /** Emits a run-level event unless the run already ended. */
    synchronized void emit(RunEvent event) {
        if (!closed) {
            deliver(event);
        }
    }

    /** Delivers without the run-level check; invocations guard themselves. */
    void deliver(RunEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "run listener failed on " + event.getClass().getSimpleName(),
                    e);
        }
    }

    /** Ends the stream with {@link RunEvent.RunSucceeded}; false when it had ended already (the run was stopped). */
    synchronized boolean succeed(RunResult result) {
        if (closed) {
            return false;
        }
        closeOpen(RunEvent.AgentOutcome.FAILED, "the run ended");
        deliver(new RunEvent.RunSucceeded(request.runId(), now(), result));
        closed = true;
        return true;
    }

    /**
     * Ends the stream with {@link RunEvent.RunFailed}; returns the exception for the caller to throw: the one that
     * ended the run, when it had ended already (a stopped run stays stopped).
     */
    synchronized RunException fail(RunException failure) {
        if (closed) {
            return ended == null ? failure : ended;
        }
        ended = failure;
        RunEvent.AgentOutcome outcome =
                failure.kind() == FailureKind.DEADLINE ? RunEvent.AgentOutcome.TIMED_OUT : RunEvent.AgentOutcome.FAILED;
        closeOpen(outcome, failure.getMessage());
        deliver(new RunEvent.RunFailed(
                request.runId(), now(), failure.kind(), failure.getMessage(), Duration.between(started, now()), usage));
        closed = true;
        return failure;
    }

    /** Ends a run still going with {@code cancelled}; false when it had ended already. */
    synchronized boolean cancel(RunException cancelled) {
        if (closed) {
            return false;
        }
        fail(cancelled);
        return true;
    }

    private void closeOpen(RunEvent.AgentOutcome outcome, String reason) {
        // Innermost (latest) first, so a specialist ends before the manager that asked it.
        List<Invocation> toClose = new ArrayList<>(open);
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).abandon(outcome, reason);
        }
        open.clear();
    }
}
