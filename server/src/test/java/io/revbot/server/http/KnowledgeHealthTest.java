package io.revbot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s knowledge base with a file that used to kill the watcher: health says degraded and names it, the
 * other files are searchable, edits are still picked up, and health is ok again once the file is fixed.
 */
class KnowledgeHealthTest {
    @TempDir
    Path home;

    @TempDir
    Path tree;

    @Test
    void aPathologicalKnowledgeFileMakesHealthDegradedUntilItIsFixed() throws Exception {
        Files.writeString(tree.resolve("renewals.md"), "# Renewals\n\nRenewal playbook: start ninety days out.");
        Files.writeString(
                tree.resolve("emphasis.md"), "# Emphasis\n\n" + "*a ".repeat(33_000) + "a* ".repeat(33_000) + "\n");
        Config config = Config.from(Settings.of(
                Map.of("REVBOT_HOME", home.toString(), "REVBOT_KNOWLEDGE_DIR", tree.toString(), "REVBOT_PORT", "0")));
        try (Components components = new Components(config, Clock.systemUTC())) {
            RevbotServer server = components.server("127.0.0.1").start();
            try {
                components.startKnowledgeWatcher();
                JsonNode degraded =
                        awaitKnowledge(server, k -> k.at("/data/state").asText().equals("degraded"));
                assertThat(degraded.get("status").asText()).isEqualTo("UP");
                assertThat(degraded.at("/data/skipped").asText())
                        .startsWith("emphasis.md: ")
                        .contains("nested");
                assertThat(components
                                .knowledgeSearch()
                                .search("renewal playbook", 1, java.util.Optional.empty())
                                .get(0)
                                .document())
                        .isEqualTo("renewals.md");

                Files.writeString(tree.resolve("churn.md"), "# Churn\n\nUsage cliffs predict churn.");
                Files.writeString(tree.resolve("emphasis.md"), "# Emphasis\n\nUse *emphasis* sparingly.");
                JsonNode ok =
                        awaitKnowledge(server, k -> k.at("/data/state").asText().equals("ok"));
                assertThat(ok.at("/data/skipped").isMissingNode()).isTrue();
                assertThat(ok.at("/data/store").asText()).startsWith("in-memory index ");
                assertThat(ok.at("/data/chunks").asInt()).isEqualTo(3);
                assertThat(components.knowledgeBase().size()).isEqualTo(3);
            } finally {
                server.stop();
            }
        }
    }

    private static JsonNode awaitKnowledge(RevbotServer server, Predicate<JsonNode> condition) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + server.port() + "/observe/health");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode knowledge = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response =
                    client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : new ObjectMapper().readTree(response.body()).get("checks")) {
                if (check.get("name").asText().equals("knowledge")) {
                    knowledge = check;
                }
            }
            if (knowledge != null && condition.test(knowledge)) {
                return knowledge;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the knowledge check never matched; last: " + knowledge);
    }
}
