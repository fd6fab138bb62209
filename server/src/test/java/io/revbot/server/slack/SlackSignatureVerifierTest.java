package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureVerifierTest {
    // Slack's documented example ("Verifying requests from Slack").
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignatureVerifier at(long epochSecond) {
        return new SlackSignatureVerifier(
                Secret.of(SECRET), Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void slacksDocumentedExampleVerifies() {
        assertThatCode(() -> at(1531420618 + 30).verify(TIMESTAMP, SIGNATURE, BODY.getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
    }

    @Test
    void aBodyChangedByOneByteIsRefused() {
        byte[] body = (BODY + "x").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> at(1531420618).verify(TIMESTAMP, SIGNATURE, body))
                .isInstanceOf(InvalidSlackRequestException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void theBodyIsSignedAsUtf8Bytes() {
        String body = "{\"text\":\"Umsatz für Q3 – café ☕\"}";
        String signature = SlackRequests.sign(SECRET, TIMESTAMP, body);
        assertThatCode(() -> at(1531420618).verify(TIMESTAMP, signature, body.getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
    }

    @Test
    void aTimestampMoreThanFiveMinutesOldIsRefusedEvenWithAValidSignature() {
        assertThatThrownBy(
                        () -> at(1531420618 + 301).verify(TIMESTAMP, SIGNATURE, BODY.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSlackRequestException.class)
                .hasMessageContaining("stale");
    }

    @Test
    void aTimestampFarInTheFutureIsRefused() {
        assertThatThrownBy(
                        () -> at(1531420618 - 301).verify(TIMESTAMP, SIGNATURE, BODY.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSlackRequestException.class);
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        SlackSignatureVerifier verifier = at(1531420618);
        assertThatThrownBy(() -> verifier.verify(null, SIGNATURE, body))
                .isInstanceOf(InvalidSlackRequestException.class);
        assertThatThrownBy(() -> verifier.verify(TIMESTAMP, null, body))
                .isInstanceOf(InvalidSlackRequestException.class);
        assertThatThrownBy(() -> verifier.verify("yesterday", SIGNATURE, body))
                .isInstanceOf(InvalidSlackRequestException.class);
        assertThatThrownBy(() -> verifier.verify(TIMESTAMP, "v1=" + SIGNATURE.substring(3), body))
                .isInstanceOf(InvalidSlackRequestException.class);
    }
}
