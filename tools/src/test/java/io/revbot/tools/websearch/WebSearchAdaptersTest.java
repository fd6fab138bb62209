package io.revbot.tools.websearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.Secret;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.testing.Fixtures;
import io.revbot.tools.testing.MockServers;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSearchAdaptersTest {
    private final MockWebServer server = MockServers.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private URI base() {
        return server.url("/").uri();
    }

    @Test
    void tavilyPostsTheQueryWithABearerKeyAndParsesResults() throws Exception {
        server.enqueue(MockServers.json(Fixtures.read("websearch/tavily-search.json")));
        TavilySearch tavily = new TavilySearch(MockServers.client(), base(), Secret.of("tvly-secret"));

        List<WebSearch.Result> results = tavily.search("StreamForge funding", 3);

        RecordedRequest request = MockServers.take(server);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/search");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer tvly-secret");
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.path("query").asText()).isEqualTo("StreamForge funding");
        assertThat(body.path("max_results").asInt()).isEqualTo(3);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).title()).startsWith("StreamForge raises $40M");
        assertThat(results.get(0).url()).isEqualTo("https://news.example.com/streamforge-series-b");
        assertThat(results.get(0).published()).contains("2026-01-14");
        assertThat(results.get(1).published()).isEmpty();
    }

    @Test
    void tavilyErrorsCarryItsMessage() {
        server.enqueue(MockServers.json(401, "{\"detail\":{\"error\":\"Unauthorized: missing or invalid API key.\"}}"));
        TavilySearch tavily = new TavilySearch(MockServers.client(), base(), Secret.of("tvly-wrong"));
        assertThatThrownBy(() -> tavily.search("x", 3))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("Tavily: HTTP 401: Unauthorized: missing or invalid API key.")
                .hasMessageNotContaining("tvly-wrong");
    }

    @Test
    void braveGetsWithTheSubscriptionTokenAndParsesWebResults() {
        server.enqueue(MockServers.json(Fixtures.read("websearch/brave-search.json")));
        BraveSearch brave = new BraveSearch(MockServers.client(), base(), Secret.of("brave-key"));

        List<WebSearch.Result> results = brave.search("Orion Health analytics", 5);

        RecordedRequest request = MockServers.take(server);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/res/v1/web/search");
        assertThat(request.getUrl().queryParameter("q")).isEqualTo("Orion Health analytics");
        assertThat(request.getUrl().queryParameter("count")).isEqualTo("5");
        assertThat(request.getHeaders().get("X-Subscription-Token")).isEqualTo("brave-key");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.title()).isEqualTo("Orion Health modernises its analytics stack");
            assertThat(r.snippet()).contains("cloud warehouses");
            assertThat(r.published()).contains("2026-02-27T08:00:00");
        });
    }

    @Test
    void braveRateLimitIsRetriedAfterRetryAfter() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "1")
                .body(
                        "{\"type\":\"ErrorResponse\",\"error\":{\"code\":\"RATE_LIMITED\",\"detail\":\"Request rate limit exceeded\"}}")
                .build());
        server.enqueue(MockServers.json(Fixtures.read("websearch/brave-search.json")));
        BraveSearch brave = new BraveSearch(MockServers.client(), base(), Secret.of("brave-key"));
        assertThat(brave.search("Orion", 5)).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void withoutAProviderTheToolSaysOutsideResearchIsNotConfigured() {
        String answer = new WebSearchTools(Optional.empty()).webSearch("anything", 5);
        assertThat(answer).contains("Outside research is not configured").contains("REVBOT_SEARCH_PROVIDER");
    }

    @Test
    void theToolReturnsCompactJsonWithUrls() {
        server.enqueue(MockServers.json(Fixtures.read("websearch/tavily-search.json")));
        var tools = new WebSearchTools(Optional.of(new TavilySearch(MockServers.client(), base(), Secret.of("k"))));
        String answer = tools.webSearch("StreamForge funding", null);
        assertThat(answer)
                .startsWith("{\"results\":[")
                .contains("\"url\":\"https://news.example.com/streamforge-series-b\"")
                .contains("\"published\":\"2026-01-14\"");
    }
}
