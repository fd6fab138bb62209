package io.revbot.tools.websearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.Secret;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import io.revbot.tools.testing.Fixtures;
import io.revbot.tools.testing.MockServers;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Web-search queries go to an outside provider: they carry the agent's own words, never what tools returned. */
class WebSearchQueryTest {
    private static final String TRANSCRIPT = "{\"call\":\"Vertex Analytics | Discovery\",\"lines\":[{\"speaker\":"
            + "\"Dana Ruiz\",\"text\":\"Our current stack is a patchwork of Postgres replicas and nightly exports,"
            + " and the renewal budget of four hundred eighty thousand is approved by our CFO Maria Lopez\"}]}";

    private final MockWebServer provider = MockServers.start();
    private final WebSearchTools tools = new WebSearchTools(
            Optional.of(new TavilySearch(MockServers.client(), provider.url("/").uri(), Secret.of("tvly-key"))));

    @AfterEach
    void stop() {
        provider.close();
    }

    private static ToolObserver afterReading(String tool, String result) {
        return new ToolObserver() {
            @Override
            public void fact(String name, Object value) {}

            @Override
            public void knowledgeReference(String document, String section, double score) {}

            @Override
            public List<PriorResult> priorResults() {
                return List.of(new PriorResult(tool, result));
            }
        };
    }

    private String search(String query) {
        return ToolObserver.runWith(afterReading("get_call_transcript", TRANSCRIPT), () -> tools.webSearch(query, 3));
    }

    @Test
    void aQueryInTheAgentsOwnWordsIsSent() throws Exception {
        provider.enqueue(MockServers.json(Fixtures.read("websearch/tavily-search.json")));

        search("Vertex Analytics data platform news 2026");

        var body =
                new ObjectMapper().readTree(MockServers.take(provider).getBody().utf8());
        assertThat(body.path("query").asText()).isEqualTo("Vertex Analytics data platform news 2026");
    }

    @Test
    void transcriptJsonNeverReachesTheProvider() {
        assertThatThrownBy(() -> search(TRANSCRIPT))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("at most 200 characters");
        assertThatThrownBy(() -> search("{\"speaker\":\"Dana Ruiz\"}"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("structured data");
        assertThat(provider.getRequestCount()).isZero();
    }

    @Test
    void aQueryRepeatingSixWordsOfToolOutputInARowIsRefused() {
        assertThatThrownBy(() -> search("renewal budget of four hundred eighty thousand is approved"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("repeats text from tool results");
        assertThat(provider.getRequestCount()).isZero();
    }

    @Test
    void quotedToolTextIsStrippedAndTheRestIsSent() throws Exception {
        provider.enqueue(MockServers.json(Fixtures.read("websearch/tavily-search.json")));

        search("Vertex Analytics \"approved by our CFO Maria Lopez\" funding");

        var body =
                new ObjectMapper().readTree(MockServers.take(provider).getBody().utf8());
        assertThat(body.path("query").asText()).isEqualTo("Vertex Analytics funding");
    }

    @Test
    void shortQuotedNamesStayEvenWhenAToolReturnedThem() throws Exception {
        provider.enqueue(MockServers.json(Fixtures.read("websearch/tavily-search.json")));

        search("\"Maria Lopez\" CFO appointment");

        var body =
                new ObjectMapper().readTree(MockServers.take(provider).getBody().utf8());
        assertThat(body.path("query").asText()).isEqualTo("\"Maria Lopez\" CFO appointment");
    }
}
