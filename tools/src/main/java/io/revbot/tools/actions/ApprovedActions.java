package io.revbot.tools.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.tools.crm.Crm;
import io.revbot.tools.http.JsonHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Executes approved actions by kind: CRM field update, signed webhook, Slack message. */
public final class ApprovedActions implements ActionExecutor {
    public static final String CRM_UPDATE = "crm_update";
    public static final String WEBHOOK = "webhook";
    public static final String SLACK_NOTIFICATION = "slack_notification";

    private final Crm crm;
    private final Optional<WebhookSender> webhooks;
    private final Optional<SlackNotifier> slack;

    public ApprovedActions(Crm crm, Optional<WebhookSender> webhooks, Optional<SlackNotifier> slack) {
        this.crm = Objects.requireNonNull(crm, "crm");
        this.webhooks = webhooks;
        this.slack = slack;
    }

    @Override
    public String execute(String kind, String payload, String approver) {
        JsonNode p = read(payload);
        return switch (kind) {
            case CRM_UPDATE -> {
                Crm.RecordType type =
                        Crm.RecordType.valueOf(p.path("recordType").asText());
                String field = p.path("field").asText();
                JsonNode to = p.path("to");
                crm.update(
                        type,
                        p.path("recordId").asText(),
                        Map.of(field, to.isNumber() ? to.numberValue() : to.asText()),
                        approver);
                yield "updated " + field + " on " + type.salesforceName() + " "
                        + p.path("recordId").asText();
            }
            case WEBHOOK -> {
                WebhookSender sender =
                        webhooks.orElseThrow(() -> new IllegalStateException("webhooks are not configured"));
                URI url = URI.create(p.path("url").asText());
                yield "delivered to " + url.getHost() + ": "
                        + sender.send(url, p.path("body").asText());
            }
            case SLACK_NOTIFICATION -> {
                SlackNotifier notifier = slack.orElseThrow(() -> new IllegalStateException("Slack is not configured"));
                String channel = p.path("channel").asText();
                yield "posted to " + channel + " (ts "
                        + notifier.post(channel, p.path("text").asText()) + ")";
            }
            default -> throw new IllegalArgumentException("unknown action kind " + kind);
        };
    }

    private static JsonNode read(String payload) {
        try {
            return JsonHttp.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("stored payload is not JSON", e);
        }
    }
}
