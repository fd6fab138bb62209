package io.revbot.server.mcp;

import io.revbot.orchestrator.Principal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who called a tool over MCP, as recordings and metrics show it: never a token.
 *
 * @param client the metrics label: the bearer token's name over HTTP, the client's own name over stdio
 * @param requester who the recorded run says asked: the token's client over HTTP, the local user over stdio
 */
public record McpCaller(String client, Principal requester) {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.-]");

    public McpCaller {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(requester, "requester");
    }

    /** An HTTP caller, known by the name of the token it presented. */
    static McpCaller token(String tokenName) {
        return new McpCaller(tokenName, new Principal.McpClient(tokenName));
    }

    /**
     * A stdio caller: the client names itself in {@code initialize} (free text, so it is reduced to a safe label);
     * the process runs as the local user, whose credentials it uses.
     */
    static McpCaller stdio(String clientName, Principal.LocalUser localUser) {
        String label = clientName == null || clientName.isBlank()
                ? "stdio"
                : UNSAFE.matcher(clientName.strip()).replaceAll("_");
        return new McpCaller(label.length() > 40 ? label.substring(0, 40) : label, localUser);
    }
}
