package io.revbot.server.mcp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import io.modelcontextprotocol.spec.McpSchema;
import io.revbot.server.mcp.McpJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MCP tool as the model sees a tool: its name, description and input schema. Each property's schema is passed on
 * as written (a raw schema), so nothing the server said about its parameters is lost in translation.
 */
final class McpToolSpecifications {
    private McpToolSpecifications() {}

    static ToolSpecification of(String server, McpSchema.Tool tool) {
        Map<String, Object> input = tool.inputSchema() == null ? Map.of() : tool.inputSchema();
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        if (input.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, schema) -> parameters.addProperty(String.valueOf(name), raw(schema)));
        }
        if (input.get("required") instanceof List<?> required) {
            parameters.required(required.stream().map(String::valueOf).toList());
        }
        if (input.get("additionalProperties") instanceof Boolean additional) {
            parameters.additionalProperties(additional);
        }
        Object defs = input.containsKey("$defs") ? input.get("$defs") : input.get("definitions");
        if (defs instanceof Map<?, ?> definitions && !definitions.isEmpty()) {
            Map<String, JsonSchemaElement> out = new LinkedHashMap<>();
            definitions.forEach((name, schema) -> out.put(String.valueOf(name), raw(schema)));
            parameters.definitions(out);
        }
        return ToolSpecification.builder()
                .name(tool.name())
                .description(description(server, tool))
                .parameters(parameters.build())
                .build();
    }

    private static String description(String server, McpSchema.Tool tool) {
        String text = tool.description() != null && !tool.description().isBlank() ? tool.description() : tool.title();
        return (text == null || text.isBlank() ? tool.name() : text.strip()) + " (from the MCP server " + server + ")";
    }

    private static JsonRawSchema raw(Object schema) {
        try {
            return JsonRawSchema.from(McpJson.OBJECT_MAPPER.writeValueAsString(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a parameter schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
