package io.revbot.orchestrator.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The HTTP client of one Anthropic model call: marks the plan's cache points with {@code cache_control} on the
 * Messages API body LangChain4j built (the last system block, and the last block of each message the plan names)
 * and sends it through the shared client. LangChain4j's Anthropic client caches only the system prompt, the tools or
 * a user message, never the assistant message a history ends with, so the marks are set here, on the JSON.
 */
final class CacheControlHttpClient implements HttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient delegate;
    private final CachePlan plan;

    CacheControlHttpClient(HttpClient delegate, CachePlan plan) {
        this.delegate = delegate;
        this.plan = plan;
    }

    /** Hands LangChain4j this call's client; the timeouts it sets are those the shared client was built with. */
    HttpClientBuilder asBuilder() {
        HttpClient client = this;
        return new HttpClientBuilder() {
            private Duration connectTimeout;
            private Duration readTimeout;

            @Override
            public Duration connectTimeout() {
                return connectTimeout;
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration timeout) {
                this.connectTimeout = timeout;
                return this;
            }

            @Override
            public Duration readTimeout() {
                return readTimeout;
            }

            @Override
            public HttpClientBuilder readTimeout(Duration timeout) {
                this.readTimeout = timeout;
                return this;
            }

            @Override
            public HttpClient build() {
                return client;
            }
        };
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        return delegate.execute(withCacheControl(request, plan));
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        delegate.execute(withCacheControl(request, plan), parser, listener);
    }

    static HttpRequest withCacheControl(HttpRequest request, CachePlan plan) {
        if (plan.placed().isEmpty() || request.body() == null || request.body().isBlank()) {
            return request;
        }
        try {
            JsonNode body = JSON.readTree(request.body());
            for (CachePoint point : plan.placed()) {
                JsonNode blocks = point.message() < 0
                        ? body.path("system")
                        : body.path("messages").path(point.message()).path("content");
                if (blocks instanceof ArrayNode array
                        && !array.isEmpty()
                        && array.get(array.size() - 1) instanceof ObjectNode last) {
                    last.putObject("cache_control").put("type", "ephemeral");
                }
            }
            return HttpRequest.builder()
                    .method(request.method())
                    .url(request.url())
                    .headers(request.headers())
                    .body(JSON.writeValueAsString(body))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("could not add cache points to the Anthropic request", e);
        }
    }
}
