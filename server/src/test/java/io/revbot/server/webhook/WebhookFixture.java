package io.revbot.server.webhook;

import io.helidon.metrics.api.Metrics;
import io.revbot.server.access.Credentials;
import io.revbot.server.access.CredentialsFilter;
import io.revbot.server.access.FailedAuthLimiter;
import io.revbot.server.config.Config;
import io.revbot.server.config.NamedToken;
import io.revbot.server.config.Settings;
import io.revbot.server.http.HealthChecks;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.RevbotServer;
import io.revbot.server.http.Routes;
import io.revbot.server.http.ServerMetrics;
import io.revbot.server.queue.Backoff;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.queue.LeasingJobQueue;
import io.revbot.tools.Secret;
import io.revbot.tools.http.OutboundUrlGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A RevBot server as {@code serve} builds it (the production {@link Routes}, handlers and workers) on 127.0.0.1 and
 * an ephemeral port, with a scripted supervisor, fast retries and a given queue.
 */
final class WebhookFixture implements AutoCloseable {
    /** The token of the API client {@code crm-app}. */
    static final String TOKEN = "test-token-crm-app-0001";
    /** The token of another API client, {@code reports}. */
    static final String OTHER_TOKEN = "test-token-reports-0002";
    /** A viewer token (operators: the metrics, every conversation). */
    static final String VIEWER_TOKEN = "test-token-viewer-0003";

    static final String SIGNING_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    final LeasingJobQueue queue;
    final ScriptedSupervisor supervisor = new ScriptedSupervisor();
    final RevbotServer server;
    final HttpClient http = HttpClient.newHttpClient();

    /** The defaults: one token, private addresses allowed (the receiver is a local MockWebServer). */
    WebhookFixture(LeasingJobQueue queue, int deliveryAttempts) {
        this(queue, clients(), true, 1_000, deliveryAttempts, Optional.empty());
    }

    /**
     * With {@code runsElsewhere}, the API does not see what the worker's runs report, as when another server process
     * answers the request: event streams only have the job queue to go by.
     */
    WebhookFixture(LeasingJobQueue queue, boolean runsElsewhere) {
        this(queue, clients(), true, 1_000, 3, Optional.empty(), runsElsewhere);
    }

    /** The two API clients, {@code crm-app} and {@code reports}. */
    static List<NamedToken> clients() {
        return List.of(new NamedToken("crm-app", Secret.of(TOKEN)), new NamedToken("reports", Secret.of(OTHER_TOKEN)));
    }

    WebhookFixture(
            LeasingJobQueue queue,
            List<NamedToken> tokens,
            boolean allowPrivate,
            int ratePerMinute,
            int deliveryAttempts,
            Optional<URI> defaultUrl) {
        this(queue, tokens, allowPrivate, ratePerMinute, deliveryAttempts, defaultUrl, false);
    }

    private WebhookFixture(
            LeasingJobQueue queue,
            List<NamedToken> tokens,
            boolean allowPrivate,
            int ratePerMinute,
            int deliveryAttempts,
            Optional<URI> defaultUrl,
            boolean runsElsewhere) {
        this.queue = queue;
        Clock clock = Clock.systemUTC();
        OutboundUrlGuard guard = new OutboundUrlGuard(allowPrivate);
        ServerMetrics metrics = new ServerMetrics(Metrics.globalRegistry(), queue).registerGauges();
        Credentials credentials = new Credentials(tokens, List.of(new NamedToken("ops", Secret.of(VIEWER_TOKEN))));
        FailedAuthLimiter limiter = new FailedAuthLimiter(FailedAuthLimiter.DEFAULT_FAILURES_PER_MINUTE, clock);
        RequestEvents events = new RequestEvents(clock);
        WebhookApi api = new WebhookApi(
                queue, new WebhookAccess(credentials, false, limiter, queue), guard, ratePerMinute, clock, events);
        JobWorkers workers = new JobWorkers(
                queue,
                Map.of(
                        JobKind.WEBHOOK_REQUEST,
                        new WebhookRequestHandler(
                                supervisor,
                                metrics,
                                queue,
                                defaultUrl,
                                deliveryAttempts,
                                clock,
                                runsElsewhere ? new RequestEvents(clock) : events),
                        JobKind.WEBHOOK_DELIVERY,
                        new WebhookDeliveryHandler(
                                Optional.of(Secret.of(SIGNING_SECRET)), guard, Duration.ofSeconds(5), clock)),
                new JobWorkers.Settings(
                        4,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(20),
                        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))),
                metrics,
                "fixture");
        server = new RevbotServer(
                        "127.0.0.1",
                        0,
                        new CredentialsFilter(credentials, limiter, false, clock),
                        List.of(new Routes.Mount("/webhook", api)),
                        new RequestMetrics(Metrics.globalRegistry()),
                        HealthChecks.of(
                                Optional.empty(),
                                Config.from(Settings.of(Map.of())).model(),
                                queue),
                        workers,
                        Duration.ofSeconds(5))
                .start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> post(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/webhook"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> status(String trackingId) throws Exception {
        return status(trackingId, TOKEN);
    }

    HttpResponse<String> status(String trackingId, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri("/webhook/" + trackingId)).header("Authorization", "Bearer " + token));
    }

    HttpResponse<String> post(String body, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri("/webhook"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
