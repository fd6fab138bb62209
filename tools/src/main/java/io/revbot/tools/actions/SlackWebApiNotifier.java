package io.revbot.tools.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.tools.Secret;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.http.JsonHttp;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * {@link SlackNotifier} over Slack's Web API ({@code chat.postMessage}, {@code auth.test}) with a bot token. The base
 * URL is configurable ({@code REVBOT_SLACK_API_URL}) so tests and proxies can stand in for slack.com. Slack answers
 * HTTP 200 with {@code {"ok": false, "error": "…"}} for most failures; those become {@link UpstreamException}s.
 */
public final class SlackWebApiNotifier implements SlackNotifier {
    static final String SYSTEM = "Slack";

    private final JsonHttp http;
    private final HttpUrl apiUrl;
    private final Secret botToken;

    public SlackWebApiNotifier(OkHttpClient client, URI apiUrl, Secret botToken) {
        this.http = new JsonHttp(client, SYSTEM, json -> json.path("error").textValue());
        String base = apiUrl.toString().endsWith("/") ? apiUrl.toString() : apiUrl + "/";
        this.apiUrl = HttpUrl.get(base);
        this.botToken = Objects.requireNonNull(botToken, "botToken");
    }

    @Override
    public String describe() {
        return "slack (" + apiUrl.scheme() + "://" + apiUrl.host() + ")";
    }

    @Override
    public String check() {
        JsonNode json = call("auth.test", Map.of());
        return json.path("team").asText("?") + " / " + json.path("user").asText("?");
    }

    @Override
    public String post(String channel, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("text", text);
        body.put("unfurl_links", false);
        return call("chat.postMessage", body).path("ts").asText("");
    }

    private JsonNode call(String method, Map<String, Object> body) {
        JsonNode json = http.send(new Request.Builder()
                .url(apiUrl.newBuilder().addPathSegment(method).build())
                .header("Authorization", "Bearer " + botToken.reveal())
                .post(JsonHttp.json(body))
                .build());
        if (!json.path("ok").asBoolean(false)) {
            throw new UpstreamException(
                    SYSTEM, method + " failed: " + json.path("error").asText("unknown error"), false);
        }
        return json;
    }
}
