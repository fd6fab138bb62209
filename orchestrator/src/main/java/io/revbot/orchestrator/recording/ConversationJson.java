package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.models.CachePlan;
import io.revbot.orchestrator.models.CachePoint;
import io.revbot.orchestrator.recording.ConversationRecord.Invocation;
import io.revbot.orchestrator.recording.ConversationRecord.ModelCall;
import io.revbot.orchestrator.recording.ConversationRecord.TimelineEntry;
import io.revbot.orchestrator.recording.ConversationRecord.ToolExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ConversationRecord} as the {@code conversation.json} tree described in
 * {@code docs/conversation-export.md} ({@code export_metadata}, then {@code conversation} with {@code metadata},
 * {@code routing}, {@code agent_flow}, {@code timeline}, {@code final_answer}, {@code grounding},
 * {@code conversation_summary}).
 */
public final class ConversationJson {

    public static final String FORMAT = "revbot.conversation";
    public static final String SCHEMA_VERSION = "1.1";

    /** Shared, thread-safe mapper: ISO timestamps, indented output. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ConversationJson() {}

    public static ObjectNode toJson(ConversationRecord r, Instant exportedAt) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode export = root.putObject("export_metadata");
        export.put("format", FORMAT);
        export.put("schema_version", SCHEMA_VERSION);
        export.put("exported_at", exportedAt.toString());
        export.put("run_id", r.runId().value());

        ObjectNode conversation = root.putObject("conversation");
        ObjectNode meta = conversation.putObject("metadata");
        meta.put("run_id", r.runId().value());
        if (r.request() != null) {
            meta.put("session_id", r.request().session().value());
            meta.put("channel", lower(r.request().channel()));
            meta.put("requester", r.request().requester());
            meta.put("question", r.request().question());
            meta.put("received_at", r.request().receivedAt().toString());
        } else {
            meta.putNull("session_id");
            meta.putNull("channel");
            meta.putNull("requester");
            meta.putNull("question");
            meta.putNull("received_at");
        }
        time(meta, "started_at", r.startedAt());
        time(meta, "ended_at", r.endedAt());
        meta.put("status", lower(r.status()));
        if (r.failure() == null) {
            meta.putNull("failure");
        } else {
            ObjectNode f = meta.putObject("failure");
            f.put("kind", lower(r.failure().kind()));
            f.put("message", r.failure().message());
        }

        if (r.router() == null) {
            conversation.putNull("router");
        } else {
            ObjectNode router = conversation.putObject("router");
            router.put("decision", r.router().decision());
            router.put("tier", r.router().tier().label());
            ArrayNode agents = router.putArray("agents");
            r.router().agents().forEach(a -> agents.add(a.value()));
            router.put("confidence", rounded(r.router().confidence()));
            router.put("margin", rounded(r.router().margin()));
            router.put("reason", r.router().reason());
            router.put("duration_ms", r.router().took().toMillis());
            router.put("at", r.router().at().toString());
        }

        if (r.routing() == null) {
            conversation.putNull("routing");
        } else {
            ObjectNode routing = conversation.putObject("routing");
            routing.put("decision", lower(r.routing().routing()));
            ArrayNode agents = routing.putArray("agents");
            r.routing().agents().forEach(a -> agents.add(a.value()));
            routing.put("reason", r.routing().reason());
            routing.put("at", r.routing().at().toString());
        }

        ArrayNode flow = conversation.putArray("agent_flow");
        int stepNo = 1;
        for (Invocation step : r.agentFlow()) {
            flow.add(step(step, stepNo++));
        }

        ArrayNode timeline = conversation.putArray("timeline");
        for (TimelineEntry e : r.timeline()) {
            ObjectNode n = timeline.addObject();
            n.put("sequence", e.sequence());
            n.put("at", e.at().toString());
            n.put("type", lower(e.kind()));
            n.put("from", e.from());
            n.put("to", e.to());
            n.put("tool", e.tool());
            n.put("content", e.content());
        }

        if (r.answer() == null) {
            conversation.putNull("final_answer");
        } else {
            ObjectNode answer = conversation.putObject("final_answer");
            answer.put("text", r.answer().text());
            answer.put(
                    "author",
                    (r.answer().author() == null
                                    ? AgentName.MANAGER
                                    : r.answer().author())
                            .value());
            answer.put("routing", lower(r.answer().routing()));
            answer.put("at", r.answer().at().toString());
        }
        if (r.answer() == null || r.answer().grounding() == null) {
            conversation.putNull("grounding");
        } else {
            conversation.set("grounding", GroundingJson.toJson(r.answer().grounding()));
        }

        ObjectNode summary = conversation.putObject("conversation_summary");
        millis(summary, "total_duration_ms", r.totals().duration());
        ArrayNode used = summary.putArray("agents_used");
        r.totals().agentsUsed().forEach(a -> used.add(a.value()));
        summary.put("agent_invocations", r.agentFlow().size());
        summary.put("model_calls", r.totals().modelCalls());
        summary.put("tool_executions", r.totals().toolExecutions());
        summary.put("tool_errors", r.totals().toolErrors());
        summary.put("knowledge_references", r.totals().knowledgeReferences());
        tokens(summary.putObject("tokens"), r.totals().tokens());
        summary.put("estimated_cost_usd", r.totals().estimatedCostUsd());
        summary.put("all_models_priced", r.totals().allModelsPriced());
        return root;
    }

    private static ObjectNode step(Invocation s, int number) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("step", number);
        n.put("invocation_id", s.id().value());
        n.put("agent", s.agent().value());
        n.put("requested_by", s.requestedBy() == null ? null : s.requestedBy().value());
        time(n, "started_at", s.startedAt());
        time(n, "finished_at", s.finishedAt());
        millis(n, "duration_ms", s.duration());
        n.put("outcome", s.outcome() == null ? null : lower(s.outcome()));
        n.put("input", s.input());
        n.put("output", s.output());
        n.put("error", s.error());
        ArrayNode calls = n.putArray("model_calls");
        for (ModelCall c : s.modelCalls()) {
            ObjectNode call = calls.addObject();
            call.put("at", c.at().toString());
            call.put("model_id", c.modelId());
            call.put("fallback_for", c.fallbackFor());
            millis(call, "duration_ms", c.duration());
            call.put("stop_reason", c.stopReason());
            tokens(call.putObject("tokens"), c.usage());
            call.put("cost_usd", c.costUsd());
            cachePoints(call.putObject("cache_points"), c.cache());
        }
        ArrayNode tools = n.putArray("tool_executions");
        for (ToolExecution t : s.toolExecutions()) {
            ObjectNode tool = tools.addObject();
            tool.put("tool_call_id", t.toolCallId());
            tool.put("tool", t.tool());
            tool.set("parameters", parameters(t.argumentsJson()));
            tool.put("status", t.status() == null ? "unfinished" : lower(t.status()));
            tool.put("error", t.error());
            time(tool, "started_at", t.startedAt());
            time(tool, "finished_at", t.finishedAt());
            millis(tool, "duration_ms", t.duration());
            tool.put("result_preview", t.resultPreview());
            tool.set("facts", facts(t.facts()));
        }
        ArrayNode kb = n.putArray("knowledge_references");
        s.knowledgeReferences().forEach(k -> {
            ObjectNode ref = kb.addObject();
            ref.put("document", k.document());
            ref.put("section", k.section());
            ref.put("score", k.score());
        });
        ArrayNode actions = n.putArray("actions_proposed");
        s.actionsProposed().forEach(a -> {
            ObjectNode action = actions.addObject();
            action.put("action_id", a.actionId());
            action.put("summary", a.summary());
            action.put("at", a.at().toString());
        });
        tokens(n.putObject("tokens"), s.tokens());
        n.put("cost_usd", s.costUsd());
        return n;
    }

    /** The model's arguments as structured JSON; text that is not a JSON object is kept under {@code _raw}. */
    static JsonNode parameters(String argumentsJson) {
        if (argumentsJson == null || argumentsJson.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode parsed = MAPPER.readTree(argumentsJson);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // fall through: keep what the model sent, verbatim
        }
        ObjectNode raw = MAPPER.createObjectNode();
        raw.put("_raw", argumentsJson);
        return raw;
    }

