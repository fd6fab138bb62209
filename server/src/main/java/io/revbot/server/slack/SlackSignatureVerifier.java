package io.revbot.server.slack;

import io.revbot.tools.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's v0 request signature: {@code v0=} hex HMAC-SHA256 of {@code v0:<timestamp>:<raw body>} (UTF-8) with
 * the app's signing secret, compared in constant time, and refuses timestamps more than five minutes from now
 * (replays). Throws {@link InvalidSlackRequestException}; never answers {@code false} or {@code null}.
 */
final class SlackSignatureVerifier {
    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final String VERSION = "v0";

    private final Secret signingSecret;
    private final Clock clock;

    SlackSignatureVerifier(Secret signingSecret, Clock clock) {
        this.signingSecret = Objects.requireNonNull(signingSecret, "signingSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns normally when {@code body} was signed by Slack within the last five minutes. */
    void verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank()) {
            throw new InvalidSlackRequestException("missing " + TIMESTAMP_HEADER);
        }
        if (signature == null || signature.isBlank()) {
            throw new InvalidSlackRequestException("missing " + SIGNATURE_HEADER);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSlackRequestException("malformed " + TIMESTAMP_HEADER);
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Duration age = Duration.between(sent, clock.instant()).abs();
        if (age.compareTo(MAX_AGE) > 0) {
            throw new InvalidSlackRequestException("stale request: timestamp is " + age.toSeconds() + " s away");
        }
        byte[] expected = sign(timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = signature.trim().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new InvalidSlackRequestException("signature does not match");
        }
    }

    /** The signature Slack would send for {@code body} at {@code timestamp}: {@code v0=<hex>}. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
