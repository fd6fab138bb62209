package io.revbot.server.access;

import io.helidon.http.SetCookie;
import io.revbot.server.config.NamedToken;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The viewer's login session: a cookie {@code revbot_session=v1~<kind>~<name>~<expiry>~<signature>}, where the
 * signature is an HMAC-SHA256 keyed with the token that logged in. Nothing is stored on the server, so it works
 * across restarts and behind a load balancer; it ends when it expires or when that token is removed or rotated (the
 * way to revoke it). The cookie is {@code Secure} (browsers keep it over HTTPS, and on {@code localhost}),
 * {@code HttpOnly} (no script reads it) and {@code SameSite=Strict} (no other site's page sends it).
 */
final class SessionCookie {
    static final String NAME = "revbot_session";
    static final Duration LIFETIME = Duration.ofHours(8);
    private static final String VERSION = "v1";
    /** Never in a token name, a number or base64url. */
    private static final String SEPARATOR = "~";

    private final Credentials credentials;
    private final Clock clock;

    SessionCookie(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The Set-Cookie for a caller who just logged in with {@code token} of {@code kind}. */
    SetCookie issue(Credentials.Kind kind, NamedToken token) {
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        String payload = String.join(
                SEPARATOR,
                VERSION,
                kind.name().toLowerCase(java.util.Locale.ROOT),
                token.name(),
                Long.toString(expiry));
        return cookie(payload + SEPARATOR + sign(token, payload), LIFETIME);
    }

    /** A Set-Cookie that makes the browser forget the session (expired long ago: Helidon drops a zero Max-Age). */
    static SetCookie cleared() {
        return SetCookie.builder(NAME, "")
                .path("/")
                .expires(Instant.EPOCH)
                .httpOnly(true)
                .secure(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .build();
    }

    /** The caller a cookie value stands for, when it is well formed, unexpired and signed by a configured token. */
    Optional<Caller> verify(String value) {
        String[] parts = value == null ? new String[0] : value.split(SEPARATOR);
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        Credentials.Kind kind;
        long expiry;
        try {
            kind = Credentials.Kind.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
            expiry = Long.parseLong(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Instant.ofEpochSecond(expiry).isAfter(clock.instant())) {
            return Optional.empty();
        }
        Optional<NamedToken> token = credentials.named(kind, parts[2]);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String payload = String.join(SEPARATOR, parts[0], parts[1], parts[2], parts[3]);
        boolean valid = MessageDigest.isEqual(
                sign(token.get(), payload).getBytes(StandardCharsets.US_ASCII),
                parts[4].getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(Credentials.callerFor(kind, parts[2])) : Optional.empty();
    }

    private static SetCookie cookie(String value, Duration maxAge) {
        return SetCookie.builder(NAME, value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .build();
    }

    private static String sign(NamedToken token, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    ("revbot-viewer-session:" + token.token().reveal()).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
