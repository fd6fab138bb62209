package io.revbot.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.orchestrator.Principal;
import io.revbot.server.Components;
import io.revbot.server.cli.RevbotCommand;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import io.revbot.server.http.RevbotServer;
import io.revbot.tools.demo.DemoDataGenerator;
import io.revbot.tools.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RevBot's MCP server as a real MCP client sees it: the official TypeScript SDK's client ({@link NodeMcpClient})
 * over stdio ({@code revbot mcp} in its own JVM, started by the client) and over Streamable HTTP ({@code serve}'s
 * {@code POST /mcp} with a bearer token). Both list the same read-only tools, review the Vertex deal with the
 * probabilities {@code revbot deal --json} prints, read a knowledge document, get an error result (not a crash) for a
 * DELETE, and leave the calls in the conversation export.
 */
class McpClientsIT {
    static final String DEAL = "Vertex Analytics - Platform Migration";
    static final String DOCUMENT = "business_logic/churn_risk.md";
    static final List<String> TOOLS = List.of(
            "deal_review",
            "lead_assessment",
            "pipeline_forecast",
            "churn_risk",
            "expansion_candidates",
            "competitor_mentions",
            "knowledge_search",
            "run_sql",
            "list_tables",
            "describe_table",
            "sample_rows",
            "find_accounts",
            "find_opportunities",
            "find_people",
            "get_crm_record",
            "list_calls",
            "get_call_transcript");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path home;
    static Path knowledge;

    @BeforeAll
    static void setUp() throws Exception {
        NodeMcpClient.install();
        home = Files.createDirectories(work.resolve("home"));
        // Today's demo data, as the child process's own clock will read it.
        new DemoDataGenerator(1, LocalDate.now(ZoneOffset.UTC)).writeDatabase(DuckDbWarehouse.demoFile(home));
        knowledge = Files.createDirectories(work.resolve("kb/business_logic")).getParent();
        Files.copy(Path.of("..", "knowledge_base", DOCUMENT), knowledge.resolve(DOCUMENT));
    }

    Map<String, String> env(String exportDir) {
        Map<String, String> env = new HashMap<>();
        env.put("REVBOT_HOME", home.toString());
        env.put("REVBOT_KNOWLEDGE_DIR", knowledge.toString());
        env.put("REVBOT_EXPORT_DIR", work.resolve(exportDir).toString());
        return env;
    }

