package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.orchestrator.testing.FakeConverse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grounding check end to end: {@code revbot ask --json} with the demo warehouse and the real analytics tools,
 * the real Bedrock client and AWS SDK against a fake Converse endpoint whose agents copy what their tools returned
 * into their answers. Asserts on the answer, {@code ask --json} and the exported conversation.
 */
class GroundingIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DEAL = "You are RevBot's deal analyst";
    static final String DATA = "You are RevBot's data analyst";
    static final String INVENTED = "Pipeline coverage is 4.7x and the team will book $987,654 by Friday.";
    static final String NOTE = "⚠️ _Not found in the data RevBot read for this answer: 4.7x, $987,654. Check before"
            + " relying on them._";

    final MockWebServer server = new MockWebServer();
    final FakeConverse converse = new FakeConverse();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Path exports = Path.of("target", "grounding-it-conversations").toAbsolutePath();

    @TempDir
    Path home;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(converse);
        server.start(InetAddress.getLoopbackAddress(), 0);
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        server.close();
    }

    private JsonNode askJson(String question, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "REVBOT_MODEL_PROVIDER", "bedrock",
                "REVBOT_MODEL", "test-model",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIDTEST",
                "REVBOT_BEDROCK_ENDPOINT", "http://127.0.0.1:" + server.getPort(),
                "REVBOT_HOME", home.toString(),
                "REVBOT_EXPORT_DIR", exports.toString(),
                "REVBOT_QUARTERLY_TARGET", "2.5M",
                "REVBOT_SOURCE_ROOT", Path.of("..").toAbsolutePath().normalize().toString()));
        env.putAll(extra);
        int exit = RevbotCommand.commandLine(
                        env, Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("ask", question, "--json", "--quiet");
        assertThat(exit).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    /** The manager asks deal analysis and data at once; each calls its analytics tool and copies the result. */
    private void scriptSpecialistsCopyingTheirTools() {
        converse.on(
                MANAGER,
                List.of(converse.toolUse(
                        "ask_deal_analysis",
                        "{\"request\":\"Review Vertex Analytics - Platform Migration\",\"reason\":\"deal\"}")));
        converse.on(
                DEAL,
                List.of(
                        converse.toolUse("deal_review", "{\"deal\":\"Vertex Analytics - Platform Migration\"}"),
                        FakeConverse.textFrom(r -> "Deal review:\n" + FakeConverse.lastToolResult(r))));
        converse.on(
                MANAGER,
                List.of(converse.toolUse(
                        "ask_data", "{\"request\":\"This quarter's pipeline\",\"reason\":\"numbers\"}")));
        converse.on(
                DATA,
                List.of(
                        converse.toolUse("pipeline_forecast", "{}"),
                        FakeConverse.textFrom(r -> "Forecast:\n" + FakeConverse.lastToolResult(r))));
    }

    /** Every tool result the request carries: for the manager, every specialist answer it read. */
    static String toolResults(JsonNode request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            for (JsonNode block : message.path("content")) {
                JsonNode result = block.get("toolResult");
                if (result != null) {
                    result.path("content").forEach(c -> texts.add(c.path("text").asText("")));
                }
            }
        }
        return String.join("\n\n", texts);
    }

    private Optional<Path> exportFolder(String runId) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(exports)) {
                try (Stream<Path> walk = Files.walk(exports)) {
                    Optional<Path> found = walk.filter(
                                    p -> p.getFileName().toString().endsWith(runId))
                            .filter(p -> Files.exists(p.resolve("metadata.json")))
                            .findFirst();
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    @Test
    void aFakeThatCopiesToolResultsIntoItsAnswersHasNoUntracedFigure() throws Exception {
        scriptSpecialistsCopyingTheirTools();
        converse.on(MANAGER, List.of(FakeConverse.textFrom(r -> "What the specialists found:\n\n" + toolResults(r))));

        JsonNode json = askJson("How is Vertex, and what does the quarter look like?", Map.of());

        JsonNode grounding = json.path("grounding");
        assertThat(grounding.path("untraced").size())
                .as(grounding.toPrettyString())
                .isZero();
        assertThat(grounding.path("figures").asInt()).isGreaterThan(30);
        assertThat(grounding.path("traced").asInt())
                .isEqualTo(grounding.path("figures").asInt());
        assertThat(json.path("answer").asText()).doesNotContain("⚠️");
        List<String> tools = new ArrayList<>();
        grounding.path("sources").forEach(s -> tools.add(s.path("tool").asText()));
        assertThat(tools).contains("deal_review", "pipeline_forecast");
    }

    @Test
    void anInventedSentenceIsFlaggedInTheAnswerInAskJsonAndInTheExport() throws Exception {
        scriptSpecialistsCopyingTheirTools();
        converse.on(
                MANAGER,
                List.of(FakeConverse.textFrom(
                        r -> "What the specialists found:\n\n" + toolResults(r) + "\n\n" + INVENTED)));

        JsonNode json = askJson("How is Vertex, and what does the quarter look like?", Map.of());

        String answer = json.path("answer").asText();
        assertThat(answer).endsWith(INVENTED + "\n\n" + NOTE);
        assertThat(json.path("grounding").path("untraced").toString()).isEqualTo("[\"4.7x\",\"$987,654\"]");
        Path folder = exportFolder(json.path("run_id").asText()).orElseThrow();
        JsonNode conversation =
                new ObjectMapper().readTree(folder.resolve("conversation.json").toFile());
        JsonNode metadata =
                new ObjectMapper().readTree(folder.resolve("metadata.json").toFile());
        assertThat(conversation.at("/conversation/final_answer/text").asText()).isEqualTo(answer);
        assertThat(conversation.at("/conversation/grounding/untraced").toString())
                .isEqualTo("[\"4.7x\",\"$987,654\"]");
        assertThat(metadata.path("grounding")).isEqualTo(conversation.at("/conversation/grounding"));
        assertThat(metadata.at("/validation/valid").asBoolean())
                .as(metadata.at("/validation").toString())
                .isTrue();
        assertThat(conversation.at("/conversation/grounding/figures").asInt())
                .isEqualTo(json.path("grounding").path("figures").asInt());
    }

    @Test
    void repairGivesTheManagerOneTurnThroughTheRealClientAndChecksTheRevision() throws Exception {
        scriptSpecialistsCopyingTheirTools();
        converse.on(
                MANAGER,
                List.of(
                        FakeConverse.textFrom(
                                r -> "What the specialists found:\n\n" + toolResults(r) + "\n\n" + INVENTED),
                        FakeConverse.textFrom(r -> "What the specialists found:\n\n" + toolResults(r))));

        JsonNode json = askJson("How is Vertex?", Map.of("REVBOT_GROUNDING", "repair"));

        assertThat(json.path("grounding").path("repaired").asBoolean()).isTrue();
        assertThat(json.path("grounding").path("untraced").size()).isZero();
        assertThat(json.path("answer").asText()).doesNotContain("4.7x").doesNotContain("⚠️");
        List<FakeConverse.Received> managers = converse.received().stream()
                .filter(r -> r.agent().equals(MANAGER))
                .toList();
        assertThat(managers).hasSize(4);
        JsonNode revision = managers.get(3).body();
        assertThat(revision.path("toolConfig").path("tools").size()).isPositive();
        JsonNode messages = revision.path("messages");
        assertThat(messages.get(messages.size() - 1)
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText())
                .contains("4.7x, $987,654")
                .contains("[deal_review tooluse_");
    }
}
