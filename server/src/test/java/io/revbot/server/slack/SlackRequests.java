package io.revbot.server.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds requests the way Slack sends them: fixtures, signed with the signing secret (computed here, by hand). */
final class SlackRequests {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String signingSecret;

    SlackRequests(URI base, String signingSecret) {
        this.base = base;
        this.signingSecret = signingSecret;
    }

    static JsonObject fixture(String name) {
        try (InputStream in = SlackRequests.class.getResourceAsStream(name)) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app_mention fixture with its event id, ts and (when not null) thread_ts replaced. */
    static JsonObject mention(String eventId, String ts, String threadTs, String text) {
        JsonObject envelope = fixture("app_mention.json");
        envelope.addProperty("event_id", eventId);
        JsonObject event = envelope.getAsJsonObject("event");
        event.addProperty("ts", ts);
        event.addProperty("event_ts", ts);
        event.addProperty("text", "<@U0LAN0Z89> " + text);
        if (threadTs != null) {
            event.addProperty("thread_ts", threadTs);
        }
        return envelope;
    }

    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> event(JsonObject envelope) throws Exception {
        return post("/slack/events", envelope.toString(), "application/json", Instant.now(), null, signingSecret);
    }

    HttpResponse<String> retriedEvent(JsonObject envelope, int retry) throws Exception {
        return post("/slack/events", envelope.toString(), "application/json", Instant.now(), retry, signingSecret);
    }

    HttpResponse<String> interaction(JsonObject payload) throws Exception {
        String body = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
        return post(
                "/slack/interactions", body, "application/x-www-form-urlencoded", Instant.now(), null, signingSecret);
    }

    HttpResponse<String> post(
            String path, String body, String contentType, Instant signedAt, Integer retryNum, String secret)
            throws Exception {
        String timestamp = Long.toString(signedAt.getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (retryNum != null) {
            request.header("X-Slack-Retry-Num", retryNum.toString()).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
