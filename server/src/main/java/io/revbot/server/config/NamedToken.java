package io.revbot.server.config;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bearer token and the name it is known by ({@code REVBOT_API_TOKENS=crm-app:tok_…,reports:tok_…}). The name is
 * who the caller is: it owns the caller's sessions and results and is the recorded requester, so reordering or adding
 * tokens changes nobody's identity. A bare token (no {@code name:}) is named after its hash, {@code token-<12 hex>},
 * which is stable and says nothing about the token.
 */
public record NamedToken(String name, Secret token) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Shorter tokens are guessable; the check protects operators from {@code REVBOT_API_TOKENS=test}. */
    static final int MIN_TOKEN_LENGTH = 16;

    public NamedToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
    }

    /**
     * Parses {@code key}'s comma-separated entries, each {@code name:token} or a bare token.
     *
     * @throws ConfigurationException naming the key when an entry is malformed, too short or named twice
     */
    static List<NamedToken> parse(String key, List<String> entries) {
        List<NamedToken> tokens = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int colon = entry.indexOf(':');
            String name;
            String value;
            if (colon > 0 && NAME.matcher(entry.substring(0, colon)).matches()) {
                name = entry.substring(0, colon);
                value = entry.substring(colon + 1).strip();
            } else {
                value = entry;
                name = fingerprint(value);
            }
            if (value.length() < MIN_TOKEN_LENGTH) {
                throw new ConfigurationException(
                        key,
                        "entry " + (i + 1) + " (" + name + "): a token must be at least " + MIN_TOKEN_LENGTH
                                + " characters (e.g. openssl rand -hex 24)");
            }
            if (!names.add(name)) {
                throw new ConfigurationException(key, "the name '" + name + "' is given to two tokens");
            }
            tokens.add(new NamedToken(name, Secret.of(value)));
        }
        return List.copyOf(tokens);
    }

    /** {@code token-} and the first 12 hex digits of the token's SHA-256. */
    static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "token-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
