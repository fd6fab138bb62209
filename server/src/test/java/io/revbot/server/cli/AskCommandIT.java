package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.orchestrator.testing.FakeConverse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code revbot ask} end to end: configuration, components, the Bedrock client and AWS SDK, a fake Converse endpoint. */
class AskCommandIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String WEB = "You are RevBot's researcher";
    static final String ANSWER = "StreamForge raised a $40M Series B (techcrunch.com, 2026-03-02).";

    final MockWebServer server = new MockWebServer();
    final FakeConverse converse = new FakeConverse();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @TempDir
    Path home;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(converse);
        server.start(InetAddress.getLoopbackAddress(), 0);
        // The AWS SDK's default credential chain reads these system properties (the environment map is ours).
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        server.close();
    }

    private int ask(String... args) {
        Map<String, String> env = Map.of(
                "REVBOT_MODEL_PROVIDER",
                "bedrock",
                "REVBOT_MODEL",
                "test-model",
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "AKIDTEST",
                "REVBOT_BEDROCK_ENDPOINT",
                "http://127.0.0.1:" + server.getPort(),
                "REVBOT_HOME",
                home.toString(),
                // exports are written after the command returns: not into the temporary home JUnit deletes
                "REVBOT_EXPORT_DIR",
                Path.of("target", "ask-it-conversations").toAbsolutePath().toString(),
                "REVBOT_SOURCE_ROOT",
                Path.of("..").toAbsolutePath().normalize().toString());
        return RevbotCommand.commandLine(env, Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void askPrintsThePassedThroughAnswerAndNarratesOnStderr() {
        converse.on(
                MANAGER,
                List.of(
                        converse.toolUse(
                                "ask_web_search",
                                "{\"request\":\"Recent news about StreamForge\",\"reason\":\"public news\",\"pass_through\":true}")));
        converse.on(WEB, List.of(FakeConverse.text(ANSWER)));

        int exit = ask("ask", "Any news on StreamForge?");

        assertThat(exit).as(err.toString()).isZero();
        // The researcher states figures without running a tool: its answer is model text, not evidence.
        assertThat(out.toString().strip())
                .isEqualTo(ANSWER + "\n\n⚠️ _Not found in the data RevBot read for this answer: $40M, 2026-03-02."
                        + " Check before relying on them._");
        assertThat(err.toString())
                .contains("Web search is working on: Recent news about StreamForge")
                .contains("Done in");
        assertThat(converse.received()).extracting(FakeConverse.Received::agent).containsExactly(MANAGER, WEB);
    }

    @Test
    void askJsonPrintsTheAnswerAndTheRunsFigures() throws Exception {
        converse.on(MANAGER, List.of(FakeConverse.text("Hello! Ask me about deals, leads and pipeline.")));

        int exit = ask("ask", "hello", "--session", "cli-test-1", "--json", "--quiet");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("answer").asText()).isEqualTo("Hello! Ask me about deals, leads and pipeline.");
        assertThat(json.path("session_id").asText()).isEqualTo("cli-test-1");
        assertThat(json.path("routing").asText()).isEqualTo("direct");
        assertThat(json.path("agents_used").isArray()).isTrue();
        assertThat(json.path("tool_calls").asInt()).isZero();
        assertThat(json.path("token_usage").path("input_tokens").asLong()).isEqualTo(120);
        assertThat(json.path("token_usage").path("output_tokens").asLong()).isEqualTo(30);
        assertThat(json.has("duration_ms")).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aSessionRemembersTheEarlierQuestionInALaterCommandWithoutADatabase() {
        converse.on(
                MANAGER,
                List.of(
                        FakeConverse.text("Noted: your territory is EMEA."),
                        FakeConverse.text("Your territory is EMEA."),
                        FakeConverse.text("I do not know your territory yet.")));

        // Each call builds its own context and components, as two `./revbot ask` processes would.
        assertThat(ask("ask", "My territory is EMEA", "--session", "territory", "--quiet"))
                .as(err.toString())
                .isZero();
        assertThat(ask("ask", "Which territory is mine?", "--session", "territory", "--quiet"))
                .as(err.toString())
                .isZero();
        assertThat(ask("ask", "Which territory is mine?", "--session", "someone-else", "--quiet"))
                .as(err.toString())
                .isZero();

        List<FakeConverse.Received> calls = converse.received();
        String second = calls.get(1).body().path("messages").toString();
        assertThat(second)
                .as("the second command's request carries the first question and answer")
                .contains("My territory is EMEA")
                .contains("Noted: your territory is EMEA.");
        assertThat(calls.get(2).body().path("messages").toString())
                .as("another session starts empty")
                .doesNotContain("My territory is EMEA");
        assertThat(home.resolve("sessions"))
                .isDirectoryContaining(p -> p.toString().endsWith(".json"));
    }
}
