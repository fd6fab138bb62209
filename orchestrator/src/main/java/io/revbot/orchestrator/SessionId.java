package io.revbot.orchestrator;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation's key in session memory. Keys are namespaced by channel and owner ({@link #of}): a Slack thread is
 * {@code slack:<team>:<channel>:<thread ts>}, a webhook session {@code webhook:<api client>:<its session id>}, so no
 * edge can name a session of another channel or another principal.
 */
public record SessionId(String value) {
    /** Room for a channel, an owner scope and a caller's own 200-character session id. */
    static final int MAX_LENGTH = 400;

    public SessionId {
        Objects.requireNonNull(value, "session id");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("session id must be 1-" + MAX_LENGTH + " characters");
        }
    }

    /** The key of {@code owner}'s session {@code local} (a thread, a caller's session id) on {@code channel}. */
    public static SessionId of(Channel channel, Principal owner, String local) {
        Objects.requireNonNull(local, "local session id");
        if (local.isBlank()) {
            throw new IllegalArgumentException("session id must not be blank");
        }
        return new SessionId(channel.name().toLowerCase(Locale.ROOT) + ":" + owner.sessionScope() + ":" + local);
    }

    public static SessionId random(String prefix) {
        return new SessionId(prefix + "-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
