package io.revbot.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import io.modelcontextprotocol.spec.McpSchema;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.ToolErrors;
import io.revbot.tools.ToolObserver;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools other agents may call over MCP: RevBot's read-only tools, under the names its specialists use, with
 * the descriptions and parameter schemas written for the model. Write tools ({@code propose_*}) are never among
 * them, whatever is registered. A call runs the same {@code @Tool} method the agents run, inside a
 * {@link ToolObserver} (so facts and knowledge references are recorded), is recorded as a run and counted per tool
 * and client; its result is the text plus structured content, and any failure is an error result, never a crash.
 */
public final class McpToolCatalog {
    /** What may be exposed, in the order clients list it; {@code web_search} only when a provider is configured. */
    static final List<String> EXPOSED = List.of(
            "deal_review",
            "lead_assessment",
            "pipeline_forecast",
            "churn_risk",
            "expansion_candidates",
            "competitor_mentions",
            "knowledge_search",
            "run_sql",
            "list_tables",
            "describe_table",
            "sample_rows",
            "find_accounts",
            "find_opportunities",
            "find_people",
            "get_crm_record",
            "list_calls",
            "get_call_transcript",
            "web_search");

    /** Tools whose results come from outside the company's own systems. */
    private static final Set<String> OPEN_WORLD = Set.of("web_search");

    private record Exposed(McpSchema.Tool tool, ToolExecutor executor) {}

    private final Map<String, Exposed> tools;
    private final McpCallRecording recording;
    private final Optional<McpMetrics> metrics;

    /**
     * @param toolObjects the tool objects the agents use (the composition root's list)
     * @param webSearch whether a web search provider is configured
     */
    McpToolCatalog(
            List<Object> toolObjects, boolean webSearch, McpCallRecording recording, Optional<McpMetrics> metrics) {
        this.recording = recording;
        this.metrics = metrics;
        Map<String, Exposed> found = new LinkedHashMap<>();
        for (Object object : toolObjects) {
            for (Method method : object.getClass().getMethods()) {
                if (method.isAnnotationPresent(Tool.class)) {
                    ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
                    if (EXPOSED.contains(spec.name())
                            && (webSearch || !spec.name().equals("web_search"))) {
                        found.put(spec.name(), new Exposed(definition(spec), executor(object, method)));
                    }
                }
            }
        }
        Map<String, Exposed> ordered = new LinkedHashMap<>();
        EXPOSED.stream().filter(found::containsKey).forEach(name -> ordered.put(name, found.get(name)));
        this.tools = ordered;
    }

    /**
     * The catalog of the given tool objects, each call recorded as a run for {@code recorder} (the monitoring
     * listeners) and counted in {@code metrics} when there are any.
     */
    public static McpToolCatalog create(
            List<Object> toolObjects,
            boolean webSearch,
            RunListener recorder,
            Optional<McpMetrics> metrics,
            Clock clock) {
        return new McpToolCatalog(toolObjects, webSearch, new McpCallRecording(recorder, clock), metrics);
    }

    /** The tool definitions clients list. */
    public List<McpSchema.Tool> tools() {
        return tools.values().stream().map(Exposed::tool).toList();
    }

    /** Runs one call for {@code caller}; never throws for a tool's failure (the client gets an error result). */
    McpSchema.CallToolResult call(McpCaller caller, String name, Map<String, Object> arguments) {
        Exposed exposed = tools.get(name);
        if (exposed == null) {
            return McpSchema.CallToolResult.builder()
                    .isError(true)
                    .addTextContent("Unknown tool '" + name + "'. Tools: " + String.join(", ", tools.keySet()))
                    .build();
        }
        String argumentsJson = json(arguments == null ? Map.of() : arguments);
        McpCallRecording.Call call = recording.start(caller, name, argumentsJson);
        CollectingObserver observer = new CollectingObserver();
        long startedNanos = System.nanoTime();
        String text;
        RunEvent.ToolStatus status;
        try {
            text = ToolObserver.runWith(
                    observer,
                    () -> exposed.executor()
                            .execute(
                                    ToolExecutionRequest.builder()
                                            .id(call.runId().value())
                                            .name(name)
                                            .arguments(argumentsJson)
                                            .build(),
                                    call.runId().value()));
            status = RunEvent.ToolStatus.OK;
        } catch (RuntimeException e) {
            text = ToolErrors.messageFor(e);
            status =
                    e instanceof ToolArgumentsException ? RunEvent.ToolStatus.BAD_ARGUMENTS : RunEvent.ToolStatus.ERROR;
        }
        call.finish(status, text, observer.facts(), observer.references());
        boolean ok = status == RunEvent.ToolStatus.OK;
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        metrics.ifPresent(m -> m.called(name, caller, ok, took));
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(structured(text, ok, observer.references()))
                .isError(!ok)
                .build();
    }

    /**
     * The JSON a tool returned when it returned an object (most do); else its text in {@code text} (and, for an
     * error, in {@code error}) with the knowledge references it reported.
     */
    private static Map<String, Object> structured(String text, boolean ok, List<McpCallRecording.Reference> refs) {
        if (ok) {
            Optional<JsonNode> node = parse(text);
            if (node.isPresent() && node.get().isObject()) {
                return McpJson.OBJECT_MAPPER.convertValue(node.get(), Map.class);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ok ? "text" : "error", text);
        if (!refs.isEmpty()) {
            List<Map<String, Object>> references = new ArrayList<>();
            refs.forEach(
                    r -> references.add(Map.of("document", r.document(), "section", r.section(), "score", r.score())));
            out.put("references", references);
        }
        return out;
    }

    private static Optional<JsonNode> parse(String text) {
        if (text == null || !text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(McpJson.OBJECT_MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static McpSchema.Tool definition(ToolSpecification spec) {
        Map<String, Object> schema = spec.parameters() == null
                ? Map.of("type", "object", "properties", Map.of())
                : JsonSchemaElementUtils.toMap(spec.parameters());
        return McpSchema.Tool.builder()
                .name(spec.name())
                .description(spec.description())
                .inputSchema(schema)
                .annotations(
                        new McpSchema.ToolAnnotations(null, true, false, true, OPEN_WORLD.contains(spec.name()), null))
                .build();
    }

    /** The agents' executor, told to throw, so failures can be reported as error results with the agents' wording. */
    private static ToolExecutor executor(Object object, Method method) {
        return DefaultToolExecutor.builder()
                .object(object)
                .originalMethod(method)
                .methodToInvoke(method)
                .wrapToolArgumentsExceptions(true)
                .propagateToolExecutionExceptions(true)
                .build();
    }

    private static String json(Map<String, Object> arguments) {
        try {
            return McpJson.OBJECT_MAPPER.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** What the tool reported while it ran. */
    private static final class CollectingObserver implements ToolObserver {
        private final Map<String, Object> facts = new LinkedHashMap<>();
        private final List<McpCallRecording.Reference> references = new ArrayList<>();

        @Override
        public synchronized void fact(String name, Object value) {
            if (name != null && value != null) {
                facts.put(name, value);
            }
        }

        @Override
        public synchronized void knowledgeReference(String document, String section, double score) {
            references.add(new McpCallRecording.Reference(document, section, score));
        }

        @Override
        public synchronized Map<String, Object> facts() {
            return Map.copyOf(facts);
        }

        synchronized List<McpCallRecording.Reference> references() {
            return List.copyOf(references);
        }
    }
}
