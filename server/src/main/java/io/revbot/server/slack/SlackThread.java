package io.revbot.server.slack;

import io.revbot.orchestrator.SessionId;
import java.util.Objects;
import java.util.Optional;

/**
 * A Slack thread: the conversation RevBot keeps. {@code threadTs} is the thread's parent message (the message itself
 * when it starts a thread), so every question in one thread maps to one session and one ordering key. {@code team} is
 * the workspace RevBot is installed in that the thread was delivered for: sessions are namespaced by it, like every
 * session by its channel and owner ({@link SessionId#of}).
 */
record SlackThread(String team, String channel, String threadTs) {
    SlackThread {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(threadTs, "threadTs");
    }

    /** {@code slack:T123:C123:1712345678.000100}: the session id and the queue's ordering key. */
    String key() {
        return "slack:" + team + ":" + channel + ":" + threadTs;
    }

    SessionId session() {
        return new SessionId(key());
    }

    /** Parses {@link #key()} (or the {@code slack:<channel>:<ts>} of earlier versions); the context a {@code PendingAction} carries. */
    static Optional<SlackThread> parse(String key) {
        if (key == null || !key.startsWith("slack:")) {
            return Optional.empty();
        }
        String[] parts = key.substring("slack:".length()).split(":", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        return switch (parts.length) {
            case 3 -> Optional.of(new SlackThread(parts[0], parts[1], parts[2]));
            case 2 -> Optional.of(new SlackThread("", parts[0], parts[1]));
            default -> Optional.empty();
        };
    }
}
