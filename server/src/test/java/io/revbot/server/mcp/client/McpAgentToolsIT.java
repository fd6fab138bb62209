package io.revbot.server.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.server.Components;
import io.revbot.server.cli.RevbotCommand;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent given an MCP server: the data agent's {@code agent.yaml} names {@code tickets} ({@link TicketsMcpServer},
 * built with the MCP Java SDK and started by RevBot over stdio), the model is a scripted fake Bedrock (real AWS SDK
 * client, real Converse JSON), and the run goes through the production composition root. The data agent sees the
 * allowed tool with its schema, calls it, and the call is in the export like any tool call. Start-up stops with one
 * line when an agent names a server that is not defined, or one that cannot be reached.
 */
class McpAgentToolsIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DATA = "You are RevBot's data analyst";
    static final String TICKETS = "{tickets: {command: ['" + Path.of(System.getProperty("java.home"), "bin", "java")
            + "', '-cp', '" + System.getProperty("java.class.path") + "', '" + TicketsMcpServer.class.getName()
            + "'], tools: [find_ticket]}}";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    final MockWebServer bedrock = new MockWebServer();
    final FakeConverse converse = new FakeConverse();

    @BeforeEach
    void start() throws Exception {
        bedrock.setDispatcher(converse);
        bedrock.start(InetAddress.getLoopbackAddress(), 0);
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        bedrock.close();
    }

    /** The shipped agents, with the data agent also given the MCP server {@code tickets}. */
    Path agents() throws IOException {
        Path dir = temp.resolve("agents");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        for (AgentName name : AgentLoader.REQUIRED) {
            Path from = Path.of("..", "agents", name.value());
            Path to = Files.createDirectories(dir.resolve(name.value()));
            Files.copy(from.resolve("instructions.md"), to.resolve("instructions.md"));
            Files.copy(from.resolve("agent.yaml"), to.resolve("agent.yaml"));
        }
        Files.writeString(
                dir.resolve("data/agent.yaml"), Files.readString(dir.resolve("data/agent.yaml")) + "mcp: [tickets]\n");
        return dir;
    }

    Map<String, String> env() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("REVBOT_MODEL_PROVIDER", "bedrock");
        env.put("REVBOT_MODEL", "test-model");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        env.put("REVBOT_BEDROCK_ENDPOINT", "http://127.0.0.1:" + bedrock.getPort());
        env.put("REVBOT_AGENTS_DIR", agents().toString());
        env.put("REVBOT_HOME", temp.resolve("home").toString());
        env.put("REVBOT_EXPORT_DIR", temp.resolve("exports").toString());
        env.put("REVBOT_MCP_SERVERS", TICKETS);
        return env;
    }

    @Test
    void theDataAgentCallsTheMcpServersToolAndTheExportShowsTheCall() throws Exception {
        converse.on(
                MANAGER,
                List.of(converse.toolUse(
                        "ask_data",
                        "{\"request\":\"Open support tickets of Vertex Analytics\",\"reason\":\"tickets\","
                                + "\"pass_through\":true}")));
        converse.on(
                DATA,
                List.of(
                        converse.toolUse("find_ticket", "{\"query\":\"Vertex Analytics\",\"status\":\"open\"}"),
                        FakeConverse.textFrom(r -> "Open ticket: " + FakeConverse.lastToolResult(r))));

        RunResult result;
        Path exports;
        try (Components components = new Components(Config.from(Settings.of(env())), Clock.systemUTC())) {
            exports = components.config().export().directory();
            result = components
                    .supervisor()
                    .run(
                            Request.of(
                                    "Any open support tickets for Vertex Analytics?",
                                    SessionId.random("test"),
                                    Channel.CLI,
                                    new Principal.LocalUser("tester"),
                                    Instant.now()),
                            RunListener.all(List.of(components.runRecorder())));
            assertThat(components.runRecorder().awaitIdle(Duration.ofSeconds(20)))
                    .isTrue();
        }

        assertThat(result.answer()).isEqualTo("Open ticket: " + TicketsMcpServer.TICKET);
        JsonNode dataRequest = converse.received().stream()
                .filter(r -> r.agent().equals(DATA))
                .findFirst()
                .orElseThrow()
                .body();
        List<String> offered = new ArrayList<>();
        dataRequest
                .at("/toolConfig/tools")
                .forEach(t -> offered.add(t.at("/toolSpec/name").asText()));
        assertThat(offered).contains("find_ticket", "run_sql").doesNotContain("close_ticket", "environment");
        JsonNode findTicket = dataRequest.at("/toolConfig/tools/" + offered.indexOf("find_ticket") + "/toolSpec");
        assertThat(findTicket.at("/inputSchema/json/properties/query/type").asText())
                .isEqualTo("string");
        assertThat(findTicket.at("/inputSchema/json/required/0").asText()).isEqualTo("query");
        JsonNode managerRequest = converse.received().getFirst().body();
        assertThat(managerRequest.at("/toolConfig/tools").toString()).doesNotContain("find_ticket");

        JsonNode conversation = onlyExport(exports, "conversation.json");
        JsonNode data = null;
        for (JsonNode step : conversation.at("/conversation/agent_flow")) {
            if (step.path("agent").asText().equals("data")) {
                data = step;
            }
        }
        assertThat(data).isNotNull();
        JsonNode call = data.at("/tool_executions/0");
        assertThat(call.path("tool").asText()).isEqualTo("find_ticket");
        assertThat(call.path("status").asText()).isEqualTo("ok");
        assertThat(call.at("/parameters/query").asText()).isEqualTo("Vertex Analytics");
        assertThat(call.at("/facts/mcp_server").asText()).isEqualTo("tickets");
        assertThat(call.path("result_preview").asText()).isEqualTo(TicketsMcpServer.TICKET);
        assertThat(onlyExport(exports, "metadata.json").at("/validation/valid").asBoolean())
                .isTrue();
    }

    @Test
    void serveStopsWithOneLineWhenAnAgentNamesAnUndefinedServerOrAServerCannotBeReached() throws Exception {
        Map<String, String> undefined = env();
        undefined.remove("REVBOT_MCP_SERVERS");
        String err = serveFails(undefined);
        assertThat(err)
                .startsWith("revbot: configuration error: REVBOT_MCP_SERVERS: ")
                .contains(
                        "data/agent.yaml: field 'mcp' names 'tickets', which is not defined (no MCP server is configured)");

        Map<String, String> unreachable = env();
        unreachable.put("REVBOT_MCP_SERVERS", "{tickets: {command: [/nonexistent/tickets-mcp], tools: [find_ticket]}}");
        assertThat(serveFails(unreachable))
                .isEqualTo("revbot: configuration error: REVBOT_MCP_SERVERS: MCP server 'tickets' cannot be reached"
                        + " (command /nonexistent/tickets-mcp): no such executable");
    }

    @Test
    void doctorConnectsTheServersAndListsTheirAllowedTools() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        RevbotCommand.commandLine(env(), Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err))
                .execute("doctor");

        assertThat(out.toString())
                .containsPattern(
                        "(?m)^mcp servers +ok +1 server\\(s\\) connected in \\d+ ms; allowed tools: tickets/find_ticket$");
    }

    private static String serveFails(Map<String, String> env) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(env, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err))
                .execute("serve", "--port", "0", "--host", "127.0.0.1");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).hasLineCount(1);
        return err.toString().strip();
    }

    private static JsonNode onlyExport(Path exports, String file) throws IOException {
        try (Stream<Path> files = Files.walk(exports)) {
            List<Path> found = files.filter(p -> p.endsWith(file)).toList();
            assertThat(found).hasSize(1);
            return JSON.readTree(found.getFirst().toFile());
        }
    }
}
