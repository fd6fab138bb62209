package io.revbot.server.slack;

import com.slack.api.Slack;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.request.EventsApiEnvelope;
import com.slack.api.socket_mode.request.InteractiveEnvelope;
import com.slack.api.socket_mode.response.AckResponse;
import io.revbot.tools.Secret;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Socket Mode ({@code SLACK_APP_TOKEN}): Slack pushes events and button clicks over a websocket RevBot opens, so no
 * public URL is needed. Feeds the same paths as the HTTP endpoints: events go through {@link SlackEventIntake} (queued,
 * then acknowledged, so an event Slack redelivers is still answered once), clicks through {@link SlackApprovals}
 * after the acknowledgement. Uses slack-api-client's client with the Java-WebSocket backend.
 */
final class SlackSocketMode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SlackSocketMode.class.getName());

    private final Slack slack;
    private final Secret appToken;
    private final SlackEventIntake intake;
    private final SlackInstallation installation;
    private final SlackApprovals approvals;
    private SocketModeClient client;

    SlackSocketMode(
            Slack slack,
            Secret appToken,
            SlackEventIntake intake,
            SlackInstallation installation,
            SlackApprovals approvals,
            SlackFeedback feedback) {
        this.feedback = feedback;
        this.slack = Objects.requireNonNull(slack, "slack");
        this.appToken = Objects.requireNonNull(appToken, "appToken");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.installation = Objects.requireNonNull(installation, "installation");
        this.approvals = approvals;
    }

    /** Opens the connection ({@code apps.connections.open}, then the websocket); reconnects on its own after that. */
    private final SlackFeedback feedback;

    synchronized void start() throws IOException {
        if (client != null) {
            return;
        }
        SocketModeClient c = slack.socketMode(appToken.reveal(), SocketModeClient.Backend.JavaWebSocket);
        c.addEventsApiEnvelopeListener(envelope -> onEvent(c, envelope));
        c.addInteractiveEnvelopeListener(envelope -> onInteraction(c, envelope));
        c.setAutoReconnectEnabled(true);
        c.connect();
        client = c;
        LOG.log(System.Logger.Level.INFO, "Slack Socket Mode connected");
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
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
