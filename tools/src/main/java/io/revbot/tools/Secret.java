package io.revbot.tools;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (token, key, signing secret). {@link #toString()} never shows it; comparison is constant-time
 * ({@link #matches}); there is deliberately no {@code equals} beyond identity. Call {@link #reveal()} only at the
 * point where the value goes on the wire.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    public static Secret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        return new Secret(value);
    }

    /** The raw value, for the one place that sends it. */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison with a presented credential. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "****";
    }
}
