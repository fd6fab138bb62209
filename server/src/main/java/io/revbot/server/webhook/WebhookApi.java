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
import io.revbot.orchestrator.SessionId;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobQueue;
import io.revbot.server.queue.NewJob;
import io.revbot.tools.Secret;
import io.revbot.tools.http.OutboundUrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /webhook} and {@code GET /webhook/{tracking_id}} (ARCHITECTURE §4). A question is authenticated
 * (Bearer token from {@code REVBOT_API_TOKENS}, compared in constant time), rate-limited per token, validated, and
 * written to the job queue before the 202 answer, so an accepted request survives a crash. Every refusal has the
 * body {@code {"success": false, "error": {"code", "message"}}}.
 */
public final class WebhookApi implements HttpService {
    private static final System.Logger LOG = System.getLogger(WebhookApi.class.getName());
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int REQUEST_ATTEMPTS = 3;

    private final JobQueue queue;
    private final List<Secret> tokens;
    private final boolean allowUnauthenticated;
    private final OutboundUrlGuard guard;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private volatile long depth;
    private volatile long depthReadAt = System.nanoTime() - 2_000_000_000L;

    /**
     * @param tokens accepted bearer tokens; with none, every request is refused unless {@code allowUnauthenticated}
     * @param rateLimitPerMinute requests a minute per token (bursts up to the same number)
     */
    public WebhookApi(
            JobQueue queue,
            List<Secret> tokens,
            boolean allowUnauthenticated,
            OutboundUrlGuard guard,
            int rateLimitPerMinute,
            Clock clock) {
        this.queue = queue;
        this.tokens = List.copyOf(tokens);
        this.allowUnauthenticated = allowUnauthenticated;
        this.guard = guard;
        this.rateLimiter = new RateLimiter(rateLimitPerMinute, clock);
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::accept).get("/{trackingId}", this::status);
    }

    private void accept(ServerRequest req, ServerResponse res) {
        respond(res, () -> {
            String caller = authenticate(req);
            limitRate(caller, res);
            requireJson(req);
            JsonNode body = readBody(req);
            WebhookRequest request = WebhookRequest.parse(body, guard);
            Instant now = clock.instant();
            SessionId session = request.sessionId().orElseGet(() -> SessionId.random("webhook"));
            String payload = WebhookJson.write(new WebhookJson.RequestJob(
                    request.query(),
                    request.sourceSystem(),
                    request.sourceProcess(),
                    request.timestamp().orElse(null),
                    session.value(),
                    request.webhookUrl().map(Object::toString).orElse(null),
                    now));
            // A client's Idempotency-Key makes its retries land on the same job; otherwise every call is new.
            String idempotencyKey = req.headers()
                    .first(HeaderNames.create("Idempotency-Key"))
                    .filter(k -> !k.isBlank() && k.length() <= 200)
                    .map(k -> "webhook:request:" + caller + ":" + k)
                    .orElseGet(() -> "webhook:request:" + UUID.randomUUID());
            JobQueue.Enqueued enqueued = queue.enqueue(new NewJob(
                    JobKind.WEBHOOK_REQUEST, idempotencyKey, "session:" + session.value(), payload, REQUEST_ATTEMPTS));
            ObjectNode out = WebhookJson.MAPPER.createObjectNode();
            out.put("success", true);
            out.put("tracking_id", enqueued.id().value());
            out.put("message", enqueued.created() ? "Request queued for processing" : "Request already queued");
            out.put("queued_at", now.toString());
            out.put("estimated_processing_time", estimate());
            out.put("session_id", session.value());
            return new Reply(202, out);
        });
    }

    private void status(ServerRequest req, ServerResponse res) {
        respond(res, () -> {
            authenticate(req);
            String id = req.path().pathParameters().get("trackingId");
            Job job = findRequest(id)
                    .orElseThrow(() -> new WebhookApiException(404, "not_found", "no request with tracking id " + id));
            return new Reply(200, WebhookStatus.of(job, queue));
        });
    }

    private Optional<Job> findRequest(String id) {
        if (id == null || id.isBlank() || id.length() > 100) {
            return Optional.empty();
        }
        return queue.find(new io.revbot.server.queue.JobId(id)).filter(j -> j.kind() == JobKind.WEBHOOK_REQUEST);
    }

    /** Returns the caller's name for rate limiting: the index of the token it presented. */
    private String authenticate(ServerRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (tokens.isEmpty()) {
            if (allowUnauthenticated) {
                return "anonymous";
            }
            throw new WebhookApiException(
                    401, "unauthorized", "the webhook API has no tokens configured (REVBOT_API_TOKENS)");
        }
        String presented = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip())
                .orElseThrow(() -> new WebhookApiException(401, "unauthorized", "a Bearer token is required"));
        int matched = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).matches(presented) && matched < 0) { // no early exit: time does not tell which
                matched = i;
            }
        }
        if (matched < 0) {
            throw new WebhookApiException(401, "unauthorized", "the Bearer token is not valid");
        }
        return "token-" + matched;
    }

    private void limitRate(String caller, ServerResponse res) {
        Duration wait = rateLimiter.acquire(caller);
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
