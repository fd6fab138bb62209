package io.revbot.server.mcp;

import io.revbot.server.config.McpConfig;
import java.util.List;
import java.util.Optional;

/** The bearer tokens of {@code /mcp} ({@code REVBOT_MCP_TOKENS}): which name, if any, a presented token has. */
public final class McpTokens {
    private final List<McpConfig.NamedToken> tokens;

    public McpTokens(List<McpConfig.NamedToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** Compares with every token in constant time, without stopping at a match, so timing does not tell which. */
    Optional<String> nameOf(String presented) {
        String name = null;
        for (McpConfig.NamedToken token : tokens) {
            if (token.token().matches(presented) && name == null) {
                name = token.name();
            }
        }
        return Optional.ofNullable(name);
    }
}
