package io.revbot.tools.websearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.tools.Secret;
import io.revbot.tools.http.JsonHttp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** Brave Search's web search API: {@code GET /res/v1/web/search} with an {@code X-Subscription-Token}. */
public final class BraveSearch implements WebSearch {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.search.brave.com");

    private final JsonHttp http;
    private final HttpUrl baseUrl;
    private final Secret apiKey;

    public BraveSearch(OkHttpClient client, URI baseUrl, Secret apiKey) {
        this.http = new JsonHttp(client, "Brave Search", BraveSearch::errorMessage);
        this.baseUrl = HttpUrl.get(baseUrl.toString());
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String describe() {
        return "brave (" + baseUrl.scheme() + "://" + baseUrl.host() + ")";
    }

    @Override
    public List<Result> search(String query, int maxResults) {
        HttpUrl url = baseUrl.newBuilder()
                .addPathSegments("res/v1/web/search")
                .addQueryParameter("q", query)
                .addQueryParameter("count", Integer.toString(Math.max(1, Math.min(maxResults, 20))))
                .build();
        Request request = new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .header("X-Subscription-Token", apiKey.reveal())
                .get()
                .build();
        JsonNode json = http.send(request);
        List<Result> results = new ArrayList<>();
        for (JsonNode r : json.path("web").path("results")) {
            results.add(new Result(
                    r.path("title").asText(""),
                    r.path("url").asText(""),
                    r.path("description").asText(""),
                    Optional.ofNullable(r.path("page_age").textValue())
                            .or(() -> Optional.ofNullable(r.path("age").textValue()))));
        }
        return results;
    }

    private static String errorMessage(JsonNode json) {
        JsonNode error = json.path("error");
        String detail = error.path("detail").textValue();
        return detail != null ? detail : error.path("code").textValue();
    }
}
