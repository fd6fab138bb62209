package io.revbot.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.SessionId;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobQueue;
import io.revbot.server.queue.NewJob;
import io.revbot.tools.http.OutboundUrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /webhook} and {@code GET /webhook/{tracking_id}} (ARCHITECTURE §4). A question is authenticated
 * ({@link WebhookAccess}: the Bearer token names the API client), rate-limited per client, validated, and written to
 * the job queue before the 202 answer, so an accepted request survives a crash. The request belongs to its client:
 * its session is the client's own ({@code session_id} names one of the client's conversations, never another
 * client's or a Slack thread) and only the client can read its status. Every refusal has the body
 * {@code {"success": false, "error": {"code", "message"}}}. {@code GET /webhook/{tracking_id}/events} streams the
 * request's progress as Server-Sent Events ({@link RequestEventStream}) under the same rules.
 */
public final class WebhookApi implements HttpService {
    private static final System.Logger LOG = System.getLogger(WebhookApi.class.getName());
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int REQUEST_ATTEMPTS = 3;

    private final JobQueue queue;
    private final WebhookAccess access;
    private final OutboundUrlGuard guard;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final RequestEventStream eventStream;
    private volatile long depth;
    private volatile long depthReadAt = System.nanoTime() - 2_000_000_000L;

    /**
     * @param access who is calling and which requests they may follow
     * @param rateLimitPerMinute requests a minute per client (bursts up to the same number)
     */
    public WebhookApi(
            JobQueue queue, WebhookAccess access, OutboundUrlGuard guard, int rateLimitPerMinute, Clock clock) {
        this(queue, access, guard, rateLimitPerMinute, clock, new RequestEvents(clock));
    }

    /** @param events what the runs of this process reported, shared with the {@link WebhookRequestHandler} */
    public WebhookApi(
            JobQueue queue,
            WebhookAccess access,
            OutboundUrlGuard guard,
            int rateLimitPerMinute,
            Clock clock,
            RequestEvents events) {
        this.eventStream = new RequestEventStream(queue, events);
        this.queue = queue;
        this.access = access;
        this.guard = guard;
        this.rateLimiter = new RateLimiter(rateLimitPerMinute, clock);
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::accept).get("/{trackingId}", this::status).get("/{trackingId}/events", this::events);
    }

    private void events(ServerRequest req, ServerResponse res) {
        Job job;
        try {
            Principal.ApiClient caller = access.authenticate(req, res);
            job = access.ownedRequest(req.path().pathParameters().get("trackingId"), caller);
        } catch (RuntimeException e) {
            respond(res, () -> {
                throw e;
            });
            return;
        }
        eventStream.stream(req, res, job);
    }

    private void accept(ServerRequest req, ServerResponse res) {
        respond(res, () -> {
            Principal.ApiClient caller = access.authenticate(req, res);
            limitRate(caller, res);
            requireJson(req);
            JsonNode body = readBody(req);
            WebhookRequest request = WebhookRequest.parse(body, guard);
            Instant now = clock.instant();
            String session = request.sessionId().orElseGet(() -> "webhook-" + UUID.randomUUID());
            SessionId key = SessionId.of(Channel.WEBHOOK, caller, session);
            String payload = WebhookJson.write(new WebhookJson.RequestJob(
                    request.query(),
                    request.sourceSystem(),
                    request.sourceProcess(),
                    request.timestamp().orElse(null),
                    session,
                    request.webhookUrl().map(Object::toString).orElse(null),
                    now,
                    caller.name()));
            // A client's Idempotency-Key makes its retries land on the same job; otherwise every call is new.
            String idempotencyKey = req.headers()
                    .first(HeaderNames.create("Idempotency-Key"))
                    .filter(k -> !k.isBlank() && k.length() <= 200)
                    .map(k -> "webhook:request:" + caller.id() + ":" + k)
                    .orElseGet(() -> "webhook:request:" + UUID.randomUUID());
            JobQueue.Enqueued enqueued = queue.enqueue(new NewJob(
                    JobKind.WEBHOOK_REQUEST,
                    idempotencyKey,
                    "session:" + key.value(),
                    payload,
                    REQUEST_ATTEMPTS,
                    caller.id()));
            ObjectNode out = WebhookJson.MAPPER.createObjectNode();
            out.put("success", true);
            out.put("tracking_id", enqueued.id().value());
            out.put("message", enqueued.created() ? "Request queued for processing" : "Request already queued");
            out.put("queued_at", now.toString());
            out.put("estimated_processing_time", estimate());
            out.put("session_id", session);
            return new Reply(202, out);
        });
    }

    private void status(ServerRequest req, ServerResponse res) {
        respond(res, () -> {
            Principal.ApiClient caller = access.authenticate(req, res);
            Job job = access.ownedRequest(req.path().pathParameters().get("trackingId"), caller);
            return new Reply(200, WebhookStatus.of(job, queue));
        });
    }

    private void limitRate(Principal.ApiClient caller, ServerResponse res) {
        Duration wait = rateLimiter.acquire(caller.id());
        if (!wait.isZero()) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            throw new WebhookApiException(429, "rate_limited", "too many requests for this token; retry later");
        }
    }

    private static void requireJson(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        boolean json = type.map(t -> t.mediaType()
                                .type()
                                .toLowerCase(Locale.ROOT)
                                .equals("application")
                        && t.mediaType().subtype().toLowerCase(Locale.ROOT).equals("json"))
                .orElse(false);
        if (!json) {
            throw new WebhookApiException(415, "unsupported_media_type", "the body must be application/json");
        }
    }

    private static JsonNode readBody(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            throw WebhookApiException.badRequest("unreadable_body", "the body could not be read");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try {
            return WebhookJson.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw WebhookApiException.badRequest("invalid_json", "the body is not valid JSON");
        }
    }

    private static WebhookApiException tooLarge() {
        return new WebhookApiException(
                413, "payload_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    /** From the queue depth, read at most once a second (not once per request). */
    private String estimate() {
        long now = System.nanoTime();
        if (now - depthReadAt > 1_000_000_000L) {
            depthReadAt = now;
            try {
                depth = queue.depth();
            } catch (RuntimeException e) {
                depth = 0;
            }
        }
        long waiting = depth;
        return waiting < 10 ? "30-90 seconds" : "a few minutes (" + waiting + " requests ahead)";
    }

    private record Reply(int status, JsonNode body) {}

    @FunctionalInterface
    private interface Action {
        Reply run();
    }

    /** The one place that turns outcomes and refusals into HTTP. */
    private static void respond(ServerResponse res, Action action) {
        Reply reply;
        try {
            reply = action.run();
        } catch (WebhookApiException e) {
            reply = new Reply(e.status(), error(e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "webhook request failed", e);
            reply = new Reply(503, error("unavailable", "the request could not be queued; retry later"));
        }
        res.status(reply.status())
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send(WebhookJson.write(reply.body()).getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode error(String code, String message) {
        ObjectNode out = WebhookJson.MAPPER.createObjectNode();
        out.put("success", false);
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return out;
    }
}
