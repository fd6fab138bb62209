package io.revbot.server.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /slack/interactions}: Slack's interactivity requests ({@code payload=} form field): the Approve and
 * Reject buttons of {@link SlackApprovals} and the feedback buttons under answers ({@link SlackFeedback}). Verified like every Slack request, acknowledged at once with 200, then
 * decided on the same (virtual) thread after the response is sent, so a slow action never holds Slack's 3 s.
 * Register with {@code routing.register("/slack", service)}.
 */
public final class SlackInteractionsService implements HttpService {
    private static final System.Logger LOG = System.getLogger(SlackInteractionsService.class.getName());

    private final SlackRequestVerification verification;
    private final SlackInstallation installation;
    private final SlackApprovals approvals;
    private final SlackFeedback feedback;

    SlackInteractionsService(
            SlackRequestVerification verification, SlackInstallation installation, SlackApprovals approvals) {
        this(verification, installation, approvals, null);
    }

    /** @param feedback where clicks on an answer's feedback buttons go (null: ignored) */
    SlackInteractionsService(
            SlackRequestVerification verification,
            SlackInstallation installation,
            SlackApprovals approvals,
            SlackFeedback feedback) {
        this.feedback = feedback;
        this.verification = Objects.requireNonNull(verification, "verification");
        this.installation = Objects.requireNonNull(installation, "installation");
        this.approvals = approvals;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/interactions", verification.verified(this::interaction));
    }

    private void interaction(ServerRequest request, ServerResponse response, byte[] body) {
        JsonObject payload;
        List<SlackApprovals.Click> clicks;
        List<SlackFeedback.Click> ratings;
        try {
            payload = payload(new String(body, StandardCharsets.UTF_8));
            clicks = clicks(payload);
            ratings = SlackFeedback.clicks(payload);
        } catch (JsonParseException
                | IllegalStateException
                | IllegalArgumentException
                | java.util.NoSuchElementException e) {
            response.status(Status.BAD_REQUEST_400).send();
            return;
        }
        Optional<String> foreign = installation.clickRefusal(payload);
        if (foreign.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "refused a signed Slack interaction: " + foreign.get());
            response.send();
            return;
        }
        response.send(); // Slack has its answer; the decision may take longer (a CRM update, a webhook)
        for (SlackFeedback.Click rating : ratings) {
            if (feedback == null) {
                LOG.log(System.Logger.Level.WARNING, "feedback clicked but no feedback store is configured");
                break;
            }
            try {
                feedback.record(rating);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "storing feedback on run " + rating.runId() + " failed", e);
            }
        }
        if (approvals == null) {
            if (!clicks.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "approval clicked but approvals are not configured");
            }
            return;
        }
        for (SlackApprovals.Click click : clicks) {
            try {
                approvals.decide(click);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "deciding action " + click.actionId() + " failed", e);
            }
        }
    }

    /** The approval clicks in a form body {@code payload=<json>}; empty for other interactions. */
    static List<SlackApprovals.Click> clicks(String formBody) {
        return clicks(payload(formBody));
    }

    /** The interaction payload of a form body {@code payload=<json>}. */
    static JsonObject payload(String formBody) {
        return JsonParser.parseString(formField(formBody, "payload")
                        .orElseThrow(() -> new IllegalArgumentException("no payload field")))
                .getAsJsonObject();
    }

    /** The approval clicks in an interaction payload (HTTP form field or Socket Mode envelope). */
    static List<SlackApprovals.Click> clicks(JsonObject payload) {
        if (!"block_actions".equals(SlackEventIntake.string(payload, "type").orElse(""))) {
            return List.of();
        }
        String user = object(payload, "user")
                .flatMap(u -> SlackEventIntake.string(u, "id"))
                .orElseThrow();
        Optional<JsonObject> container = object(payload, "container");
        Optional<JsonObject> message = object(payload, "message");
        String channel = container
                .flatMap(c -> SlackEventIntake.string(c, "channel_id"))
                .or(() -> object(payload, "channel").flatMap(c -> SlackEventIntake.string(c, "id")))
                .orElseThrow();
        String messageTs = container
                .flatMap(c -> SlackEventIntake.string(c, "message_ts"))
                .or(() -> message.flatMap(m -> SlackEventIntake.string(m, "ts")))
                .orElseThrow();
        String threadTs = container
                .flatMap(c -> SlackEventIntake.string(c, "thread_ts"))
                .or(() -> message.flatMap(m -> SlackEventIntake.string(m, "thread_ts")))
                .orElse(null);
        List<SlackApprovals.Click> clicks = new ArrayList<>();
        JsonElement actions = payload.get("actions");
        if (actions != null && actions.isJsonArray()) {
            for (JsonElement element : actions.getAsJsonArray()) {
                JsonObject action = element.getAsJsonObject();
                String actionId = SlackEventIntake.string(action, "action_id").orElse("");
                SlackApprovals.Decision decision = switch (actionId) {
                    case SlackApprovals.APPROVE -> SlackApprovals.Decision.APPROVE;
                    case SlackApprovals.REJECT -> SlackApprovals.Decision.REJECT;
                    default -> null;
                };
                Optional<String> value = SlackEventIntake.string(action, "value");
                if (decision != null && value.isPresent()) {
                    clicks.add(new SlackApprovals.Click(value.get(), decision, user, channel, messageTs, threadTs));
                }
            }
        }
        return clicks;
    }

    private static Optional<JsonObject> object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
    }

    private static Optional<String> formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
