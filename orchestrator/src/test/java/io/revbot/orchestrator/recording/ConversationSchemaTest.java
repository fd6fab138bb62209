package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConversationSchemaTest {
    private final RecordValidator validator = new RecordValidator();
    private final ConversationAssembler assembler = new ConversationAssembler(PriceTable.builtIn());

    private ObjectNode valid() {
        ScriptedRuns run = ScriptedRuns.parallelDelegation("run-schema", ScriptedRuns.T0);
        return ConversationJson.toJson(
                assembler.assemble(run.runId(), run.events()).record(), Instant.EPOCH);
    }

    @Test
    void theSchemaRejectsAMissingRequiredFieldAWrongEnumAndAnUnknownField() {
        assertThat(validator.validateJson(valid())).isEmpty();

        ObjectNode missing = valid();
        ((ObjectNode) missing.at("/conversation")).remove("agent_flow");
        assertThat(validator.validateJson(missing)).isNotEmpty();

        ObjectNode badStatus = valid();
        ((ObjectNode) badStatus.at("/conversation/agent_flow/1/tool_executions/0")).put("status", "fine");
        assertThat(validator.validateJson(badStatus)).isNotEmpty();

        ObjectNode extra = valid();
        ((ObjectNode) extra.at("/conversation/metadata")).put("system_prompt", "You are…");
        assertThat(validator.validateJson(extra)).isNotEmpty();

        ObjectNode badTime = valid();
        ((ObjectNode) badTime.at("/conversation/metadata")).put("started_at", "yesterday");
        assertThat(validator.validateJson(badTime)).isNotEmpty();
    }

    @Test
    void theDocumentedSchemaFileIsTheOneTheValidatorUses() throws IOException {
        Path docs = Path.of("..", "docs", "conversation.schema.json");
        try (InputStream in = RecordValidator.class.getResourceAsStream(RecordValidator.SCHEMA_RESOURCE)) {
            assertThat(Files.readString(docs))
                    .isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
