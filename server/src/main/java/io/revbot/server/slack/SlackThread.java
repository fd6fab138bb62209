package io.revbot.server.slack;

import io.revbot.orchestrator.SessionId;
import java.util.Objects;

/**
 * A Slack thread: the conversation RevBot keeps. {@code threadTs} is the thread's parent message (the message itself
 * when it starts a thread), so every question in one thread maps to one session and one ordering key.
 */
record SlackThread(String channel, String threadTs) {
    SlackThread {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(threadTs, "threadTs");
    }

    /** {@code slack:C123:1712345678.000100}: the session id and the queue's ordering key. */
    String key() {
        return "slack:" + channel + ":" + threadTs;
    }

    SessionId session() {
        return new SessionId(key());
    }

    /** Parses {@link #key()}; the context a {@code PendingAction} carries. */
    static java.util.Optional<SlackThread> parse(String key) {
        if (key == null || !key.startsWith("slack:")) {
            return java.util.Optional.empty();
        }
        String rest = key.substring("slack:".length());
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SlackThread(rest.substring(0, colon), rest.substring(colon + 1)));
    }
}
