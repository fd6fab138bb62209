package io.revbot.server.slack;

import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.request.EventsApiEnvelope;
import com.slack.api.socket_mode.request.InteractiveEnvelope;
import com.slack.api.socket_mode.response.AckResponse;
import io.revbot.server.queue.Backoff;
import io.revbot.tools.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Socket Mode ({@code SLACK_APP_TOKEN}): Slack pushes events and button clicks over a websocket RevBot opens, so no
 * public URL is needed. Feeds the same paths as the HTTP endpoints: events go through {@link SlackEventIntake} (queued,
 * then acknowledged, so an event Slack redelivers is still answered once), clicks through {@link SlackApprovals}
 * after the acknowledgement. Uses slack-api-client's client with the Java-WebSocket backend.
 *
 * <p>The connection is kept by one virtual thread, not by the SDK's own reconnection: it connects at {@link #start}
 * (a connection counts once Slack says {@code hello} on it) and again whenever the websocket closes, waiting
 * {@code backoff} between failed attempts (Slack unreachable, {@code apps.connections.open} refused), for as long as
 * it takes. {@code serve} stays up meanwhile, with the HTTP endpoints, and {@link #status} says where it stands.
 */
final class SlackSocketMode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SlackSocketMode.class.getName());

    /** 1 s doubling to a minute between attempts to reach Slack. */
    static final Backoff RECONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);

    private final Slack slack;
    private final Secret appToken;
    private final SlackEventIntake intake;
    private final SlackInstallation installation;
    private final SlackApprovals approvals;
    /** Where feedback clicks are stored; null when feedback is not recorded. */
    private final SlackFeedback feedback;

    private final Backoff backoff;
    private final Duration check;
    /** Released whenever the connection opens (Slack's hello) or closes. */
    private final Semaphore changed = new Semaphore(0);

    private volatile boolean open;
    private volatile SocketModeClient client;
    private volatile Thread keeper;
    private volatile Status status = new Status(State.STOPPED, 0, Optional.empty());

    /** Where the connection stands. */
    enum State {
        STOPPED,
        /** Not connected yet since start. */
        CONNECTING,
        CONNECTED,
        /** Connected before, lost since. */
        RECONNECTING
    }

    /**
     * @param failedAttempts attempts failed in a row (0 when connected)
     * @param lastError why the last attempt failed, without secrets
     */
    record Status(State state, int failedAttempts, Optional<String> lastError) {}

    SlackSocketMode(
            Slack slack,
            Secret appToken,
            SlackEventIntake intake,
            SlackInstallation installation,
            SlackApprovals approvals,
            SlackFeedback feedback) {
        this(slack, appToken, intake, installation, approvals, feedback, RECONNECT, Duration.ofSeconds(10));
    }

    SlackSocketMode(
            Slack slack,
            Secret appToken,
            SlackEventIntake intake,
            SlackInstallation installation,
            SlackApprovals approvals,
            SlackFeedback feedback,
            Backoff backoff,
            Duration check) {
        this.feedback = feedback;
        this.slack = Objects.requireNonNull(slack, "slack");
        this.appToken = Objects.requireNonNull(appToken, "appToken");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.installation = Objects.requireNonNull(installation, "installation");
        this.approvals = approvals;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.check = Objects.requireNonNull(check, "check");
    }

    /** Starts keeping the connection (in the background: returns at once, whether Slack answers or not). */
    synchronized void start() {
        if (keeper != null) {
            return;
        }
        status = new Status(State.CONNECTING, 0, Optional.empty());
        keeper = Thread.ofVirtual().name("revbot-slack-socket-mode").start(this::keep);
    }

    Status status() {
        return status;
    }

    private void keep() {
        boolean everConnected = false;
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!open) {
                    changed.drainPermits();
                    connect();
                    awaitHello();
                    LOG.log(
                            System.Logger.Level.INFO,
                            everConnected ? "Slack Socket Mode reconnected" : "Slack Socket Mode connected");
                    everConnected = true;
                    failures = 0;
                    status = new Status(State.CONNECTED, 0, Optional.empty());
                }
                changed.tryAcquire(check.toMillis(), TimeUnit.MILLISECONDS);
                if (!open) {
                    status = new Status(State.RECONNECTING, 0, Optional.of("the connection closed"));
                    LOG.log(System.Logger.Level.WARNING, "Slack Socket Mode: the connection closed; reconnecting");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                failures++;
                String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                status = new Status(everConnected ? State.RECONNECTING : State.CONNECTING, failures, Optional.of(why));
                Duration wait = backoff.after(failures);
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Slack Socket Mode: connecting failed (attempt " + failures + "), trying again in "
                                + wait.toMillis() + " ms: " + why);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** A connection is up once Slack says {@code hello} on it (the client's connect does not wait for the socket). */
    private void awaitHello() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HELLO_TIMEOUT.toNanos();
        while (!open) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !changed.tryAcquire(left, TimeUnit.NANOSECONDS) && !open) {
                throw new IOException("no hello from Slack within " + HELLO_TIMEOUT.toSeconds() + " s");
            }
        }
    }

    /** Opens a connection: a new client the first time, a new endpoint of the same client after that. */
    private void connect() throws Exception {
        if (client == null) {
            SocketModeClient c = slack.socketMode(appToken.reveal(), SocketModeClient.Backend.JavaWebSocket);
            c.setAutoReconnectEnabled(false); // this class reconnects, with backoff
            c.addEventsApiEnvelopeListener(envelope -> onEvent(c, envelope));
            c.addInteractiveEnvelopeListener(envelope -> onInteraction(c, envelope));
            c.addWebSocketMessageListener(this::onMessage);
            c.addWebSocketCloseListener((code, reason) -> {
                open = false;
                changed.release();
            });
            client = c;
            c.connect();
        } else {
            client.connectToNewEndpoint();
        }
    }

    private void onMessage(String message) {
        if (message.contains("hello")) {
            try {
                var type = JsonParser.parseString(message).getAsJsonObject().get("type");
                if (type != null && "hello".equals(type.getAsString())) {
                    open = true;
                    changed.release();
                }
            } catch (RuntimeException e) {
                // not JSON: the SDK reports it; nothing to do with the connection's state
            }
        }
    }

    private void onEvent(SocketModeClient c, EventsApiEnvelope envelope) {
        try {
            if (envelope.getPayload() != null && envelope.getPayload().isJsonObject()) {
                var outcome = intake.accept(envelope.getPayload().getAsJsonObject());
                if (outcome instanceof SlackEventIntake.Outcome.Queued q && !q.created()) {
                    LOG.log(
                            System.Logger.Level.INFO,
                            "duplicate Slack event (retry " + envelope.getRetryAttempt() + ") acknowledged");
                }
            }
            c.sendSocketModeResponse(
                    AckResponse.builder().envelopeId(envelope.getEnvelopeId()).build());
        } catch (RuntimeException e) {
            // not acknowledged: Slack redelivers the event, and the queue's idempotency key keeps it single
            LOG.log(System.Logger.Level.WARNING, "could not queue a Socket Mode event", e);
        }
    }

    private void onInteraction(SocketModeClient c, InteractiveEnvelope envelope) {
        c.sendSocketModeResponse(
                AckResponse.builder().envelopeId(envelope.getEnvelopeId()).build());
        if (envelope.getPayload() == null || !envelope.getPayload().isJsonObject()) {
            return;
        }
        List<SlackApprovals.Click> clicks;
        List<SlackFeedback.Click> ratings;
        try {
            var payload = envelope.getPayload().getAsJsonObject();
            var foreign = installation.clickRefusal(payload);
            if (foreign.isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "refused a Socket Mode interaction: " + foreign.get());
                return;
            }
            clicks = SlackInteractionsService.clicks(payload);
            ratings = SlackFeedback.clicks(payload);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "malformed Socket Mode interaction", e);
            return;
        }
        if (feedback != null && !ratings.isEmpty()) {
            Thread.ofVirtual()
                    .name("slack-feedback")
                    .start(() -> ratings.forEach(rating -> {
                        try {
                            feedback.record(rating);
                        } catch (RuntimeException e) {
                            LOG.log(
                                    System.Logger.Level.WARNING,
                                    "storing feedback on run " + rating.runId() + " failed",
                                    e);
                        }
                    }));
        }
        if (approvals == null) {
            return;
        }
        for (SlackApprovals.Click click : clicks) {
            Thread.ofVirtual().name("slack-approval").start(() -> {
                try {
                    approvals.decide(click);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "deciding action " + click.actionId() + " failed", e);
                }
            });
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (keeper != null) {
            keeper.interrupt();
            keeper = null;
        }
        status = new Status(State.STOPPED, 0, Optional.empty());
        open = false;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
