package io.revbot.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The MCP SDK's schema-validation port (tool arguments against a tool's input schema, structured results against
 * an output schema) on json-schema-validator 1.5: the SDK's own validator needs 2.x, which would replace the 1.5 the
 * conversation export validates with. Schemas default to draft 2020-12 unless they name another draft.
 */
final class NetworkntSchemaValidator implements JsonSchemaValidator {
    private static final int MAX_CACHED = 256;

    private final ObjectMapper mapper;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    NetworkntSchemaValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        try {
            JsonNode node = content instanceof String text ? mapper.readTree(text) : mapper.valueToTree(content);
            Set<ValidationMessage> errors = schema(schema).validate(node);
            if (errors.isEmpty()) {
                return ValidationResponse.asValid(mapper.writeValueAsString(node));
            }
            return ValidationResponse.asInvalid("Validation failed: "
                    + errors.stream()
                            .map(ValidationMessage::getMessage)
                            .sorted()
                            .collect(Collectors.joining("; ")));
        } catch (JsonProcessingException | RuntimeException e) {
            return ValidationResponse.asInvalid("Validation failed: " + e.getMessage());
        }
    }

    private JsonSchema schema(Map<String, Object> schema) throws JsonProcessingException {
        String key = mapper.writeValueAsString(schema);
        if (compiled.size() > MAX_CACHED) {
            compiled.clear();
        }
        JsonSchema cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode node = mapper.readTree(key);
        SpecVersion.VersionFlag version =
                SpecVersionDetector.detectOptionalVersion(node, false).orElse(SpecVersion.VersionFlag.V202012);
        JsonSchema built = JsonSchemaFactory.getInstance(version).getSchema(node);
        compiled.put(key, built);
        return built;
    }
}
