package io.revbot.server.webhook;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.revbot.orchestrator.Principal;
import io.revbot.server.access.Credentials;
import io.revbot.server.access.FailedAuthLimiter;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobId;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobQueue;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a webhook API call is from, and which requests it may follow. Every {@code /webhook} route goes through it:
 * {@link #authenticate} turns the Bearer token into the {@link Principal.ApiClient} it is named for (401 when there is
 * none or it is wrong, 429 when the address failed too often), and {@link #ownedRequest} finds a request by tracking
 * id only for the client that made it: to anyone else it does not exist (404, the same answer as for an unknown id, so
 * ids cannot be probed).
 */
public final class WebhookAccess {
    /** Everyone's identity when {@code REVBOT_ALLOW_UNAUTHENTICATED=true} (development only). */
    static final Principal.ApiClient ANONYMOUS = new Principal.ApiClient("anonymous");

    private static final java.util.regex.Pattern TRACKING_ID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Credentials credentials;
    private final boolean allowUnauthenticated;
    private final FailedAuthLimiter limiter;
    private final JobQueue queue;

    /**
     * @param allowUnauthenticated accept calls without a token when none is configured (development only)
     */
    public WebhookAccess(
            Credentials credentials, boolean allowUnauthenticated, FailedAuthLimiter limiter, JobQueue queue) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.allowUnauthenticated = allowUnauthenticated;
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /** The API client calling, or a refusal (401, or 429 with {@code Retry-After} set on {@code res}). */
    public Principal.ApiClient authenticate(ServerRequest req, ServerResponse res) {
        if (!credentials.anyApiTokens()) {
            if (allowUnauthenticated) {
                return ANONYMOUS;
            }
            throw new WebhookApiException(
                    401, "unauthorized", "the webhook API has no tokens configured (REVBOT_API_TOKENS)");
        }
        String address = FailedAuthLimiter.address(req);
        Duration wait = limiter.waitBeforeNext(address);
        if (!wait.isZero()) {
            res.header(HeaderNames.RETRY_AFTER, FailedAuthLimiter.retryAfterSeconds(wait));
            throw new WebhookApiException(429, "too_many_failures", "too many failed attempts; retry later");
        }
        String presented = req.headers()
                .first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip())
                .orElseThrow(() -> new WebhookApiException(401, "unauthorized", "a Bearer token is required"));
        Optional<Principal.ApiClient> client = credentials.apiClient(presented);
        if (client.isEmpty()) {
            limiter.failed(address);
            throw new WebhookApiException(401, "unauthorized", "the Bearer token is not valid");
        }
        return client.get();
    }

    /**
     * The webhook request {@code trackingId} if {@code caller} made it; 404 otherwise, whoever else made it; 400 when
     * {@code trackingId} cannot be a tracking id (the queue makes UUIDs).
     */
    public Job ownedRequest(String trackingId, Principal.ApiClient caller) {
        if (trackingId == null || !TRACKING_ID.matcher(trackingId).matches()) {
            throw WebhookApiException.badRequest("invalid_tracking_id", "a tracking id is a UUID");
        }
        return findRequest(trackingId)
                .filter(job -> job.owner().filter(caller.id()::equals).isPresent())
                .orElseThrow(
                        () -> new WebhookApiException(404, "not_found", "no request with tracking id " + trackingId));
    }

    private Optional<Job> findRequest(String id) {
        if (id == null || id.isBlank() || id.length() > 100) {
            return Optional.empty();
        }
        return queue.find(new JobId(id)).filter(j -> j.kind() == JobKind.WEBHOOK_REQUEST);
    }
}