    private static JsonNode facts(Map<String, Object> facts) {
        ObjectNode n = MAPPER.createObjectNode();
        facts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Object v = e.getValue();
            n.set(
                    e.getKey(),
                    v instanceof Number
                                    || v instanceof Boolean
                                    || v instanceof String
                                    || v instanceof List<?>
                                    || v instanceof Map<?, ?>
                            ? MAPPER.valueToTree(v)
                            : MAPPER.getNodeFactory().textNode(String.valueOf(v)));
        });
        return n;
    }

    private static void tokens(ObjectNode n, TokenUsage u) {
        n.put("input", u.input());
        n.put("output", u.output());
        n.put("cache_read", u.cacheRead());
        n.put("cache_write", u.cacheWrite());
    }

    private static void cachePoints(ObjectNode n, CachePlan plan) {
        ArrayNode placed = n.putArray("placed");
        for (CachePoint p : plan.placed()) {
            cachePoint(placed.addObject(), p);
        }
        ArrayNode skipped = n.putArray("skipped");
        for (CachePoint p : plan.skipped()) {
            cachePoint(skipped.addObject(), p).put("reason", p.reason());
        }
    }

    private static ObjectNode cachePoint(ObjectNode n, CachePoint p) {
        n.put("after", p.after().label());
        n.put("prefix_tokens", p.prefixTokens());
        n.put("minimum_tokens", p.minimumTokens());
        return n;
    }

    private static void time(ObjectNode n, String field, Instant at) {
        if (at == null) {
            n.putNull(field);
        } else {
            n.put(field, at.toString());
        }
    }

    private static void millis(ObjectNode n, String field, Duration d) {
        if (d == null) {
            n.putNull(field);
        } else {
            n.put(field, d.toMillis());
        }
    }

    /** Three decimals: a confidence is a classifier's probability, not a measurement. */
    private static Double rounded(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}
