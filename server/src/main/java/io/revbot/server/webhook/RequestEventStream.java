package io.revbot.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobQueue;
import io.revbot.server.queue.JobState;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /webhook/{tracking_id}/events}: a request's progress as Server-Sent Events, for the client that made it
 * (the same authentication and ownership as {@code GET /webhook/{tracking_id}}, refused before the stream opens).
 * First the request's {@code status} as stored, then what its run reported so far and, live, the rest: {@code status}
 * ({@code running}, or {@code queued} again while a failed attempt waits for its retry), {@code step} (a delegation
 * or tool call starting and ending), {@code answer_delta} (the answer as it is written), {@code answer} (as
 * delivered); last {@code result}, the body {@code GET /webhook/{tracking_id}} answers once the request is over, and
 * the stream closes. A request answered by another process, or finished long ago, gets its status and result from
 * the job queue, with a {@code status} (no {@code id}) whenever the stored status changes. Each event of the run
 * carries an {@code id}; a client reconnecting with {@code Last-Event-ID} is not sent
 * again what it saw. The stream ends after {@link #MAX_DURATION} at the latest.
 */
final class RequestEventStream {
    private static final System.Logger LOG = System.getLogger(RequestEventStream.class.getName());
    static final Duration MAX_DURATION = Duration.ofMinutes(15);
    /** How often the stored job is read while the run reports nothing (another process answers it, or it waits). */
    private static final Duration JOB_POLL = Duration.ofSeconds(1);
    /** How long to wait for the stored result once the run ended (the worker stores it right after). */
    private static final Duration RESULT_POLL = Duration.ofMillis(50);

    private final JobQueue queue;
    private final RequestEvents events;

    RequestEventStream(JobQueue queue, RequestEvents events) {
        this.queue = queue;
        this.events = events;
    }

    /** Streams {@code job} (already authenticated and owned by the caller) until it is over. */
    void stream(ServerRequest req, ServerResponse res, Job job) {
        TrackingId tracking = TrackingId.of(job.id());
        RequestEvents.Feed feed = events.feed(tracking);
        int next = lastEventId(req).map(id -> id + 1).orElse(0);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (SseSink sse = res.sink(SseSink.TYPE)) {
            // The id of the stored status line is -1: it is sent on every connection, replayed items are not.
            String stored = WebhookStatus.name(job.state());
            emit(sse, "status", -1, statusOf(stored));
            long end = System.nanoTime() + MAX_DURATION.toNanos();
            boolean runEnded = false;
            long nextJobRead = 0;
            while (System.nanoTime() < end) {
                List<RequestEvents.Item> items = feed.since(next, runEnded ? RESULT_POLL : JOB_POLL);
                for (RequestEvents.Item item : items) {
                    if (item.name().equals("run_ended")) {
                        runEnded = true;
                    } else {
                        emit(sse, item.name(), next, item.data());
                    }
                    next++;
                }
                if (System.nanoTime() >= nextJobRead || runEnded) {
                    nextJobRead = System.nanoTime() + JOB_POLL.toNanos();
                    Job now = queue.find(job.id()).orElse(job);
                    if (now.state() == JobState.SUCCEEDED || now.state() == JobState.DEAD) {
                        // What the run reported before the job was stored is in the feed: send it first.
                        for (RequestEvents.Item item : feed.since(next, Duration.ZERO)) {
                            if (!item.name().equals("run_ended")) {
                                emit(sse, item.name(), next, item.data());
                            }
                            next++;
                        }
                        emit(sse, "result", next, WebhookJson.write(WebhookStatus.of(now, queue)));
                        return;
                    }
                    String state = WebhookStatus.name(now.state());
                    if (!state.equals(stored)) {
                        // Said by the job queue: how a request answered by another process moves on.
                        stored = state;
                        emit(sse, "status", -1, statusOf(stored));
                    } else if (items.isEmpty()) {
                        // Also finds a gone client. Empty data: Helidon needs some, and EventSource dispatches none.
                        sse.emit(SseEvent.builder().comment("waiting").data("").build());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            LOG.log(Level.DEBUG, "events client of " + tracking + " went away: " + e.getMessage());
        }
    }

    private static String statusOf(String name) {
        ObjectNode status = WebhookJson.MAPPER.createObjectNode();
        status.put("status", name);
        return WebhookJson.write(status);
    }

    private static void emit(SseSink sse, String name, int id, String data) {
        SseEvent.Builder event = SseEvent.builder().name(name).data(data);
        if (id >= 0) {
            event.id(Integer.toString(id));
        }
        sse.emit(event.build());
    }

    private static java.util.Optional<Integer> lastEventId(ServerRequest req) {
        return req.headers().first(HeaderNames.create("Last-Event-ID")).flatMap(value -> {
            try {
                int id = Integer.parseInt(value.strip());
                return id >= 0 ? java.util.Optional.of(id) : java.util.Optional.empty();
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        });
    }
}
