package io.revbot.server.mcp.client;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * The SDK's stdio client transport, except that the server process does not inherit RevBot's environment (model
 * keys, cloud credentials, database URLs): it sees the variables its configuration gives it and the SDK's few
 * harmless defaults (PATH, HOME, USER, SHELL, TERM, LOGNAME).
 */
final class IsolatedStdioClientTransport extends StdioClientTransport {
    IsolatedStdioClientTransport(ServerParameters parameters, McpJsonMapper mapper) {
        super(parameters, mapper);
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().clear();
        return builder;
    }
}
