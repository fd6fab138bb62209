package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.revbot.orchestrator.recording.ConversationRecord.Invocation;
import io.revbot.orchestrator.recording.ConversationRecord.Status;
import io.revbot.orchestrator.recording.ConversationRecord.TimelineEntry;
import io.revbot.orchestrator.recording.ConversationRecord.ToolExecution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a record before it is written: the JSON Schema ({@code conversation.schema.json}), every tool start paired
 * with a finish, timestamps in order (run start ≤ every step ≤ run end, each step's start ≤ its finish), every agent
 * named in the timeline present in the agent flow, and a terminal outcome. Findings are reported in
 * {@code metadata.json}; an invalid record is still exported, because a flawed record beats a missing one.
 */
public final class RecordValidator {

    public static final String SCHEMA_RESOURCE = "/io/revbot/orchestrator/recording/conversation.schema.json";

    /** One broken rule: {@code schema}, {@code tool_pairing}, {@code timestamps}, {@code timeline_agents}, … */
    public record Finding(String rule, String message) {}

    private final JsonSchema schema;

    public RecordValidator() {
        try (InputStream in = RecordValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Schema findings only, for any {@code conversation.json} tree. */
    public List<Finding> validateJson(JsonNode conversationJson) {
        List<Finding> findings = new ArrayList<>();
        for (ValidationMessage m : schema.validate(conversationJson)) {
            findings.add(new Finding("schema", m.getMessage()));
        }
        return findings;
    }

    public List<Finding> validate(ConversationRecord record, JsonNode json, List<String> streamAnomalies) {
        List<Finding> findings = validateJson(json);
        streamAnomalies.forEach(a -> findings.add(new Finding("event_stream", a)));
        Set<String> agents = new HashSet<>();
        for (Invocation step : record.agentFlow()) {
            agents.add(step.agent().value());
            if (step.startedAt() != null && step.finishedAt() == null) {
                findings.add(new Finding(
                        "agent_pairing",
                        "agent " + step.agent() + " (invocation " + step.id() + ") started but never finished"));
            }
            ordered(
                    findings,
                    step.startedAt(),
                    step.finishedAt(),
                    "agent " + step.agent() + " (invocation " + step.id() + ")");
            within(findings, record, step.startedAt(), "agent " + step.agent() + " start");
            within(findings, record, step.finishedAt(), "agent " + step.agent() + " finish");
            for (ToolExecution tool : step.toolExecutions()) {
                String name = "tool call " + tool.toolCallId() + " (" + tool.tool() + ")";
                if (tool.status() == null) {
                    findings.add(new Finding("tool_pairing", name + " started but never finished"));
                }
                ordered(findings, tool.startedAt(), tool.finishedAt(), name);
                ordered(findings, step.startedAt(), tool.startedAt(), name + " started before its agent");
                ordered(findings, tool.finishedAt(), step.finishedAt(), name + " finished after its agent");
            }
        }
        for (TimelineEntry e : record.timeline()) {
            within(findings, record, e.at(), "timeline entry " + e.sequence());
            for (String who : new String[] {e.from(), e.to()}) {
                if (who != null
                        && !who.equals(ConversationRecord.USER)
                        && !who.equals(ConversationRecord.ROUTER)
                        && !agents.contains(who)) {
                    findings.add(new Finding(
                            "timeline_agents",
                            "timeline entry " + e.sequence() + " names agent '" + who
                                    + "', which has no step in the agent flow"));
                }
            }
        }
        if (record.status() == Status.INCOMPLETE) {
            findings.add(new Finding("completeness", "the run has no RunSucceeded or RunFailed event"));
        }
        if (record.status() == Status.SUCCEEDED && record.answer() == null) {
            findings.add(new Finding("completeness", "the run succeeded without an AnswerProduced event"));
        }
        return findings;
    }

    private static void ordered(List<Finding> findings, Instant first, Instant second, String what) {
        if (first != null && second != null && second.isBefore(first)) {
            findings.add(new Finding("timestamps", what + ": " + second + " is before " + first));
        }
    }

    private static void within(List<Finding> findings, ConversationRecord r, Instant at, String what) {
        if (at == null) {
            return;
        }
        if (r.startedAt() != null && at.isBefore(r.startedAt())) {
            findings.add(new Finding("timestamps", what + " at " + at + " is before the run started"));
        }
        if (r.endedAt() != null && at.isAfter(r.endedAt())) {
            findings.add(new Finding("timestamps", what + " at " + at + " is after the run ended"));
        }
    }
}
