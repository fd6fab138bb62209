package io.revbot.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happened so far in each webhook request this process answers, for {@code GET /webhook/{id}/events}: the run's
 * events as the stream shows them ({@link Item}: {@code status}, {@code step}, {@code answer_delta}, {@code answer},
 * {@code run_ended}), kept per tracking id so a client that connects late gets them replayed, then the rest live. A
 * request's items are dropped {@link #KEEP} after its run ended (the stream then answers from the job's stored
 * result), and at most {@link #MAX_ITEMS} are kept per request.
 */
public final class RequestEvents {
    /** How long a finished request's items stay for late clients. */
    static final Duration KEEP = Duration.ofMinutes(10);

    static final int MAX_ITEMS = 10_000;
    private static final int MAX_TEXT = 300;

    private final Clock clock;
    private final Map<TrackingId, Feed> feeds = new ConcurrentHashMap<>();

    public RequestEvents(Clock clock) {
        this.clock = clock;
    }

    /** One event of a request's stream: its SSE event name and JSON data. */
    record Item(String name, String data) {}

    /** The listener for the run(s) answering {@code tracking}: their events become the request's items. */
    RunListener listenerFor(TrackingId tracking) {
        sweep();
        Feed feed = feed(tracking);
        Set<InvocationId> agentSteps = ConcurrentHashMap.newKeySet();
        return event -> item(event, agentSteps).ifPresent(feed::add);
    }

    /** The request's feed, empty until its run reports (or forever, when another process answers it). */
    Feed feed(TrackingId tracking) {
        sweep();
        return feeds.computeIfAbsent(tracking, t -> new Feed(clock));
    }

    private void sweep() {
        Instant now = clock.instant();
        feeds.values().removeIf(feed -> feed.expired(now));
    }

    /** The items of one request, appended by its run, read by any number of streams. */
    static final class Feed {
        private final List<Item> items = new ArrayList<>();
        private final Clock clock;
        private final Instant created;
        private Instant ended;

        Feed(Clock clock) {
            this.clock = clock;
            this.created = clock.instant();
        }

        synchronized void add(Item item) {
            if (items.size() < MAX_ITEMS || item.name().equals("run_ended")) {
                items.add(item);
            }
            if (item.name().equals("run_ended")) {
                ended = clock.instant();
            }
            notifyAll();
        }

        /** The items from {@code from} on, waiting up to {@code wait} for one when there is none yet. */
        synchronized List<Item> since(int from, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (items.size() <= from) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(items.subList(from, items.size()));
        }

        synchronized boolean expired(Instant now) {
            Instant since = ended != null ? ended : created.plus(Duration.ofHours(1));
            return since.plus(KEEP).isBefore(now);
        }
    }

    /** How the stream shows an event; empty for what it leaves out (model calls, knowledge references…). */
    static java.util.Optional<Item> item(RunEvent event, Set<InvocationId> agentSteps) {
        ObjectNode data = WebhookJson.MAPPER.createObjectNode();
        String name;
        switch (event) {
            case RunEvent.RunStarted ignored -> {
                name = "status";
                data.put("status", "running");
            }
            case RunEvent.InvocationStarted s
            when s.requestedBy() != null -> {
                agentSteps.add(s.invocation());
                name = "step";
                data.put("kind", "agent").put("id", s.invocation().value());
                data.put("agent", s.agent().value()).put("title", s.agent().displayName() + " is working");
                data.put("state", "started").put("request", bounded(s.input()));
            }
            case RunEvent.InvocationFinished f
            when agentSteps.remove(f.invocation()) -> {
                name = "step";
                data.put("kind", "agent")
                        .put("id", f.invocation().value())
                        .put("agent", f.agent().value());
                data.put("state", f.outcome().name().toLowerCase(Locale.ROOT));
            }
            case RunEvent.ToolStarted t
            when !t.tool().startsWith("ask_") -> {
                name = "step";
                data.put("kind", "tool")
                        .put("id", t.toolCallId())
                        .put("agent", t.agent().value());
                data.put("tool", t.tool()).put("state", "started");
            }
            case RunEvent.ToolFinished t
            when !t.tool().startsWith("ask_") -> {
                name = "step";
                data.put("kind", "tool")
                        .put("id", t.toolCallId())
                        .put("agent", t.agent().value());
                data.put("tool", t.tool()).put("state", t.status().name().toLowerCase(Locale.ROOT));
                data.put("duration_ms", t.duration().toMillis());
            }
            case RunEvent.AnswerDelta d -> {
                name = "answer_delta";
                data.put("agent", d.writer().value()).put("text", d.text());
            }
            case RunEvent.AnswerProduced a -> {
                // The answer as delivered: it may add the grounding note to the deltas, or replace them.
                name = "answer";
                data.put("text", a.answer());
            }
            case RunEvent.RunSucceeded ignored -> {
                name = "run_ended";
                data.put("status", "succeeded");
            }
            case RunEvent.RunFailed f
            when f.kind() == FailureKind.MODEL_UNAVAILABLE -> {
                // The job is retried: the request is queued again, not over.
                name = "status";
                data.put("status", "queued").put("retrying", true);
            }
            case RunEvent.RunFailed f -> {
                name = "run_ended";
                data.put("status", "failed").put("kind", f.kind().name().toLowerCase(Locale.ROOT));
            }
            default -> {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(new Item(name, WebhookJson.write(data)));
    }

    private static String bounded(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip();
        return line.length() <= MAX_TEXT ? line : line.substring(0, MAX_TEXT) + "…";
    }
}
