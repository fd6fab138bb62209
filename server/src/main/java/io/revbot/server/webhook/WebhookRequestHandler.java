package io.revbot.server.webhook;

import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunException;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.Supervisor;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobHandler;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobQueue;
import io.revbot.server.queue.NewJob;
import io.revbot.server.queue.PermanentJobException;
import io.revbot.server.queue.RetryableJobException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Answers a {@code WEBHOOK_REQUEST} job with the supervisor as the API client that asked (the request's
 * {@code session_id} continues that client's conversation of that name), then queues the delivery of the answer, or of the failure, to the request's or the configured URL.
 * The delivery is queued under the tracking id's idempotency key, so a request job that runs twice (its worker
 * crashed after queuing) still delivers once.
 */
public final class WebhookRequestHandler implements JobHandler {
    /** The client of requests queued before they recorded one; nobody can name their sessions. */
    static final String LEGACY = "unrecorded-client";

    private final Supervisor supervisor;
    private final RunListener listener;
    private final JobQueue queue;
    private final Optional<URI> defaultUrl;
    private final int deliveryAttempts;
    private final Clock clock;
    private final RequestEvents events;

    /**
     * @param listener receives every run's events (metrics, recorder)
     * @param defaultUrl {@code REVBOT_OUTBOUND_WEBHOOK_URL}, for requests without their own {@code webhook_url}
     */
    public WebhookRequestHandler(
            Supervisor supervisor,
            RunListener listener,
            JobQueue queue,
            Optional<URI> defaultUrl,
            int deliveryAttempts,
            Clock clock) {
        this(supervisor, listener, queue, defaultUrl, deliveryAttempts, clock, new RequestEvents(clock));
    }

    /** @param events where each request's run reports for {@code GET /webhook/{id}/events} */
    public WebhookRequestHandler(
            Supervisor supervisor,
            RunListener listener,
            JobQueue queue,
            Optional<URI> defaultUrl,
            int deliveryAttempts,
            Clock clock,
            RequestEvents events) {
        this.events = events;
        this.supervisor = supervisor;
        this.listener = listener;
        this.queue = queue;
        this.defaultUrl = defaultUrl;
        this.deliveryAttempts = deliveryAttempts;
        this.clock = clock;
    }

    @Override
    public String handle(Job job) throws Exception {
        WebhookJson.RequestJob request = WebhookJson.read(job.payload(), WebhookJson.RequestJob.class);
        TrackingId tracking = TrackingId.of(job.id());
        Principal.ApiClient client = new Principal.ApiClient(request.client() == null ? LEGACY : request.client());
        Request runRequest = new Request(
                new RunId(tracking.value() + (job.attempts() > 1 ? "-attempt-" + job.attempts() : "")),
                SessionId.of(Channel.WEBHOOK, client, request.sessionId()),
                request.query(),
                Channel.WEBHOOK,
                client,
                request.receivedAt());
        RunResult result;
        try {
            result = supervisor.run(runRequest, RunListener.all(List.of(listener, events.listenerFor(tracking))));
        } catch (RunException e) {
            if (e.kind() == FailureKind.MODEL_UNAVAILABLE) {
                throw new RetryableJobException(e.getMessage(), Duration.ofSeconds(30));
            }
            deliver(
                    tracking,
                    request,
                    null,
                    new WebhookJson.Failure(e.kind().name().toLowerCase(java.util.Locale.ROOT), e.getMessage()));
            throw new PermanentJobException(e.getMessage(), e);
        }
        WebhookJson.AiResponse answer = new WebhookJson.AiResponse(
                result.answer(), PlainText.of(result.answer()), request.sessionId(), clock.instant());
        String deliveryJobId = deliver(tracking, request, answer, null);
        return WebhookJson.write(new WebhookJson.RequestResult(
                answer,
                result.routing().name().toLowerCase(java.util.Locale.ROOT),
                result.agentsUsed().stream().map(Object::toString).toList(),
                result.toolCalls(),
                result.usage().input(),
                result.usage().output(),
                result.duration().toMillis(),
                deliveryJobId));
    }

    /** Queues the delivery when there is somewhere to deliver to; returns its job id. */
    private String deliver(
            TrackingId tracking,
            WebhookJson.RequestJob request,
            WebhookJson.AiResponse answer,
            WebhookJson.Failure failure) {
        Optional<String> url = Optional.ofNullable(request.webhookUrl()).or(() -> defaultUrl.map(URI::toString));
        if (url.isEmpty()) {
            return null;
        }
        String payload = WebhookJson.write(new WebhookJson.DeliveryJob(
                tracking.value(),
                url.get(),
                request.sourceSystem(),
                request.sourceProcess(),
                request.query(),
                answer,
                failure));
        return queue.enqueue(new NewJob(
                        JobKind.WEBHOOK_DELIVERY,
                        "webhook:delivery:" + tracking.value(),
                        null,
                        payload,
                        deliveryAttempts))
                .id()
                .value();
    }
}
