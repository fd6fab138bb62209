package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.models.CachePlan;
import io.revbot.orchestrator.models.CachePoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
    void aModelCallsCachePointsAreExportedPlacedAndSkippedWithTheirReason() {
        CachePlan plan = new CachePlan(
                List.of(new CachePoint(CachePoint.Position.TOOLS_AND_SYSTEM, -1, 2_115, 1_024, null)),
                List.of(new CachePoint(CachePoint.Position.HISTORY, 1, 2_000, 2_048, "prefix below the minimum")));
        ScriptedRuns run = new ScriptedRuns("run-cache", ScriptedRuns.T0)
                .started("And the Vertex deal?", Channel.CLI)
                .agentStarted(AgentName.MANAGER, "m1", null, "And the Vertex deal?")
                .model(AgentName.MANAGER, "m1", new TokenUsage(85, 30, 2_122, 828), plan)
                .routed(Routing.DIRECT, "answered directly")
                .agentFinished(AgentName.MANAGER, "m1", RunEvent.AgentOutcome.COMPLETED, "It is at risk.", null)
                .answer("It is at risk.", Routing.DIRECT, AgentName.MANAGER)
                .succeeded("It is at risk.", Routing.DIRECT, List.of(), 0);

        ObjectNode json = ConversationJson.toJson(
                assembler.assemble(run.runId(), run.events()).record(), Instant.EPOCH);

        assertThat(validator.validateJson(json)).isEmpty();
        JsonNode call = json.at("/conversation/agent_flow/0/model_calls/0");
        assertThat(call.path("tokens").toString())
                .isEqualTo("{\"input\":85,\"output\":30,\"cache_read\":2122,\"cache_write\":828}");
        assertThat(call.path("cache_points").toString())
                .isEqualTo(
                        "{\"placed\":[{\"after\":\"tools_and_system\",\"prefix_tokens\":2115,\"minimum_tokens\":1024}],"
                                + "\"skipped\":[{\"after\":\"history\",\"prefix_tokens\":2000,\"minimum_tokens\":2048,"
                                + "\"reason\":\"prefix below the minimum\"}]}");
        assertThat(json.at("/conversation/conversation_summary/tokens/cache_read")
                        .asLong())
                .isEqualTo(2_122);
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
