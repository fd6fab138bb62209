package io.revbot.orchestrator;

import java.util.Objects;
import java.util.UUID;

/** A conversation: a Slack thread ({@code slack:C123:1712345678.000100}), a webhook session or a CLI session. */
public record SessionId(String value) {
    public SessionId {
        Objects.requireNonNull(value, "session id");
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("session id must be 1-200 characters");
        }
    }

    public static SessionId random(String prefix) {
        return new SessionId(prefix + "-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
