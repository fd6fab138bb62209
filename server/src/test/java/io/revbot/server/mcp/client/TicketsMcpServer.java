package io.revbot.server.mcp.client;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.revbot.server.mcp.McpJson;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * A small MCP server built with the MCP Java SDK, for the tests of RevBot as an MCP client: a support-ticket system
 * with {@code find_ticket} (what agents are allowed), {@code close_ticket} (a write tool no allow-list names),
 * {@code list_tables} (named like one of RevBot's own tools) and {@code environment} (the names of the variables the
 * server process sees). Runs over stdio as its own process
 * ({@link #main}) or over HTTP in the test's JVM ({@link #http}).
 */
public final class TicketsMcpServer {
    static final String TICKET = "TCK-42 Vertex Analytics: dashboard p95 timeouts since the PoC (open, priority high)";

    private TicketsMcpServer() {}

    static final List<McpSchema.Tool> TOOLS = List.of(
            McpSchema.Tool.builder()
                    .name("find_ticket")
                    .description("Finds open support tickets of a customer.")
                    .inputSchema(Map.of(
                            "type", "object",
                            "properties",
                                    Map.of(
                                            "query",
                                            Map.of("type", "string", "description", "customer name or ticket id"),
                                            "status",
                                            Map.of("type", "string", "enum", List.of("open", "closed"))),
                            "required", List.of("query")))
                    .build(),
            McpSchema.Tool.builder()
                    .name("close_ticket")
                    .description("Closes a ticket.")
                    .inputSchema(Map.of(
                            "type",
                            "object",
                            "properties",
                            Map.of("id", Map.of("type", "string")),
                            "required",
                            List.of("id")))
                    .build(),
            McpSchema.Tool.builder()
                    .name("list_tables")
                    .description("Lists the ticket queues.")
                    .inputSchema(Map.of("type", "object", "properties", Map.of()))
                    .build(),
            McpSchema.Tool.builder()
                    .name("environment")
                    .description("Names of the environment variables this server sees.")
                    .inputSchema(Map.of("type", "object", "properties", Map.of()))
                    .build());

    static McpSchema.CallToolResult call(McpSchema.CallToolRequest request) {
        String text = switch (request.name()) {
            case "find_ticket" ->
                String.valueOf(request.arguments().get("query")).toLowerCase().contains("vertex")
                        ? TICKET
                        : "no open ticket matches";
            case "close_ticket" -> "closed " + request.arguments().get("id");
            case "list_tables" -> "support, billing";
            case "environment" -> String.join(",", new TreeSet<>(System.getenv().keySet()));
            default -> throw new IllegalArgumentException(request.name());
        };
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .isError(false)
                .build();
    }

    /** The server over HTTP: {@code transport} receives the requests. */
    static McpStatelessSyncServer http(McpStatelessServerTransport transport) {
        return McpServer.sync(transport)
                .serverInfo("tickets", "1.0")
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(McpJson.MAPPER)
                .jsonSchemaValidator(McpJson.VALIDATOR)
                .tools(TOOLS.stream()
                        .map(t -> new McpStatelessServerFeatures.SyncToolSpecification(t, (context, r) -> call(r)))
                        .toList())
                .build();
    }

    /** The server over stdio, until the client closes standard input or ends the process. */
    public static void main(String[] args) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        McpServer.sync(new StdioServerTransportProvider(McpJson.MAPPER, in, System.out))
                .serverInfo("tickets", "1.0")
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(McpJson.MAPPER)
                .jsonSchemaValidator(McpJson.VALIDATOR)
                .tools(TOOLS.stream()
                        .map(t -> new McpServerFeatures.SyncToolSpecification(t, (exchange, r) -> call(r)))
                        .toList())
                .build();
        closed.await();
        System.exit(0);
    }
}
