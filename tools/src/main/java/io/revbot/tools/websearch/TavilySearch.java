package io.revbot.tools.websearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.tools.Secret;
import io.revbot.tools.http.JsonHttp;
import io.revbot.tools.http.RetryInterceptor;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** Tavily's search API: {@code POST /search} with a bearer API key. */
public final class TavilySearch implements WebSearch {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.tavily.com");

    private final JsonHttp http;
    private final HttpUrl baseUrl;
    private final Secret apiKey;

    public TavilySearch(OkHttpClient client, URI baseUrl, Secret apiKey) {
        this.http = new JsonHttp(client, "Tavily", TavilySearch::errorMessage);
        this.baseUrl = HttpUrl.get(baseUrl.toString());
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String describe() {
        return "tavily (" + baseUrl.scheme() + "://" + baseUrl.host() + ")";
    }

    @Override
    public List<Result> search(String query, int maxResults) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("max_results", Math.max(1, Math.min(maxResults, 20)));
        body.put("search_depth", "basic");
        body.put("include_answer", false);
        Request request = new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegment("search").build())
                .header("Authorization", "Bearer " + apiKey.reveal())
                .tag(RetryInterceptor.Idempotent.class, RetryInterceptor.Idempotent.YES)
                .post(JsonHttp.json(body))
                .build();
        JsonNode json = http.send(request);
        List<Result> results = new ArrayList<>();
        for (JsonNode r : json.path("results")) {
            results.add(new Result(
                    r.path("title").asText(""),
                    r.path("url").asText(""),
                    r.path("content").asText(""),
                    Optional.ofNullable(r.path("published_date").textValue())));
        }
        return results;
    }

    private static String errorMessage(JsonNode json) {
        JsonNode detail = json.path("detail");
        if (detail.isObject()) {
            return detail.path("error").textValue();
        }
        return detail.isTextual() ? detail.textValue() : json.path("error").textValue();
    }
}
