package io.revbot.server.slack;

import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import io.revbot.tools.UpstreamException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run's presence in its Slack thread: keeps the status message up to date from the run's events
 * ({@code chat.update}, at most one call per channel slot of {@link ChannelThrottle}, only the latest status is
 * sent), posts approval requests as actions are proposed, and at the end replaces the status with the answer.
 *
 * <p>Slack calls happen in order on one virtual thread of its own, never on the run's threads: {@link #on} only
 * records and returns. A Slack failure is logged and never fails the run.
 */
final class SlackNarration implements RunListener {
    private static final System.Logger LOG = System.getLogger(SlackNarration.class.getName());

    private final SlackApi slack;
    private final ChannelThrottle throttle;
    private final SlackApprovals approvals;
    private final SlackThread thread;
    private final String statusTs;
    private final Principal.SlackUser requester;
    private final ExecutorService outbox = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("slack-narration").factory());
    private final AtomicReference<String> latest = new AtomicReference<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private volatile boolean finishing;
    /** What the status message shows now; touched only on the outbox thread. */
    private String shown = NarrationText.STARTING;

    SlackNarration(
            SlackApi slack,
            ChannelThrottle throttle,
            SlackApprovals approvals,
            SlackThread thread,
            String statusTs,
            Principal.SlackUser requester) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.approvals = approvals;
        this.thread = Objects.requireNonNull(thread, "thread");
        this.statusTs = Objects.requireNonNull(statusTs, "statusTs");
        this.requester = Objects.requireNonNull(requester, "requester");
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.ActionProposed proposed) {
            submit("approval request", () -> {
                if (approvals == null) {
                    LOG.log(System.Logger.Level.WARNING, "an action was proposed but approvals are not configured");
                    return;
                }
                throttle.acquire(thread.channel());
                approvals.propose(thread, proposed.actionId(), proposed.summary(), requester);
            });
        }
        NarrationText.of(event).ifPresent(this::status);
    }

    private void status(String text) {
        if (finishing) {
            return;
        }
        latest.set(text);
        if (flushQueued.compareAndSet(false, true)) {
            submit("status update", this::flush);
        }
    }

    private void flush() throws InterruptedException {
        if (finishing) {
            flushQueued.set(false);
            return;
        }
        throttle.acquire(thread.channel());
        flushQueued.set(false); // statuses arriving from here on queue another flush
        String text = latest.get();
        if (text == null || text.equals(shown) || finishing) {
            return;
        }
        slack.update(thread.channel(), statusTs, text, List.of());
        shown = text;
    }

    /**
     * Replaces the status message with {@code messages[0]} and posts the rest in the thread, after anything already
     * queued. Waits up to {@code timeout}; returns whether every message reached Slack.
     */
    boolean finish(List<String> messages, Duration timeout) {
        finishing = true;
        boolean interrupted = Thread.interrupted(); // a timed-out run still owes the thread a message
        try {
            Future<?> delivery = outbox.submit(() -> {
                deliver(messages);
                return null;
            });
            outbox.shutdown();
            delivery.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "could not post the answer in " + thread.key(), e.getCause());
            return false;
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "posting the answer in " + thread.key() + " timed out");
            outbox.shutdownNow();
            return false;
        } catch (InterruptedException e) {
            interrupted = true;
            outbox.shutdownNow();
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deliver(List<String> messages) throws InterruptedException {
        for (int i = 0; i < messages.size(); i++) {
            throttle.acquire(thread.channel());
            if (i == 0) {
                try {
                    slack.update(thread.channel(), statusTs, messages.get(0), List.of());
                    continue;
                } catch (UpstreamException e) {
                    // the status message may have been deleted: say it in a new message instead
                    LOG.log(System.Logger.Level.INFO, "could not replace the status message: " + e.getMessage());
                    throttle.acquire(thread.channel());
                }
            }
            slack.post(thread.channel(), thread.threadTs(), messages.get(i), List.of());
        }
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
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
