package io.revbot.server.slack;

import com.google.gson.JsonObject;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.RunListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run's answer streamed into its Slack thread as an agent: delegations and tool calls as task updates while they
 * start and finish, the answer's text as its writer's model produces it ({@link RunEvent.AnswerDelta}), then the
 * sources and the feedback buttons when the stream stops ({@code chat.startStream} / {@code appendStream} /
 * {@code stopStream}).
 *
 * <p>Buffered: what arrives between two Slack calls goes out in one, and calls are at least {@code interval} apart
 * ({@code appendStream} is a tier 4 method, 100+ per minute), so a model writing fifty deltas a second costs a
 * couple of calls a second. The first call goes out at once, so the first words reach the thread while the model
 * is still writing. Slack calls happen in order on one virtual thread of their own, never on the run's threads; a
 * Slack failure is logged and never fails the run.
 *
 * <p>The delivered answer ({@link #finishAnswer}) is reconciled with the streamed draft: when it extends the draft
 * (the grounding note naming untraced figures) the rest is appended; when it differs (a repair rewrote figures) the
 * corrected answer follows the draft under a line saying so, because streamed text cannot be taken back.
 */
final class SlackStream implements RunListener {
    static final String FEEDBACK_ACTION = "revbot_feedback";
    static final String REVISED = "\n\n---\n**Revised after checking the figures against the data:**\n\n";

    private static final System.Logger LOG = System.getLogger(SlackStream.class.getName());

    private final SlackAgentApi api;
    private final SlackApprovals approvals;
    private final SlackThread thread;
    private final Principal.SlackUser asker;
    private final Duration interval;
    private final ExecutorService outbox = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("slack-stream").factory());

    private final Object lock = new Object();
    /** Text received and not yet sent; guarded by {@link #lock}. */
    private final StringBuilder pendingText = new StringBuilder();
    /** Task updates not yet sent, the latest per task; guarded by {@link #lock}. */
    private final Map<String, JsonObject> pendingTasks = new LinkedHashMap<>();
    /** Every delta received: the draft the delivered answer is reconciled with; guarded by {@link #lock}. */
    private final StringBuilder draft = new StringBuilder();

    private boolean flushQueued; // guarded by lock
    private volatile boolean stopped;
    private final Map<String, String> taskTitles = new ConcurrentHashMap<>();
    private final AnswerSources sources = new AnswerSources();

    private final List<String> proposedActions = new CopyOnWriteArrayList<>();

    /** The streamed message; touched only on the outbox thread. */
    private String streamTs;

    private long lastCallNanos = Long.MIN_VALUE; // outbox thread only
    private boolean streamBroken; // outbox thread only

    SlackStream(
            SlackAgentApi api,
            SlackApprovals approvals,
            SlackThread thread,
            Principal.SlackUser asker,
            Duration interval) {
        this.api = Objects.requireNonNull(api, "api");
        this.approvals = approvals;
        this.thread = Objects.requireNonNull(thread, "thread");
        this.asker = Objects.requireNonNull(asker, "asker");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public void on(RunEvent event) {
        if (stopped) {
            return;
        }
        switch (event) {
            case RunEvent.ToolStarted t -> {
                String title = NarrationText.task(t.tool(), t.argumentsJson());
                sources.toolStarted(t.toolCallId(), title);
                task("tool-" + t.toolCallId(), title, "in_progress", null);
            }
            case RunEvent.ToolFinished f -> {
                String title = sources.toolCall(f.toolCallId(), NarrationText.task(f.tool(), null));
                boolean ok = f.status() == RunEvent.ToolStatus.OK;
                task(
                        "tool-" + f.toolCallId(),
                        title,
                        ok ? "complete" : "error",
                        ok ? null : "it failed; working around it");
            }
            case RunEvent.InvocationStarted s -> {
                if (s.requestedBy() != null) {
                    task("agent-" + s.invocation().value(), NarrationText.delegation(s.agent()), "in_progress", null);
                }
            }
            case RunEvent.InvocationFinished f -> {
                String id = "agent-" + f.invocation().value();
                if (taskTitles.containsKey(id)) {
                    boolean ok = f.outcome() == RunEvent.AgentOutcome.COMPLETED
                            || f.outcome() == RunEvent.AgentOutcome.HANDED_BACK;
                    task(id, taskTitles.get(id), ok ? "complete" : "error", null);
                }
            }
            case RunEvent.ActionProposed proposed -> {
                proposedActions.add(proposed.actionId());
                submit("approval request", () -> {
                    if (approvals == null) {
                        LOG.log(System.Logger.Level.WARNING, "an action was proposed but approvals are not configured");
                        return;
                    }
                    approvals.propose(thread, proposed.actionId(), proposed.summary(), asker);
                });
            }
            case RunEvent.KnowledgeReferenced k -> sources.knowledge(k.document(), k.section());
            case RunEvent.AnswerDelta delta -> text(delta.text());
            case RunEvent.AnswerProduced produced -> sources.grounding(produced.grounding());
            case RunEvent.RunStarted e -> {}
            case RunEvent.RouteDecided e -> {}
            case RunEvent.Routed e -> {}
            case RunEvent.ModelCalled e -> {}
            case RunEvent.RunSucceeded e -> {}
            case RunEvent.RunFailed e -> {}
        }
    }

    private void task(String id, String title, String status, String details) {
        taskTitles.put(id, title);
        JsonObject chunk = new JsonObject();
        chunk.addProperty("type", "task_update");
        chunk.addProperty("id", id);
        chunk.addProperty("title", title);
        chunk.addProperty("status", status);
        if (details != null) {
            chunk.addProperty("details", details);
        }
        synchronized (lock) {
            pendingTasks.put(id, chunk);
        }
        schedule();
    }

    private void text(String fragment) {
        if (fragment.isEmpty()) {
            return;
        }
        synchronized (lock) {
            draft.append(fragment);
            pendingText.append(fragment);
        }
        schedule();
    }

    private void schedule() {
        synchronized (lock) {
            if (flushQueued) {
                return;
            }
            flushQueued = true;
        }
        submit("stream update", this::flush);
    }

    /** Sends what accumulated, no sooner than {@code interval} after the previous call. */
    private void flush() throws InterruptedException {
        pace();
        SlackAgentApi.Content content;
        synchronized (lock) {
            flushQueued = false;
            content = take();
        }
        if (!stopped && !content.isEmpty()) {
            send(content);
        }
    }

    /** Takes the pending text (at most one call's worth) and task updates; the caller holds the lock. */
    private SlackAgentApi.Content take() {
        int n = Math.min(pendingText.length(), SlackAgentApi.MARKDOWN_LIMIT);
        String text = pendingText.substring(0, n);
        pendingText.delete(0, n);
        List<JsonObject> chunks = new ArrayList<>(pendingTasks.values());
        pendingTasks.clear();
        return new SlackAgentApi.Content(text, chunks);
    }

    private void send(SlackAgentApi.Content content) {
        if (streamBroken) {
            return;
        }
        try {
            if (streamTs == null) {
                streamTs = api.startStream(thread, asker.userId(), asker.teamId(), content);
            } else {
                api.appendStream(thread.channel(), streamTs, content);
            }
        } catch (RuntimeException e) {
            if (streamTs == null) {
                streamBroken = true; // the answer then goes as a plain message at the end
            }
            LOG.log(System.Logger.Level.WARNING, "streaming in " + thread.key() + " failed: " + e.getMessage());
        } finally {
            lastCallNanos = System.nanoTime();
        }
    }

    private void pace() throws InterruptedException {
        if (lastCallNanos == Long.MIN_VALUE) {
            return;
        }
        long wait = lastCallNanos + interval.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** The Stop button was clicked: nothing more is sent for this run (Slack has ended the stream itself). */
    void stopRequested() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Ends the stream with the delivered answer (reconciled with the draft), its sources and the feedback buttons for
     * {@code runId}; the session is left {@code suspended} while an action it proposed awaits approval, else
     * {@code active}. Returns whether everything reached Slack within {@code timeout}.
     */
    boolean finishAnswer(String answer, RunId runId, SlackApi plain, Duration timeout) {
        synchronized (lock) {
            String streamed = draft.toString();
            if (streamed.isEmpty()) {
                pendingText.append(answer);
            } else if (answer.startsWith(streamed)) {
                pendingText.append(answer, streamed.length(), answer.length());
            } else {
                pendingText.append(REVISED).append(answer);
            }
        }
        SlackAgentApi.SessionStatus status = proposedActions.stream().anyMatch(this::awaitsApproval)
                ? SlackAgentApi.SessionStatus.SUSPENDED
                : SlackAgentApi.SessionStatus.ACTIVE;
        return end(SlackFeedback.buttons(runId), status, answer, plain, timeout);
    }

    /** Ends the stream with a failure message (no feedback: there is no answer to rate). */
    boolean finishFailure(String message, SlackApi plain, Duration timeout) {
        synchronized (lock) {
            pendingText.setLength(0);
            pendingText.append(message);
        }
        return end(null, SlackAgentApi.SessionStatus.ACTIVE, message, plain, timeout);
    }

    /** After a Stop: sends nothing but the session's return to {@code active} (Slack leaves it processing). */
    boolean finishStopped(Duration timeout) {
        stopped = true;
        return await(
                () -> api.setStatus(thread, SlackAgentApi.SessionStatus.ACTIVE, null, null), timeout, "session status");
    }

    private boolean end(
            com.google.gson.JsonArray blocks,
            SlackAgentApi.SessionStatus status,
            String whole,
            SlackApi plain,
            Duration timeout) {
        if (stopped) {
            return finishStopped(timeout);
        }
        return await(
                () -> {
                    pace();
                    List<SlackAgentApi.Content> calls = new ArrayList<>();
                    synchronized (lock) {
                        flushQueued = true; // no flush after this: it is the last word
                        do {
                            calls.add(take());
                        } while (pendingText.length() > 0);
                    }
                    // everything but the last piece as start/append; the last piece closes the stream
                    for (int i = 0; i < calls.size() - 1; i++) {
                        send(calls.get(i));
                        pace();
                    }
                    SlackAgentApi.Content last = calls.get(calls.size() - 1);
                    if (streamTs == null && !streamBroken) {
                        send(last);
                        last = SlackAgentApi.Content.text("");
                    }
                    if (streamTs == null) {
                        fallback(plain, whole, status);
                        return;
                    }
                    api.stopStream(thread.channel(), streamTs, withSources(last), blocks, status);
                },
                timeout,
                "the answer");
    }

    /** The stream could not start: the whole text as a plain message, and the session status set on its own. */
    private void fallback(SlackApi plain, String whole, SlackAgentApi.SessionStatus status) {
        for (String message : new SlackMessageSplitter(SlackMessageSplitter.DEFAULT_LIMIT)
                .split(new MrkdwnRenderer().render(whole))) {
            plain.post(thread.channel(), thread.threadTs(), message, List.of());
        }
        api.setStatus(thread, status, null, null);
    }

    /** The last piece of the stream with the sources under it ({@link AnswerSources}). */
    private SlackAgentApi.Content withSources(SlackAgentApi.Content last) {
        return new SlackAgentApi.Content(last.markdown() + sources.markdown(), last.chunks());
    }

    private boolean awaitsApproval(String actionId) {
        return approvals != null && approvals.pending(actionId);
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }

    private boolean await(Task last, Duration timeout, String what) {
        boolean interrupted = Thread.interrupted(); // a timed-out run still owes the thread its ending
        try {
            Future<?> done = outbox.submit(() -> {
                last.run();
                return null;
            });
            outbox.shutdown();
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "could not send " + what + " in " + thread.key(), e.getCause());
            return false;
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "sending " + what + " in " + thread.key() + " timed out");
            outbox.shutdownNow();
            return false;
        } catch (InterruptedException | RejectedExecutionException e) {
            interrupted |= e instanceof InterruptedException;
            outbox.shutdownNow();
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void submit(String what, Task task) {
        try {
            outbox.execute(() -> {
                try {
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, what + " in " + thread.key() + " failed: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException finished) {
            LOG.log(System.Logger.Level.DEBUG, what + " after the run finished was dropped");
        }
    }
}
