package io.revbot.server.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import io.helidon.webserver.WebServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.server.config.Config;
import io.revbot.server.config.McpConfig;
import io.revbot.server.config.Settings;
import io.revbot.server.mcp.HelidonMcpTransport;
import io.revbot.server.mcp.McpTokens;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.Secret;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RevBot as an MCP client, against {@link TicketsMcpServer} (built with the MCP Java SDK) over stdio, as its own
 * process, and over HTTP: the allow-list decides which tools reach the agents, their schemas arrive intact, the
 * stdio server does not inherit RevBot's environment, a header value comes from a variable, and each way a server
 * can be unusable stops start-up with one line naming it.
 */
class McpServerConnectionsIT {
    static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String SERVER = "{command: ['" + JAVA + "', '-cp', '" + System.getProperty("java.class.path") + "', '"
            + TicketsMcpServer.class.getName() + "']";

    static McpConfig config(String servers, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("REVBOT_MCP_SERVERS", servers);
        return Config.from(Settings.of(settings)).mcp();
    }

    static String execute(ToolRegistry.ServerTool tool, String arguments) {
        return tool.executor()
                .execute(
                        ToolExecutionRequest.builder()
                                .id("1")
                                .name(tool.specification().name())
                                .arguments(arguments)
                                .build(),
                        null);
    }

    @Test
    void aStdioServerGivesOnlyItsAllowedToolsWithTheirSchemasAndNoneOfRevbotsEnvironment() {
        McpConfig config = config(
                "{tickets: " + SERVER
                        + ", env: {TICKETS_REGION: '${TICKETS_REGION}'}, tools: [find_ticket, environment]}}",
                Map.of("TICKETS_REGION", "eu-1"));

        try (McpServerConnections connections =
                McpServerConnections.connect(config.servers().values(), "test")) {
            List<ToolRegistry.ServerTool> tools = connections.tools();

            assertThat(tools).extracting(t -> t.specification().name()).containsExactly("find_ticket", "environment");
            assertThat(tools).extracting(ToolRegistry.ServerTool::server).containsOnly("tickets");
            ToolSpecification find = tools.getFirst().specification();
            assertThat(find.description())
                    .isEqualTo("Finds open support tickets of a customer. (from the MCP server tickets)");
            Map<String, Object> schema = JsonSchemaElementUtils.toMap(find.parameters());
            assertThat(schema.get("required")).isEqualTo(List.of("query"));
            assertThat(schema.get("properties").toString())
                    .contains("description=customer name or ticket id")
                    .contains("enum=[open, closed]");

            assertThat(execute(tools.getFirst(), "{\"query\":\"Vertex\"}")).isEqualTo(TicketsMcpServer.TICKET);
            Set<String> seen = Set.of(execute(tools.get(1), "{}").split(","));
            assertThat(seen)
                    .contains("TICKETS_REGION")
                    .isSubsetOf("TICKETS_REGION", "HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER");
        }
    }

    @Test
    void anHttpServerIsReachedWithAHeaderWhoseValueComesFromAVariable() {
        String token = "tickets-token-" + System.nanoTime();
        HelidonMcpTransport transport =
                new HelidonMcpTransport(new McpTokens(List.of(new McpConfig.NamedToken("revbot", Secret.of(token)))));
        McpStatelessSyncServer tickets = TicketsMcpServer.http(transport);
        WebServer web = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.register("/mcp", transport))
                .build()
                .start();
        try {
            String url = "http://127.0.0.1:" + web.port() + "/mcp";
            McpConfig good = config(
                    "{tickets: {url: '" + url
                            + "', headers: {Authorization: 'Bearer ${TICKETS_TOKEN}'}, tools: [find_ticket]}}",
                    Map.of("TICKETS_TOKEN", token));
            try (McpServerConnections connections =
                    McpServerConnections.connect(good.servers().values(), "test")) {
                assertThat(connections.tools()).hasSize(1);
                assertThat(execute(connections.tools().getFirst(), "{\"query\":\"vertex analytics\"}"))
                        .isEqualTo(TicketsMcpServer.TICKET);
            }

            McpConfig wrong = config(
                    "{tickets: {url: '" + url
                            + "', headers: {Authorization: 'Bearer ${TICKETS_TOKEN}'}, tools: [find_ticket]}}",
                    Map.of("TICKETS_TOKEN", "not-the-token"));
            assertThatThrownBy(
                            () -> McpServerConnections.connect(wrong.servers().values(), "test"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("REVBOT_MCP_SERVERS: MCP server 'tickets' cannot be reached (" + url + ")")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("not-the-token")
                            .hasLineCount(1));
        } finally {
            web.stop();
            tickets.close();
        }
    }

    @Test
    void aServerThatCannotStartOrOffersNoAllowedToolOrShadowsARevbotToolStopsStartUp() {
        McpConfig missing = config("{tickets: {command: [/nonexistent/tickets-mcp], tools: [find_ticket]}}", Map.of());
        assertThatThrownBy(() -> McpServerConnections.connect(missing.servers().values(), "test"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "REVBOT_MCP_SERVERS: MCP server 'tickets' cannot be reached (command /nonexistent/tickets-mcp):"
                                + " no such executable")
                .satisfies(e -> assertThat(e.getMessage()).hasLineCount(1));

        McpConfig noneAllowed = config("{tickets: " + SERVER + ", tools: [delete_everything]}}", Map.of());
        assertThatThrownBy(
                        () -> McpServerConnections.connect(noneAllowed.servers().values(), "test"))
                .hasMessage("REVBOT_MCP_SERVERS: MCP server 'tickets' lists none of its allowed tools"
                        + " (delete_everything); it offers: find_ticket, close_ticket, list_tables, environment");

        McpConfig shadowing = config("{tickets: " + SERVER + ", tools: [find_ticket, list_tables]}}", Map.of());
        assertThatThrownBy(
                        () -> McpServerConnections.connect(shadowing.servers().values(), "test"))
                .hasMessageContaining("server 'tickets': tool 'list_tables' has the name of one of RevBot's own tools");

        McpConfig twice = config(
                "{tickets: " + SERVER + ", tools: [find_ticket]}, helpdesk: " + SERVER + ", tools: [find_ticket]}}",
                Map.of());
        assertThatThrownBy(() -> McpServerConnections.connect(twice.servers().values(), "test"))
                .hasMessageContaining("servers 'tickets' and 'helpdesk' both offer a tool named 'find_ticket'");
    }
}