    @Test
    void aClientOverStdioSeesTheReadOnlyToolsAndTheCliSProbabilities() throws Exception {
        Map<String, String> env = env("exports-stdio");
        ObjectNode plan = plan().put("transport", "stdio");
        plan.put(
                "command",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        plan.putArray("args")
                .add("--enable-native-access=ALL-UNNAMED")
                .add("-Dio.netty.noUnsafe=true")
                .add("-cp")
                .add(System.getProperty("java.class.path"))
                .add("io.revbot.server.Main")
                .add("mcp");
        ObjectNode planEnv = plan.putObject("env");
        env.forEach(planEnv::put);

        JsonNode report = NodeMcpClient.probe(plan, work);

        assertSeenAsExpected(report, cliReview(env));
        List<JsonNode> exports = exports(env.get("REVBOT_EXPORT_DIR"), 2);
        assertThat(exports).allSatisfy(c -> {
            assertThat(c.at("/conversation/metadata/channel").asText()).isEqualTo("mcp");
            Principal.LocalUser user = Principal.LocalUser.current();
            assertThat(c.at("/conversation/metadata/requester").asText()).isEqualTo(user.id());
            assertThat(c.at("/conversation/metadata/session_id").asText())
                    .isEqualTo("mcp:" + user.name() + ":revbot-e2e");
        });
    }

    @Test
    void aClientOverHttpWithATokenSeesTheSameAndTheExportNamesTheTokenNeverShowsIt() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        Map<String, String> env = env("exports-http");
        env.put("REVBOT_PORT", "0");
        env.put("REVBOT_MCP_TOKENS", "e2e-client:" + token);
        JsonNode report;
        try (Components components = new Components(Config.from(Settings.of(env)), Clock.systemUTC())) {
            RevbotServer server = components.server("127.0.0.1").start();
            try {
                ObjectNode plan = plan().put("transport", "http");
                plan.put("url", "http://127.0.0.1:" + server.port() + "/mcp");
                plan.put("token", token);
                report = NodeMcpClient.probe(plan, work);
            } finally {
                server.stop();
            }
            components.runRecorder().awaitIdle(Duration.ofSeconds(10));
        }

        assertSeenAsExpected(report, cliReview(env));
        List<JsonNode> exports = exports(env.get("REVBOT_EXPORT_DIR"), 2);
        assertThat(exports)
                .extracting(c -> c.at("/conversation/metadata/requester").asText())
                .containsOnly("mcp:e2e-client");
        assertThat(exports)
                .flatExtracting(
                        c -> c.at("/conversation/agent_flow/0/tool_executions").findValuesAsText("tool"))
                .containsExactlyInAnyOrder("deal_review", "run_sql");
        try (Stream<Path> files = Files.walk(work.resolve("exports-http"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(token);
            }
        }
    }

    private static ObjectNode plan() {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("read", KnowledgeResources.PREFIX + DOCUMENT);
        plan.putArray("calls")
                .add(call("deal_review", JSON.createObjectNode().put("deal", DEAL)))
                .add(call("run_sql", JSON.createObjectNode().put("sql", "DELETE FROM opportunity_d")));
        return plan;
    }

    private static ObjectNode call(String tool, ObjectNode arguments) {
        ObjectNode call = JSON.createObjectNode().put("tool", tool);
        call.set("arguments", arguments);
        return call;
    }

    /** {@code revbot deal "…" --json}, as a user runs it on the same data and day. */
    private static JsonNode cliReview(Map<String, String> env) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(env, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err))
                .execute("deal", DEAL, "--json");
        assertThat(exit).as(err.toString()).isZero();
        return JSON.readTree(out.toString());
    }

    private static void assertSeenAsExpected(JsonNode report, JsonNode cli) throws IOException {
        List<String> names = field(report.path("tools"), "name");
        assertThat(names).containsExactlyElementsOf(TOOLS).noneMatch(n -> n.startsWith("propose_"));
        assertThat(report.path("tools")).allSatisfy(tool -> {
            assertThat(tool.path("description").asText()).hasSizeGreaterThan(40);
            assertThat(tool.at("/inputSchema/type").asText()).isEqualTo("object");
            assertThat(tool.at("/annotations/readOnlyHint").asBoolean()).isTrue();
        });
        JsonNode dealTool = report.path("tools").get(0);
        assertThat(dealTool.at("/inputSchema/required").toString()).contains("\"deal\"");
        assertThat(dealTool.at("/inputSchema/properties/deal/description").asText())
                .contains("opportunity name");

        assertThat(field(report.path("resources"), "uri")).contains(KnowledgeResources.PREFIX + DOCUMENT);
        assertThat(report.at("/read/contents/0/text").asText())
                .isEqualTo(Files.readString(knowledge.resolve(DOCUMENT), StandardCharsets.UTF_8));

        JsonNode review = report.at("/calls/0");
        assertThat(review.path("isError").asBoolean(false)).isFalse();
        assertThat(review.at("/structuredContent/probability")).isEqualTo(cli.path("probability"));
        assertThat(JSON.readTree(review.at("/content/0/text").asText()).path("probability"))
                .isEqualTo(cli.path("probability"));
        assertThat(cli.at("/probability/evidenceAdjusted").asInt())
                .isLessThan(cli.at("/probability/crm").asInt());

        JsonNode delete = report.at("/calls/1");
        assertThat(delete.path("isError").asBoolean()).isTrue();
        assertThat(delete.at("/content/0/text").asText()).contains("refused").contains("DELETE");
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.path(name).asText()));
        return out;
    }

    /** The exported conversations, waiting (briefly) for the export thread. */
    private static List<JsonNode> exports(String dir, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> found = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            found.clear();
            if (Files.isDirectory(Path.of(dir))) {
                try (Stream<Path> files = Files.walk(Path.of(dir))) {
                    for (Path f :
                            files.filter(p -> p.endsWith("conversation.json")).toList()) {
                        try {
                            found.add(JSON.readTree(f.toFile()));
                        } catch (IOException e) {
                            // still being written: read it on the next round
                        }
                    }
                }
            }
            if (found.size() >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(found).hasSize(expected);
        return List.copyOf(found);
    }
}
