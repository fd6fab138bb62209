package io.revbot.server.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.revbot.server.queue.Backoff;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobHandler;
import io.revbot.server.queue.PermanentJobException;
import io.revbot.server.queue.RetryableJobException;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.Secret;
import io.revbot.tools.http.OutboundUrlGuard;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Dns;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Delivers a {@code WEBHOOK_DELIVERY} job: POSTs the result payload (ARCHITECTURE §4) signed with Standard Webhooks
 * ({@code webhook-id}, the same on every attempt so receivers can deduplicate; {@code webhook-timestamp};
 * {@code webhook-signature} = {@code v1,} base64 HMAC-SHA256 over {@code id.timestamp.body}). 2xx is done; 408, 429,
 * 5xx and network errors or timeouts are retried after the receiver's {@code Retry-After} or else on
 * {@link #SCHEDULE} (with 8 attempts: about an hour, then the dead letter); any other status is final. The URL is
 * checked again at every attempt and at connect time (DNS answers are checked too), so it cannot be rebound to an
 * internal address after it was accepted.
 */
public final class WebhookDeliveryHandler implements JobHandler {
    private static final System.Logger LOG = System.getLogger(WebhookDeliveryHandler.class.getName());
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** 30 s doubling to 30 min: the 7 waits between 8 attempts add up to 62 to 74 minutes. */
    public static final Backoff SCHEDULE = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));

    private final Optional<Webhook> signer;
    private final Backoff schedule;
    private final OutboundUrlGuard guard;
    private final OkHttpClient http;
    private final Clock clock;

    /**
     * @param signingSecret {@code REVBOT_WEBHOOK_SIGNING_SECRET}: {@code whsec_} followed by base64 (24 to 64 random
     *     bytes); without one, deliveries carry the id and timestamp but no signature
     * @param timeout the whole call's limit (connect, send, wait for the answer)
     */
    public WebhookDeliveryHandler(
            Optional<Secret> signingSecret, OutboundUrlGuard guard, Duration timeout, Clock clock) {
        this(signingSecret, guard, timeout, SCHEDULE, clock);
    }

    /** @param schedule the waits between attempts when the receiver sets no {@code Retry-After} */
    public WebhookDeliveryHandler(
            Optional<Secret> signingSecret, OutboundUrlGuard guard, Duration timeout, Backoff schedule, Clock clock) {
        this.schedule = schedule;
        this.signer = signingSecret.map(WebhookDeliveryHandler::signer);
        this.guard = guard;
        this.clock = clock;
        this.http = new OkHttpClient.Builder()
                .dns(hostname -> guard.checkAddresses(hostname, Dns.SYSTEM.lookup(hostname)))
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(Duration.ofSeconds(10))
                .callTimeout(timeout)
                .readTimeout(timeout)
                .build();
        if (signer.isEmpty()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "REVBOT_WEBHOOK_SIGNING_SECRET is not set: webhook deliveries are not signed");
        }
    }

    private static Webhook signer(Secret secret) {
        try {
            return new Webhook(secret.reveal());
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    "REVBOT_WEBHOOK_SIGNING_SECRET",
                    "expected whsec_ followed by base64, e.g. whsec_$(openssl rand -base64 32)");
        }
    }

    @Override
    public String handle(Job job) throws Exception {
        WebhookJson.DeliveryJob delivery = WebhookJson.read(job.payload(), WebhookJson.DeliveryJob.class);
        TrackingId tracking = new TrackingId(delivery.trackingId());
        URI url;
        try {
            url = guard.check(URI.create(delivery.webhookUrl()));
        } catch (IllegalArgumentException e) {
            throw new PermanentJobException("webhook URL refused: " + e.getMessage());
        }
        Instant now = clock.instant();
        String webhookId = delivery.error() == null ? tracking.webhookId() : tracking.failureWebhookId();
        String body = WebhookJson.write(new WebhookJson.Delivery(
                tracking.value(),
                delivery.error() == null,
                delivery.sourceSystem(),
                delivery.sourceProcess(),
                delivery.originalQuery(),
                delivery.aiResponse(),
                delivery.error(),
                new WebhookJson.Metadata(now, delivery.webhookUrl())));
        Request.Builder request = new Request.Builder()
                .url(url.toString())
                .post(RequestBody.create(body, JSON))
                .header("User-Agent", "RevBot-Webhooks/1")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(now.getEpochSecond()));
        if (signer.isPresent()) {
            request.header("webhook-signature", sign(webhookId, now, body));
        }
        try (Response response = http.newCall(request.build()).execute()) {
            int code = response.code();
            if (response.isSuccessful()) {
                return "{\"status\":" + code + ",\"attempt\":" + job.attempts() + "}";
            }
            String why = "receiver answered HTTP " + code;
            if (code == 408 || code == 429 || code >= 500) {
                throw new RetryableJobException(
                        "receiver_unavailable",
                        why,
                        retryAfter(response).orElseGet(() -> schedule.after(job.attempts())));
            }
            throw new PermanentJobException("receiver_refused", why + " (not retried)", null);
        } catch (OutboundUrlGuard.RefusedUrlException e) {
            throw new PermanentJobException("webhook URL refused: " + e.getMessage());
        } catch (IOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutboundUrlGuard.RefusedUrlException refused) {
                throw new PermanentJobException("webhook URL refused: " + refused.getMessage());
            }
            throw new RetryableJobException(
                    "receiver_unreachable", "delivery failed: " + e, schedule.after(job.attempts()));
        }
    }

    private String sign(String id, Instant at, String body) throws PermanentJobException {
        try {
            return signer.orElseThrow().sign(id, at.getEpochSecond(), body);
        } catch (WebhookSigningException e) {
            throw new PermanentJobException("cannot sign the delivery: " + e.getMessage(), e);
        }
    }

    private static Optional<Duration> retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return Optional.of(Duration.ofSeconds(Math.min(Math.max(seconds, 1), 3600)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
