package io.revbot.server;

import static io.revbot.server.Components.lazy;

import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.server.config.Config;
import io.revbot.server.config.McpConfig;
import io.revbot.server.mcp.client.McpServerConnections;
import io.revbot.tools.ConfigurationException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the connections to the MCP servers of {@code REVBOT_MCP_SERVERS}, whose allowed tools join the agents that
 * name them: connected and checked on first use (start-up of {@code serve} and {@code ask}), closed with the other
 * components. The constructor does no I/O.
 */
final class McpClientComponents {
    private final Config config;
    private final Closeables closeables;
    private final Supplier<McpServerConnections> connections = lazy(this::connect);

    McpClientComponents(Config config, Closeables closeables) {
        this.config = config;
        this.closeables = closeables;
    }

    /** Connects (once) and checks every configured server; a bad one stops start-up naming it. */
    McpServerConnections connections() {
        return connections.get();
    }

    /** Every agent's {@code mcp:} must name a configured server: a typo stops start-up, naming the file. */
    void checkAgents(Agents agents) {
        for (AgentSpec spec : agents.all().values()) {
            for (String server : spec.mcpServers()) {
                if (!config.mcp().servers().containsKey(server)) {
                    throw new ConfigurationException(
                            McpConfig.SERVERS_KEY,
                            spec.source().replaceAll("/?$", "/") + "agent.yaml: field 'mcp' names '" + server
                                    + "', which is not defined"
                                    + (config.mcp().servers().isEmpty()
                                            ? " (no MCP server is configured)"
                                            : " (defined: "
                                                    + String.join(
                                                            ", ",
                                                            List.copyOf(config.mcp()
                                                                    .servers()
                                                                    .keySet())) + ")"));
                }
            }
        }
    }

    private McpServerConnections connect() {
        if (config.mcp().servers().isEmpty()) {
            return McpServerConnections.none();
        }
        return closeables.add(
                McpServerConnections.connect(config.mcp().servers().values(), McpServerComponents.version()));
    }
}
