package io.revbot.server.mcp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.service.tool.ToolExecutor;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.revbot.server.mcp.McpJson;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import io.revbot.tools.UpstreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one MCP server's tool for an agent. The text the server returned is what the model reads (bounded); an error
 * result becomes a {@link ToolException} with the server's message, and a failure to reach the server an
 * {@link UpstreamException}, so the model reads what went wrong either way. The run's observer records which server
 * answered.
 */
final class McpClientTool implements ToolExecutor {
    static final int MAX_RESULT_CHARS = 40_000;

    private final String server;
    private final McpSyncClient client;

    McpClientTool(String server, McpSyncClient client) {
        this.server = server;
        this.client = client;
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        Map<String, Object> arguments = arguments(request.arguments());
        ToolObserver.current().fact("mcp_server", server);
        McpSchema.CallToolResult result;
        try {
            result = client.callTool(new McpSchema.CallToolRequest(request.name(), arguments));
        } catch (McpError e) {
            throw new ToolException("MCP server " + server + " refused the call: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UpstreamException("MCP server " + server, "the call failed: " + e.getMessage(), true, e);
        }
        String text = text(result);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new ToolException(text.isBlank() ? "the tool reported an error without a message" : text);
        }
        return text.length() <= MAX_RESULT_CHARS
                ? text
                : text.substring(0, MAX_RESULT_CHARS) + "\n[cut at " + MAX_RESULT_CHARS + " characters]";
    }

    private static Map<String, Object> arguments(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return McpJson.OBJECT_MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new ToolArgumentsException("the arguments are not a JSON object: " + e.getOriginalMessage());
        }
    }

    /** The text contents; the structured content when there is no text; a note for what a model cannot read. */
    private static String text(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        for (McpSchema.Content content : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            switch (content) {
                case McpSchema.TextContent t -> parts.add(t.text());
                case McpSchema.EmbeddedResource r
                when r.resource() instanceof McpSchema.TextResourceContents t -> parts.add(t.text());
                default -> parts.add("[" + content.type() + " content omitted]");
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            try {
                parts.add(McpJson.OBJECT_MAPPER.writeValueAsString(result.structuredContent()));
            } catch (JsonProcessingException e) {
                parts.add(String.valueOf(result.structuredContent()));
            }
        }
        return String.join("\n", parts);
    }
}
