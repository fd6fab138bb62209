package io.revbot.server.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.Objects;

/**
 * A question asked in Slack, as queued in a {@code SLACK_EVENT} job's payload.
 *
 * @param eventId Slack's event id (the job's idempotency key)
 * @param thread where to answer, and the session
 * @param messageTs the asking message
 * @param user who asked (Slack user id)
 * @param userTeam the asker's own workspace ({@code user_team}; another organisation's in a Slack Connect channel)
 * @param text the message as Slack sent it (mentions included)
 * @param botUserId RevBot's own user id in that workspace, when Slack said it (to strip the mention); may be empty
 * @param receivedAt when RevBot acknowledged the event
 */
record SlackQuestion(
        String eventId,
        SlackThread thread,
        String messageTs,
        String user,
        String userTeam,
        String text,
        String botUserId,
        Instant receivedAt) {

    SlackQuestion {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(messageTs, "messageTs");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(userTeam, "userTeam");
        Objects.requireNonNull(text, "text");
        botUserId = botUserId == null ? "" : botUserId;
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The text without RevBot's own mention: {@code "<@U0BOT> how is Acme doing?"} asks "how is Acme doing?". */
    String question() {
        String text = this.text;
        if (!botUserId.isEmpty()) {
            text = text.replace("<@" + botUserId + ">", " ");
        } else if (text.startsWith("<@")) {
            int end = text.indexOf('>');
            text = end < 0 ? text : text.substring(end + 1);
        }
        return text.strip();
    }

    String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("event_id", eventId);
        o.addProperty("team", thread.team());
        o.addProperty("channel", thread.channel());
        o.addProperty("thread_ts", thread.threadTs());
        o.addProperty("ts", messageTs);
        o.addProperty("user", user);
        o.addProperty("user_team", userTeam);
        o.addProperty("text", text);
        o.addProperty("bot_user_id", botUserId);
        o.addProperty("received_at", receivedAt.toString());
        return o.toString();
    }

    static SlackQuestion fromJson(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        // Questions queued before teams were recorded have none: they fail the organisation check, never pass it.
        String team = o.has("team") ? o.get("team").getAsString() : "";
        return new SlackQuestion(
                o.get("event_id").getAsString(),
                new SlackThread(
                        team, o.get("channel").getAsString(), o.get("thread_ts").getAsString()),
                o.get("ts").getAsString(),
                o.get("user").getAsString(),
                o.has("user_team") ? o.get("user_team").getAsString() : "",
                o.get("text").getAsString(),
                o.has("bot_user_id") ? o.get("bot_user_id").getAsString() : "",
                Instant.parse(o.get("received_at").getAsString()));
    }
}
