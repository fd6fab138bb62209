package io.revbot.server.webhook;

import io.revbot.tools.Secret;
import java.util.Base64;

/**
 * The format of a Standard Webhooks signing secret ({@code REVBOT_WEBHOOK_SIGNING_SECRET}): {@code whsec_} followed by
 * the base64 of a random key of 24 to 64 bytes. Checked by {@code doctor}; the messages never show the secret.
 */
public final class StandardWebhooksSecret {
    static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;

    private StandardWebhooksSecret() {}

    /**
     * The key's length in bytes.
     *
     * @throws IllegalArgumentException saying what is wrong with the format
     */
    public static int keyBytes(Secret secret) {
        String value = secret.reveal().strip();
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("does not start with " + PREFIX + " (Standard Webhooks format)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the part after " + PREFIX + " is not base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("the key is " + key.length + " bytes; Standard Webhooks wants "
                    + MIN_BYTES + " to " + MAX_BYTES + " random bytes");
        }
        return key.length;
    }

    /** How to make a good one. */
    public static String howToGenerate() {
        return "generate one with: echo whsec_$(openssl rand -base64 32)";
    }
}
