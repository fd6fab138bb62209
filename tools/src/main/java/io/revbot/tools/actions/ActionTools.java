package io.revbot.tools.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import io.revbot.tools.crm.Crm;
import io.revbot.tools.http.JsonHttp;
import io.revbot.tools.http.OutboundUrlGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The execution agent's write tools. None of them changes anything: each <em>proposes</em> an action, stored as a
 * {@link PendingAction} with exactly what will change and who asked, reported to the run through
 * {@link ToolObserver#actionProposed}; it executes only when a person approves it ({@link PendingActions}).
 */
public final class ActionTools {
    private static final Pattern CHANNEL = Pattern.compile("#[a-z0-9_-]{1,80}|[CGD][A-Z0-9]{6,20}");
    private static final int MAX_MESSAGE = 3_000;
    /**
     * The approver sees the whole body on the card, so a body is at most what a person can read there; a larger one
     * is refused rather than shown cut.
     */
    static final int MAX_WEBHOOK_BODY = 12_000;

    private final PendingActionStore store;
    private final Crm crm;
    private final Optional<WebhookSender> webhooks;
    private final Map<String, URI> namedWebhooks;
    private final Optional<SlackNotifier> slack;
    private final Duration timeToLive;
    private final Clock clock;

    /**
     * @param namedWebhooks webhook targets the model may name instead of giving a URL (e.g. {@code default} for
     *     {@code REVBOT_OUTBOUND_WEBHOOK_URL})
     * @param timeToLive how long a proposal waits for a decision (default 15 minutes)
     */
    public ActionTools(
            PendingActionStore store,
            Crm crm,
            Optional<WebhookSender> webhooks,
            Map<String, URI> namedWebhooks,
            Optional<SlackNotifier> slack,
            Duration timeToLive,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.crm = Objects.requireNonNull(crm, "crm");
        this.webhooks = webhooks;
        this.namedWebhooks = Map.copyOf(namedWebhooks);
        this.slack = slack;
        this.timeToLive = timeToLive;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Tool(
            name = "propose_crm_update",
            value = {
                "Proposes changing one field of one CRM record (e.g. an opportunity's next step or stage). Nothing changes"
                        + " until a person approves it; the proposal expires after a while.",
                "Read the record first with get_crm_record and use its exact field name.",
                "Returns the proposal's id and the exact change shown to the approver; tell the user it awaits approval."
            })
    public String proposeCrmUpdate(
            @P("record type: account, opportunity, contact or lead") String recordType,
            @P("the record's id") String recordId,
            @P("the field name exactly as get_crm_record shows it") String field,
            @P("the new value") String newValue) {
        Crm.RecordType type = Crm.RecordType.parse(recordType);
        if (recordId == null || recordId.isBlank() || field == null || field.isBlank()) {
            throw new ToolException("record_id and field must not be empty");
        }
        Crm.CrmRecord record = crm.getRecord(type, recordId.strip())
                .orElseThrow(
                        () -> new ToolException("no " + type.name().toLowerCase(Locale.ROOT) + " with id " + recordId));
        String exactField = record.fields().keySet().stream()
                .filter(f -> f.equalsIgnoreCase(field.strip()) && !f.equals("owner_name"))
                .findFirst()
                .orElseThrow(() -> new ToolException("the " + type.name().toLowerCase(Locale.ROOT) + " has no field '"
                        + field + "'; its fields are " + record.fields().keySet()));
        Object old = record.fields().get(exactField);
        String value = newValue == null ? "" : newValue.strip();
        String summary = "Set " + exactField + " of " + type.salesforceName() + " \"" + record.name() + "\" ("
                + record.id() + ") from " + quoted(old) + " to " + quoted(value);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("recordType", type.name());
        payload.put("recordId", record.id());
        payload.put("field", exactField);
        payload.put("from", old == null ? null : old.toString());
        payload.put("to", old instanceof Number && isNumber(value) ? new java.math.BigDecimal(value) : value);
        return propose(ApprovedActions.CRM_UPDATE, summary, summary, payload);
    }

    @Tool(
            name = "propose_webhook",
            value = {
                "Proposes sending a signed JSON webhook to a configured target (by name) or to an https URL on a host the"
                        + " administrator allowed. Nothing is sent until a person approves it, after reading the whole"
                        + " body. Other hosts and internal addresses are refused.",
                "Returns the proposal's id and the exact request shown to the approver; tell the user it awaits approval."
            })
    public String proposeWebhook(
            @P("a configured webhook name (e.g. 'default') or a full https URL") String target,
            @P("the JSON body to send, as a JSON object (at most 12,000 characters)") String jsonBody) {
        if (webhooks.isEmpty()) {
            throw new ToolException("webhooks are not configured (REVBOT_WEBHOOK_SIGNING_SECRET is not set);"
                    + " tell the user this action is unavailable");
        }
        if (target == null || target.isBlank()) {
            throw new ToolException("target must be a webhook name or a URL");
        }
        String name = target.strip();
        URI url = namedWebhooks.get(name.toLowerCase(Locale.ROOT));
        if (url == null) {
            url = absoluteUrl(name);
        }
        try {
            webhooks.get().check(url);
        } catch (OutboundUrlGuard.RefusedUrlException e) {
            throw new ToolException("refused webhook URL: " + e.getMessage());
        }
        String body = canonicalJson(jsonBody);
        String summary = "POST a signed webhook to " + url + " with this body (" + body.length() + " characters):\n"
                + pretty(body);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("url", url.toString());
        payload.put("body", body);
        return propose(ApprovedActions.WEBHOOK, summary, "POST a signed webhook to " + url, payload);
    }

    @Tool(
            name = "propose_slack_notification",
            value = {
                "Proposes posting a message to a Slack channel (e.g. to alert an account team). Nothing is posted until a"
                        + " person approves it.",
                "Returns the proposal's id and the exact message shown to the approver; tell the user it awaits approval."
            })
    public String proposeSlackNotification(
            @P("channel name like #deal-desk, or a channel id like C0123ABCD") String channel,
            @P("the message text (Slack mrkdwn), at most 3000 characters") String message) {
        if (slack.isEmpty()) {
            throw new ToolException("Slack is not configured (SLACK_BOT_TOKEN is not set); tell the user this action"
                    + " is unavailable");
        }
        String c = channel == null ? "" : channel.strip();
        if (!CHANNEL.matcher(c).matches()) {
            throw new ToolException(
                    "channel must be like #deal-desk or a channel id like C0123ABCD, got '" + channel + "'");
        }
        if (message == null || message.isBlank()) {
            throw new ToolException("message must not be empty");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new ToolException(
                    "message is too long (" + message.length() + " characters, at most " + MAX_MESSAGE + ")");
        }
        String summary = "Post to " + c + " in Slack: \"" + message.strip() + "\"";
        return propose(
                ApprovedActions.SLACK_NOTIFICATION,
                summary,
                "Post to " + c + " in Slack",
                Map.of("channel", c, "text", message.strip()));
    }

    /**
     * Stores the proposal. {@code summary} is everything the approver must see (the whole body of a webhook);
     * {@code headline} is what the model is told back.
     */
    private String propose(String kind, String summary, String headline, Map<String, Object> payload) {
        ToolObserver observer = ToolObserver.current();
        String json;
        try {
            json = JsonHttp.MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        PendingAction action = store.create(
                new ActionRequest(
                        kind,
                        summary,
                        observer.requester().orElse("unknown"),
                        observer.requestContext(),
                        json,
                        timeToLive,
                        Provenance.of(observer.priorResults())),
                clock.instant());
        observer.actionProposed(action.id(), summary);
        return "Proposed action " + action.id() + ": " + headline + ". Nothing has changed yet: it runs only when a"
                + " person approves it, and expires at " + action.expiresAt() + " (" + timeToLive.toMinutes()
                + " minutes). Tell the user it is waiting for approval.";
    }

    /** {@code name} as an absolute URL, or a message to the model naming the configured webhooks. */
    private URI absoluteUrl(String name) {
        try {
            URI url = new URI(name);
            if (url.getScheme() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // not a URL either: fall through to the message
        }
        throw new ToolException(
                "'" + name + "' is neither a configured webhook " + namedWebhooks.keySet() + " nor a URL");
    }

    private static String canonicalJson(String body) {
        if (body == null || body.isBlank()) {
            throw new ToolException("json_body must be a JSON object");
        }
        if (body.length() > MAX_WEBHOOK_BODY) {
            throw new ToolException("json_body is too large (" + body.length() + " characters, at most "
                    + MAX_WEBHOOK_BODY + ": the approver must be able to read all of it)");
        }
        try {
            JsonNode node = JsonHttp.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ToolException("json_body must be a JSON object");
            }
            return JsonHttp.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ToolException("json_body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean isNumber(String s) {
        try {
            new java.math.BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String quoted(Object v) {
        return v == null || v.toString().isEmpty() ? "(empty)" : "\"" + v + "\"";
    }

    private static String pretty(String canonicalJson) {
        try {
            return JsonHttp.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(JsonHttp.MAPPER.readTree(canonicalJson));
        } catch (JsonProcessingException e) {
            return canonicalJson;
        }
    }
}
