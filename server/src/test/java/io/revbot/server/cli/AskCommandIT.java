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
    static final String DEAL = "You are RevBot's deal analyst";
    static final String ANSWER = "StreamForge raised a $40M Series B (techcrunch.com, 2026-03-02).";

    final MockWebServer server = new MockWebServer();
    final FakeConverse converse = new FakeConverse();
    final TimedWriter out = new TimedWriter();
    final StringWriter err = new StringWriter();

    @TempDir
    Path home;

    @TempDir
    Path tree;

    @BeforeEach
    void writeKnowledge() throws Exception {
        java.nio.file.Files.createDirectories(tree.resolve("business_logic"));
        java.nio.file.Files.writeString(
                tree.resolve("business_logic/stages.md"),
                "# Stages\n\n## Commit\n\nA deal is in Commit when the economic buyer signed off on the"
                        + " business case.\n");
    }

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
        return ask(true, Map.of(), args);
    }

    private int ask(boolean router, String... args) {
        return ask(router, Map.of(), args);
    }

    /**
     * {@code router}: whether the router decides first ({@code REVBOT_ROUTER}); off, every question is the manager's.
     * {@code extra}: more settings.
     */
    private int ask(boolean router, Map<String, String> extra, String... args) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
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
                "REVBOT_KNOWLEDGE_DIR",
                tree.toString(),
                "REVBOT_SOURCE_ROOT",
                Path.of("..").toAbsolutePath().normalize().toString(),
                "REVBOT_ROUTER",
                String.valueOf(router)));
        env.putAll(extra);
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

        int exit = ask(false, "ask", "Any news on StreamForge?");

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
    void askPrintsTheAnswerOnStdoutWhileTheModelIsStillWritingIt() {
        // 600 characters in deltas of 40, 200 ms apart: the fake writes for 3 s.
        String answer = "*Pipeline this quarter*\n" + "x".repeat(576);
        converse.streaming(40, java.time.Duration.ofMillis(200));
        converse.on(MANAGER, List.of(FakeConverse.text(answer)));

        long start = System.nanoTime();
        int exit = ask(false, Map.of("REVBOT_GROUNDING", "off"), "ask", "How is the pipeline?");
        long end = System.nanoTime();

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(answer + "\n");
        assertThat(out.writes()).as("printed in pieces").isGreaterThan(5);
        long firstToEndMillis = (end - out.firstWriteNanos()) / 1_000_000;
        long firstMillis = (out.firstWriteNanos() - start) / 1_000_000;
        System.out.printf(
                "ask streaming: first text after %d ms, %d ms before the command returned%n",
                firstMillis, firstToEndMillis);
        assertThat(firstToEndMillis)
                .as("the first words show at least 1 s before the answer ends")
                .isGreaterThan(1000);
        assertThat(converse.received()).allMatch(FakeConverse::streamed);
    }

    /** stdout, remembering when it was first written to and how often. */
    static final class TimedWriter extends StringWriter {
        private volatile long firstWriteNanos;
        private final java.util.concurrent.atomic.AtomicInteger writes =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void write(String str, int off, int len) {
            mark(len);
            super.write(str, off, len);
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            mark(len);
            super.write(cbuf, off, len);
        }

        @Override
        public void write(int c) {
            mark(1);
            super.write(c);
        }

        private void mark(int len) {
            if (len > 0 && writes.getAndIncrement() == 0) {
                firstWriteNanos = System.nanoTime();
            }
        }

        long firstWriteNanos() {
            return firstWriteNanos;
        }

        int writes() {
            return writes.get();
        }
    }

    @Test
    void askJsonPrintsTheAnswerAndTheRunsFigures() throws Exception {
        converse.on(MANAGER, List.of(FakeConverse.text("Hello! Ask me about deals, leads and pipeline.")));

        int exit = ask(false, "ask", "hello", "--session", "cli-test-1", "--json", "--quiet");

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
        assertThat(ask(false, "ask", "My territory is EMEA", "--session", "territory", "--quiet"))
                .as(err.toString())
                .isZero();
        assertThat(ask(false, "ask", "Which territory is mine?", "--session", "territory", "--quiet"))
                .as(err.toString())
                .isZero();
        assertThat(ask(false, "ask", "Which territory is mine?", "--session", "someone-else", "--quiet"))
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

    @Test
    void aClearDealQuestionIsRoutedToTheDealAnalystWithNoManagerCallAndAtMostTwoModelCalls() {
        converse.on(
                DEAL,
                List.of(
                        converse.toolUse("deal_review", "{\"deal\":\"Vertex Analytics - Platform Migration\"}"),
                        FakeConverse.text("Vertex: evidence-based probability well below the CRM's 75 %.")));

        int exit = ask("ask", "Review the Vertex Analytics - Platform Migration deal");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(converse.received()).extracting(FakeConverse.Received::agent).containsExactly(DEAL, DEAL);
        assertThat(out.toString().strip()).isEqualTo("Vertex: evidence-based probability well below the CRM's 75 %.");
        assertThat(err.toString())
                .contains("Routing to deal analysis (embedding, ")
                .contains("Deal analysis is working on: Review the Vertex Analytics - Platform Migration deal")
                .contains("routed");
    }

    @Test
    void aGreetingAskingWhatRevBotCanDoIsAnsweredWithoutAnyModelCall() throws Exception {
        int exit = ask("ask", "Hi RevBot, what can you do?", "--json", "--quiet");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(converse.received()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("routing").asText()).isEqualTo("direct");
        assertThat(json.path("answer").asText()).contains("Deal analysis", "Execution");
        assertThat(json.path("token_usage").path("total_tokens").asLong()).isZero();
    }

    @Test
    void askInANewHomeIngestsTheKnowledgeBaseFirstSoTheKnowledgeToolReturnsPassages() {
        converse.on(
                MANAGER,
                List.of(
                        converse.toolUse("knowledge_search", "{\"query\":\"when is a deal in commit\"}"),
                        FakeConverse.textFrom(r -> "From the knowledge base: " + FakeConverse.lastToolResult(r))));

        int exit = ask(false, "ask", "When is a deal in Commit?");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString())
                .contains("ask: 1 chunks in the tree, 1 to embed")
                .contains("ask: knowledge base brought up to date");
        assertThat(FakeConverse.lastToolResult(converse.received().get(1).body()))
                .contains("economic buyer signed off")
                .doesNotContain("No passage");
        assertThat(out.toString()).contains("economic buyer signed off");

        err.getBuffer().setLength(0);
        converse.on(MANAGER, List.of(FakeConverse.text("Hello again.")));
        assertThat(ask(false, "ask", "hello")).isZero();
        assertThat(err.toString()).as("a current store is not ingested again").doesNotContain("ask: ");
    }

    @Test
    void theToolCallBoundEndsTheRunWithoutReDelegatingAndJsonPrintsTheErrorObject() throws Exception {
        String data = "You are RevBot's data analyst";
        converse.on(
                MANAGER,
                List.of(
                        converse.toolUse("ask_data", "{\"request\":\"What do the stage rules say about Commit?\"}"),
                        converse.toolUse("ask_data", "{\"request\":\"Try again: the Commit rules\"}"),
                        FakeConverse.text("unreachable")));
        List<java.util.function.Function<JsonNode, com.fasterxml.jackson.databind.node.ObjectNode>> searches =
                new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            searches.add(converse.toolUse("knowledge_search", "{\"query\":\"commit " + i + "\"}"));
        }
        converse.on(data, searches);

        int exit = ask(
                false, Map.of("REVBOT_MAX_TOOL_CALLS", "12"), "ask", "When is a deal in Commit?", "--json", "--quiet");

        assertThat(exit).isEqualTo(1);
        JsonNode error = new ObjectMapper().readTree(out.toString()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("tool_call_limit");
        assertThat(error.path("message").asText())
                .contains("Data needed more than 12 tool calls for this request")
                .contains("raise REVBOT_MAX_TOOL_CALLS");
        assertThat(err.toString()).contains("revbot: Data needed more than 12 tool calls");
        List<String> agents =
                converse.received().stream().map(FakeConverse.Received::agent).toList();
        assertThat(agents.stream().filter(data::equals))
                .as("Data runs once: 12 tool calls, and the 13th request stops it")
                .hasSize(13);
        assertThat(agents.stream().filter(MANAGER::equals))
                .as("the manager's re-delegation ends the run")
                .hasSize(2);
        assertThat(agents)
                .as("15 model calls in all (the issue measured 32 before)")
                .hasSize(15);
    }
}
