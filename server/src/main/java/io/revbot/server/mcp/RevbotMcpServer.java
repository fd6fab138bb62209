package io.revbot.server.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.revbot.orchestrator.Principal;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * RevBot's MCP server, on the MCP Java SDK (which does all of the JSON-RPC): the tool catalog and the knowledge
 * documents, served over stdio (one client, the process's own user) or over a stateless Streamable HTTP transport
 * (many clients, each known by its bearer token's name).
 */
public final class RevbotMcpServer {
    static final String NAME = "revbot";
    /** Key of the {@link McpCaller} in an HTTP request's transport context. */
    static final String CALLER = "revbot.mcp.caller";

    private static final String INSTRUCTIONS = "RevBot's revenue skills on the company's own data: deal reviews with"
            + " MEDDPICC and an evidence-adjusted probability, lead scoring against the ICP, the pipeline forecast,"
            + " churn risk and expansion candidates, competitor mentions in calls, the RevOps knowledge base, and"
            + " read-only SQL on the warehouse (run_sql refuses anything but a SELECT). The numbers are computed"
            + " deterministically: quote them rather than recomputing. The knowledge base's documents are resources.";

    private final McpToolCatalog catalog;
    private final Path knowledgeDir;
    private final String version;

    public RevbotMcpServer(McpToolCatalog catalog, Path knowledgeDir, String version) {
        this.catalog = catalog;
        this.knowledgeDir = knowledgeDir;
        this.version = version;
    }

    public McpToolCatalog catalog() {
        return catalog;
    }

    /** Serves one client over {@code in}/{@code out} until the client closes its end; the local user is the caller. */
    public McpSyncServer stdio(InputStream in, OutputStream out, Principal.LocalUser localUser) {
        List<McpServerFeatures.SyncToolSpecification> tools = catalog.tools().stream()
                .map(tool -> new McpServerFeatures.SyncToolSpecification(
                        tool,
                        (exchange, request) -> catalog.call(
                                McpCaller.stdio(
                                        exchange.getClientInfo() == null
                                                ? null
                                                : exchange.getClientInfo().name(),
                                        localUser),
                                request.name(),
                                request.arguments())))
                .toList();
        List<McpServerFeatures.SyncResourceSpecification> resources = KnowledgeResources.scan(knowledgeDir).stream()
                .map(doc ->
                        new McpServerFeatures.SyncResourceSpecification(doc.resource(), (exchange, r) -> doc.read()))
                .toList();
        return McpServer.sync(new StdioServerTransportProvider(McpJson.MAPPER, in, out))
                .serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .capabilities(capabilities())
                .jsonMapper(McpJson.MAPPER)
                .jsonSchemaValidator(McpJson.VALIDATOR)
                .requestTimeout(Duration.ofMinutes(5))
                .tools(tools)
                .resources(resources)
                .build();
    }

    /** Serves HTTP requests that {@code transport} hands over; the transport puts the caller in the context. */
    public McpStatelessSyncServer http(McpStatelessServerTransport transport) {
        List<McpStatelessServerFeatures.SyncToolSpecification> tools = catalog.tools().stream()
                .map(tool -> new McpStatelessServerFeatures.SyncToolSpecification(
                        tool, (context, request) -> catalog.call(caller(context), request.name(), request.arguments())))
                .toList();
        List<McpStatelessServerFeatures.SyncResourceSpecification> resources =
                KnowledgeResources.scan(knowledgeDir).stream()
                        .map(doc -> new McpStatelessServerFeatures.SyncResourceSpecification(
                                doc.resource(), (context, r) -> doc.read()))
                        .toList();
        return McpServer.sync(transport)
                .serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .capabilities(capabilities())
                .jsonMapper(McpJson.MAPPER)
                .jsonSchemaValidator(McpJson.VALIDATOR)
                .requestTimeout(Duration.ofMinutes(5))
                .tools(tools)
                .resources(resources)
                .build();
    }

    private static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder()
                .tools(false)
                .resources(false, false)
                .build();
    }

    private static McpCaller caller(McpTransportContext context) {
        if (context.get(CALLER) instanceof McpCaller caller) {
            return caller;
        }
        // The HTTP transport authenticates every request before the SDK sees it; no caller means a wiring bug.
        throw new IllegalStateException("MCP request without an authenticated caller");
    }
}
