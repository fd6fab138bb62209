package io.revbot.server.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

/**
 * The JSON the MCP SDK uses here, passed explicitly to every server, client and transport so the SDK never looks one
 * up: Jackson 2 (what the rest of RevBot uses) and a schema validator on the json-schema-validator RevBot already has.
 */
public final class McpJson {
    public static final ObjectMapper OBJECT_MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    public static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(OBJECT_MAPPER);
    public static final JsonSchemaValidator VALIDATOR = new NetworkntSchemaValidator(OBJECT_MAPPER);

    private McpJson() {}
}
