package io.revbot.server.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code POST /slack/events}: Slack's Events API. Verified by {@link SlackRequestVerification}, then queued by
 * {@link SlackEventIntake} and acknowledged at once (Slack wants an answer within 3 s; the model runs in a worker).
 * Register with {@code routing.register("/slack", service)}.
 */
public final class SlackEventsService implements HttpService {
    private static final System.Logger LOG = System.getLogger(SlackEventsService.class.getName());

    private final SlackRequestVerification verification;
    private final SlackEventIntake intake;

    SlackEventsService(SlackRequestVerification verification, SlackEventIntake intake) {
        this.verification = Objects.requireNonNull(verification, "verification");
        this.intake = Objects.requireNonNull(intake, "intake");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", verification.verified(this::events));
    }

    private void events(ServerRequest request, ServerResponse response, byte[] body) {
        JsonObject envelope;
        try {
            envelope = JsonParser.parseString(new String(body, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            response.status(Status.BAD_REQUEST_400).send();
            return;
        }
        SlackEventIntake.Outcome outcome;
        try {
            outcome = intake.accept(envelope);
        } catch (io.revbot.tools.UpstreamException | IllegalStateException e) {
            // Not acknowledged: Slack retries, and by then the installation can be checked.
            LOG.log(System.Logger.Level.WARNING, "cannot check a Slack event's installation: " + e.getMessage());
            response.status(Status.SERVICE_UNAVAILABLE_503).send();
            return;
        }
        switch (outcome) {
            case SlackEventIntake.Outcome.Challenge c -> {
                JsonObject answer = new JsonObject();
                answer.addProperty("challenge", c.challenge());
                response.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
                response.send(answer.toString().getBytes(StandardCharsets.UTF_8));
            }
            case SlackEventIntake.Outcome.Queued q -> {
                if (!q.created()) {
                    String retry = request.headers()
                            .first(HeaderNames.create("X-Slack-Retry-Num"))
                            .orElse("none");
                    LOG.log(System.Logger.Level.INFO, "duplicate Slack event (retry " + retry + ") acknowledged");
                }
                response.send();
            }
            case SlackEventIntake.Outcome.Stopped stopped -> response.send();
            case SlackEventIntake.Outcome.Ignored ignored -> {
                LOG.log(System.Logger.Level.DEBUG, "ignored Slack event: " + ignored.reason());
                response.send();
            }
        }
    }
}
