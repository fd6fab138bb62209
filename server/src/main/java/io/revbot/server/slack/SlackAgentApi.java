package io.revbot.server.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Web API methods of Slack's agent surface, which {@code slack-api-client} 1.51.0 lacks: agent session status
 * ({@code agents.sessions.setStatus}), streamed messages ({@code chat.startStream} / {@code appendStream} /
 * {@code stopStream}) and suggested prompts ({@code assistant.threads.setSuggestedPrompts}), sent as plain form
 * POSTs through {@link SlackApi#form} (same token, retries and error handling as every other call).
 *
 * <p>Rate tiers (Slack's documentation): {@code setStatus} tier 3, {@code startStream} and {@code stopStream} tier 2
 * (once per answer each), {@code appendStream} tier 4: {@link SlackStream} buffers text so appends stay under that.
 */
final class SlackAgentApi {
    /** Errors meaning "this app is not declared as an agent here": the caller falls back to plain messages. */
    private static final Set<String> NOT_AN_AGENT = Set.of("not_authorized", "unknown_method");

    /** One method's markdown limit; longer text is sent in several appends. */
    static final int MARKDOWN_LIMIT = 12_000;

    private final SlackApi slack;

    SlackAgentApi(SlackApi slack) {
        this.slack = Objects.requireNonNull(slack, "slack");
    }

    /** An agent session's lifecycle status. */
    enum SessionStatus {
        PROCESSING,
        ACTIVE,
        SUSPENDED,
        CLOSED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What one stream call carries: markdown text and task updates (either may be empty). */
    record Content(String markdown, List<JsonObject> chunks) {
        Content {
            markdown = markdown == null ? "" : markdown;
            chunks = List.copyOf(chunks);
        }

        static Content text(String markdown) {
            return new Content(markdown, List.of());
        }

        boolean isEmpty() {
            return markdown.isEmpty() && chunks.isEmpty();
        }
    }

    /** Whether {@code e} says the workspace does not let this app use the agent methods. */
    static boolean notAnAgent(RuntimeException e) {
        return e instanceof SlackApi.MethodFailed failed && NOT_AN_AGENT.contains(failed.error());
    }

    /** Sets the thread's session status; {@code title} and {@code initiator} only count when it creates the session. */
    void setStatus(SlackThread thread, SessionStatus status, String title, String initiator) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel_id", thread.channel());
        params.put("thread_ts", thread.threadTs());
        params.put("status", status.wire());
        params.put("title", title);
        params.put("initiator_user_id", initiator);
        slack.form("agents.sessions.setStatus", params);
    }

    /**
     * Starts a streamed reply in the thread and returns its ts. Outside a DM Slack wants to know whom the stream is
     * for ({@code recipient_user_id}, {@code recipient_team_id}).
     */
    String startStream(SlackThread thread, String recipientUser, String recipientTeam, Content content) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", thread.channel());
        params.put("thread_ts", thread.threadTs());
        params.put("recipient_user_id", recipientUser);
        params.put("recipient_team_id", recipientTeam == null || recipientTeam.isEmpty() ? null : recipientTeam);
        params.put("task_display_mode", "timeline");
        content(params, content);
        return slack.form("chat.startStream", params)
                .orElseThrow(() -> new SlackApi.MethodFailed("chat.startStream", "no ts in the answer", false));
    }

    void appendStream(String channel, String ts, Content content) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", channel);
        params.put("ts", ts);
        content(params, content);
        slack.form("chat.appendStream", params);
    }

    /** Ends the stream with its last content, {@code blocks} under it (feedback buttons), and the session status. */
    void stopStream(String channel, String ts, Content content, JsonArray blocks, SessionStatus status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", channel);
        params.put("ts", ts);
        content(params, content);
        params.put("blocks", blocks == null || blocks.isEmpty() ? null : blocks.toString());
        params.put("session_status", status.wire());
        slack.form("chat.stopStream", params);
    }

    /** Up to four prompts shown when a user opens the agent's DM (no thread: an agent app's call must omit it). */
    void setSuggestedPrompts(String channel, List<SuggestedPrompts.Prompt> prompts, String title) {
        JsonArray list = new JsonArray();
        for (SuggestedPrompts.Prompt p : prompts) {
            JsonObject o = new JsonObject();
            o.addProperty("title", p.title());
            o.addProperty("message", p.message());
            list.add(o);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel_id", channel);
        params.put("title", title);
        params.put("prompts", list.toString());
        slack.form("assistant.threads.setSuggestedPrompts", params);
    }

    /** Text alone goes as {@code markdown_text}; with task updates, everything goes in order as {@code chunks}. */
    private static void content(Map<String, String> params, Content content) {
        if (content.chunks().isEmpty()) {
            params.put("markdown_text", content.markdown().isEmpty() ? null : content.markdown());
            return;
        }
        JsonArray chunks = new JsonArray();
        content.chunks().forEach(chunks::add);
        if (!content.markdown().isEmpty()) {
            JsonObject text = new JsonObject();
            text.addProperty("type", "markdown_text");
            text.addProperty("text", content.markdown());
            chunks.add(text);
        }
        params.put("chunks", chunks.toString());
    }
}
