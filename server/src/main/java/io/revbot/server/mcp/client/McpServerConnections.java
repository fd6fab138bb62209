package io.revbot.server.mcp.client;

import dev.langchain4j.agent.tool.ToolSpecification;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.revbot.agents.KnownTools;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.server.config.McpConfig;
import io.revbot.server.mcp.McpJson;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.Secret;
import java.io.File;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP servers of {@code REVBOT_MCP_SERVERS}, connected with the MCP Java SDK's client and checked, at start:
 * each must answer {@code initialize} and list at least one of its allowed tools, else start-up stops with one line
 * naming it. Their allowed tools become {@link ToolRegistry.ServerTool}s; closing ends the connections (and the stdio
 * servers' processes).
 */
public final class McpServerConnections implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(McpServerConnections.class.getName());

    private final List<McpSyncClient> clients;
    private final List<ToolRegistry.ServerTool> tools;

    private McpServerConnections(List<McpSyncClient> clients, List<ToolRegistry.ServerTool> tools) {
        this.clients = List.copyOf(clients);
        this.tools = List.copyOf(tools);
    }

    /** No servers configured: no connections, no tools. */
    public static McpServerConnections none() {
        return new McpServerConnections(List.of(), List.of());
    }

    /**
     * Connects every server; on the first that fails, closes the others and throws a {@link ConfigurationException}
     * naming it.
     */
    public static McpServerConnections connect(Collection<McpConfig.McpServer> servers, String clientVersion) {
        List<McpSyncClient> clients = new ArrayList<>();
        List<ToolRegistry.ServerTool> tools = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        try {
            for (McpConfig.McpServer server : servers) {
                McpSyncClient client = open(server, clientVersion);
                clients.add(client);
                for (ToolRegistry.ServerTool tool : allowedTools(server, client)) {
                    claim(owners, server.name(), tool.specification().name());
                    tools.add(tool);
                }
            }
        } catch (RuntimeException e) {
            clients.forEach(McpServerConnections::closeQuietly);
            throw e;
        }
        return new McpServerConnections(clients, tools);
    }

    public List<ToolRegistry.ServerTool> tools() {
        return tools;
    }

    private static McpSyncClient open(McpConfig.McpServer server, String clientVersion) {
        if (server.transport() instanceof McpConfig.Stdio stdio
                && !executable(stdio.command().getFirst())) {
            // The SDK would only notice when initialize times out; say it at once.
            throw fail(server, "cannot be reached (" + where(server) + "): no such executable");
        }
        McpSyncClient client = McpClient.sync(transport(server))
                .clientInfo(new McpSchema.Implementation("revbot", clientVersion))
                .requestTimeout(server.timeout())
                .initializationTimeout(server.timeout())
                .jsonSchemaValidator(McpJson.VALIDATOR)
                .build();
        try {
            client.initialize();
            return client;
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw fail(server, "cannot be reached (" + where(server) + "): " + reason(e));
        }
    }

    private static McpClientTransport transport(McpConfig.McpServer server) {
        return switch (server.transport()) {
            case McpConfig.Stdio stdio -> {
                Map<String, String> env = new LinkedHashMap<>();
                stdio.env().forEach((k, v) -> env.put(k, v.reveal()));
                var transport = new IsolatedStdioClientTransport(
                        ServerParameters.builder(stdio.command().getFirst())
                                .args(stdio.command().subList(1, stdio.command().size()))
                                .env(env)
                                .build(),
                        McpJson.MAPPER);
                transport.setStdErrorHandler(line -> LOG.log(Level.DEBUG, "MCP server {0}: {1}", server.name(), line));
                yield transport;
            }
            case McpConfig.Http http -> {
                URI url = http.url();
                String base = url.getScheme() + "://" + url.getRawAuthority();
                String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
                Map<String, Secret> headers = http.headers();
                yield HttpClientStreamableHttpTransport.builder(base)
                        .endpoint(endpoint)
                        .jsonMapper(McpJson.MAPPER)
                        .connectTimeout(server.timeout())
                        .httpRequestCustomizer((builder, method, uri, body, context) ->
                                headers.forEach((name, value) -> builder.header(name, value.reveal())))
                        .build();
            }
        };
    }

    /** A path to an executable file, or a name found on the PATH. */
    private static boolean executable(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(File.pathSeparator))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    /** The server's tools that its allow-list names, in the allow-list's order. */
    private static List<ToolRegistry.ServerTool> allowedTools(McpConfig.McpServer server, McpSyncClient client) {
        Map<String, McpSchema.Tool> offered = new LinkedHashMap<>();
        try {
            String cursor = null;
            do {
                McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
                page.tools().forEach(t -> offered.put(t.name(), t));
                cursor = page.nextCursor();
            } while (cursor != null && !cursor.isEmpty());
        } catch (RuntimeException e) {
            throw fail(server, "cannot list its tools: " + reason(e));
        }
        List<ToolRegistry.ServerTool> out = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String name : server.tools()) {
            McpSchema.Tool tool = offered.get(name);
            if (tool == null) {
                absent.add(name);
            } else {
                ToolSpecification spec = McpToolSpecifications.of(server.name(), tool);
                out.add(new ToolRegistry.ServerTool(server.name(), spec, new McpClientTool(server.name(), client)));
            }
        }
        if (out.isEmpty()) {
            throw fail(
                    server,
                    "lists none of its allowed tools (" + String.join(", ", server.tools()) + "); it offers: "
                            + (offered.isEmpty() ? "no tools" : String.join(", ", offered.keySet())));
        }
        if (!absent.isEmpty()) {
            LOG.log(
                    Level.WARNING,
                    "MCP server {0} does not offer {1} (allowed in REVBOT_MCP_SERVERS); its agents run without them",
                    server.name(),
                    String.join(", ", absent));
        }
        return out;
    }

    /** Tool names are global to the model: an MCP tool may not shadow RevBot's own or another server's. */
    private static void claim(Map<String, String> owners, String server, String tool) {
        if (KnownTools.isKnown(tool) || tool.startsWith("ask_")) {
            throw new ConfigurationException(
                    McpConfig.SERVERS_KEY,
                    "server '" + server + "': tool '" + tool + "' has the name of one of RevBot's own tools; remove it"
                            + " from the allow-list");
        }
        String other = owners.putIfAbsent(tool, server);
        if (other != null) {
            throw new ConfigurationException(
                    McpConfig.SERVERS_KEY,
                    "servers '" + other + "' and '" + server + "' both offer a tool named '" + tool
                            + "'; allow it on one of them only");
        }
    }

    private static String where(McpConfig.McpServer server) {
        return switch (server.transport()) {
            case McpConfig.Stdio stdio -> "command " + stdio.command().getFirst();
            case McpConfig.Http http -> http.url().toString();
        };
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static ConfigurationException fail(McpConfig.McpServer server, String message) {
        return new ConfigurationException(McpConfig.SERVERS_KEY, "MCP server '" + server.name() + "' " + message);
    }

    private static void closeQuietly(McpSyncClient client) {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing an MCP client failed: {0}", e.toString());
        }
    }

    @Override
    public void close() {
        clients.forEach(McpServerConnections::closeQuietly);
    }
}
