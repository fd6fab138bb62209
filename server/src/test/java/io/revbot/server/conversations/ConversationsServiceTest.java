package io.revbot.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.server.cli.RecordedRuns;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationsServiceTest {
    @TempDir
    static Path exports;

    static WebServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        RecordedRuns.writeTo(exports);
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.register(new ConversationsService(new ConversationStore(exports))))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<String> res = get(path);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return ConversationJson.MAPPER.readTree(res.body());
    }

    @Test
    void theListFiltersByChannelAgentStatusAndDate() throws Exception {
        assertThat(json("/api/conversations")).hasSize(13);
        assertThat(json("/api/conversations?channel=cli"))
                .allSatisfy(r -> assertThat(r.get("channel").asText()).isEqualTo("cli"));
        assertThat(json("/api/conversations?agent=web_search"))
                .extracting(r -> r.get("runId").asText())
                .containsExactlyInAnyOrder("run-103", "run-108");
        assertThat(json("/api/conversations?status=failed")).hasSize(2);
        // Runs start 1 h, 13 h, 25 h… before 2026-11-24T12:00Z; "until" includes its whole day.
        assertThat(json("/api/conversations?since=2026-11-23&until=2026-11-23"))
                .extracting(r -> r.get("runId").asText())
                .containsExactlyInAnyOrder("run-101", "run-102");
        assertThat(get("/api/conversations?since=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void oneConversationComesWithItsMetadataAndUnknownIdsAre404() throws Exception {
        JsonNode run = json("/api/conversations/run-103");
        assertThat(run.at("/conversation/conversation/metadata/run_id").asText())
                .isEqualTo("run-103");
        assertThat(run.at("/metadata/quality/score").isNumber()).isTrue();
        HttpResponse<String> missing = get("/api/conversations/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("not_found");
    }

    @Test
    void theViewerPageAndItsAssetsAreServedAndNothingElse() throws Exception {
        HttpResponse<String> page = get("/conversations");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"/conversations/viewer.js\">");
        assertThat(get("/conversations/viewer.js").statusCode()).isEqualTo(200);
        assertThat(get("/conversations/viewer.css").statusCode()).isEqualTo(200);
        assertThat(get("/conversations/..%2Fpom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/conversations/secret.txt").statusCode()).isEqualTo(404);
    }
}
