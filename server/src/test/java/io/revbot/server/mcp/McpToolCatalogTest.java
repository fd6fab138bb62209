package io.revbot.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.modelcontextprotocol.spec.McpSchema;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.recording.PreparedExport;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.Redactor;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The catalog on tool objects written for the test: what is listed (read-only tools only, in a fixed order), what a
 * call returns (text plus structured content, an error result for any failure), and the run it leaves behind, which
 * the recorder exports as a valid conversation naming the caller.
 */
class McpToolCatalogTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Stand-ins with the real tools' names. */
    public static final class Tools {
        @Tool(name = "run_sql", value = "Runs one read-only SELECT on the warehouse and returns the rows as JSON.")
        public String runSql(@P("the SELECT to run") String sql) {
            ToolObserver.current().fact("sql", sql);
            if (!sql.toLowerCase().startsWith("select")) {
                throw new ToolException("SQL refused: only read-only queries can run");
            }
            return "{\"columns\":[{\"name\":\"n\",\"type\":\"INTEGER\"}],\"rows\":[[42]],\"row_count\":1}";
        }

        @Tool(name = "knowledge_search", value = "Searches the RevOps knowledge base and cites the passages found.")
        public String knowledgeSearch(
                @P("what to look for") String query, @P(value = "how many passages", required = false) Integer k) {
            ToolObserver.current().knowledgeReference("business_logic/churn_risk.md", "Churn risk > Bands", 0.91);
            return "[business_logic/churn_risk.md > Churn risk > Bands] Low <= 25, Medium <= 50";
        }

        @Tool(name = "deal_review", value = "Reviews one opportunity with MEDDPICC and an adjusted probability.")
        public String dealReview(@P("opportunity name") String deal) {
            throw new IllegalStateException("the warehouse is gone");
        }

        @Tool(name = "propose_crm_update", value = "Proposes a CRM update; a person approves it.")
        public String proposeCrmUpdate(@P("record id") String id) {
            return "proposed";
        }

        @Tool(name = "web_search", value = "Searches the web for public facts about a company, with sources.")
        public String webSearch(@P("query") String query) {
            return "{}";
        }
    }

    final RecordingListener events = new RecordingListener();

    McpToolCatalog catalog(boolean webSearch, Optional<McpMetrics> metrics) {
        return McpToolCatalog.create(List.of(new Tools()), webSearch, events, metrics, Clock.systemUTC());
    }

    @Test
    void onlyReadOnlyToolsAreListedInTheCatalogsOrderWithSchemaAndHints() {
        assertThat(catalog(false, Optional.empty()).tools())
                .extracting(McpSchema.Tool::name)
                .containsExactly("deal_review", "knowledge_search", "run_sql");
        List<McpSchema.Tool> withSearch = catalog(true, Optional.empty()).tools();
        assertThat(withSearch)
                .extracting(McpSchema.Tool::name)
                .containsExactly("deal_review", "knowledge_search", "run_sql", "web_search");

        McpSchema.Tool runSql = withSearch.get(2);
        assertThat(runSql.description()).startsWith("Runs one read-only SELECT");
        assertThat(runSql.inputSchema()).containsEntry("type", "object").containsEntry("required", List.of("sql"));
        assertThat(runSql.inputSchema().get("properties").toString()).contains("the SELECT to run");
        assertThat(runSql.annotations().readOnlyHint()).isTrue();
        assertThat(runSql.annotations().openWorldHint()).isFalse();
        assertThat(withSearch.get(3).annotations().openWorldHint()).isTrue();
    }

    @Test
    void aJsonResultIsTextAndStructuredContentAndTheCallIsAValidRunNamingTheCaller() {
        McpSchema.CallToolResult result = catalog(false, Optional.empty())
                .call(McpCaller.token("claude-desktop"), "run_sql", Map.of("sql", "select 42 as n"));

        assertThat(result.isError()).isFalse();
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text()).contains("\"rows\":[[42]]");
        assertThat(JSON.valueToTree(result.structuredContent()).at("/rows/0/0").asInt())
                .isEqualTo(42);

        events.assertWellFormed();
        RunEvent.RunStarted started = events.of(RunEvent.RunStarted.class).getFirst();
        assertThat(started.request().channel()).isEqualTo(Channel.MCP);
        assertThat(started.request().requester()).isEqualTo("mcp:claude-desktop");
        assertThat(started.request().session().value()).isEqualTo("mcp:claude-desktop:claude-desktop");
        RunEvent.ToolFinished finished = events.of(RunEvent.ToolFinished.class).getFirst();
        assertThat(finished.status()).isEqualTo(RunEvent.ToolStatus.OK);
        assertThat(finished.facts()).containsEntry("sql", "select 42 as n");

        PreparedExport export = export();
        assertThat(export.findings()).isEmpty();
        JsonNode conversation = json(export.conversationJson());
        assertThat(conversation.at("/conversation/metadata/channel").asText()).isEqualTo("mcp");
        assertThat(conversation.at("/conversation/metadata/requester").asText()).isEqualTo("mcp:claude-desktop");
        assertThat(conversation
                        .at("/conversation/agent_flow/0/tool_executions/0/tool")
                        .asText())
                .isEqualTo("run_sql");
        assertThat(conversation.at("/conversation/timeline/0/to").asText()).isEqualTo("mcp");
    }

    @Test
    void aRefusalAndACrashAreErrorResultsAndRecordedAsToolErrors() {
        McpToolCatalog catalog = catalog(false, Optional.empty());

        McpSchema.CallToolResult refused =
                catalog.call(McpCaller.token("ci"), "run_sql", Map.of("sql", "DELETE FROM opportunity_d"));
        assertThat(refused.isError()).isTrue();
        assertThat(((McpSchema.TextContent) refused.content().getFirst()).text())
                .isEqualTo("SQL refused: only read-only queries can run");
        assertThat(events.of(RunEvent.ToolFinished.class).getLast().status()).isEqualTo(RunEvent.ToolStatus.ERROR);
        assertThat(export().findings()).isEmpty();

        McpSchema.CallToolResult crashed = catalog.call(McpCaller.token("ci"), "deal_review", Map.of("deal", "Vertex"));
        assertThat(crashed.isError()).isTrue();
        assertThat(((McpSchema.TextContent) crashed.content().getFirst()).text())
                .isEqualTo("The tool failed: the warehouse is gone");

        McpSchema.CallToolResult badArguments =
                catalog.call(McpCaller.token("ci"), "knowledge_search", Map.of("query", "bands", "k", "many"));
        assertThat(badArguments.isError()).isTrue();
        assertThat(events.of(RunEvent.ToolFinished.class).getLast().status())
                .isEqualTo(RunEvent.ToolStatus.BAD_ARGUMENTS);

        McpSchema.CallToolResult writeTool =
                catalog.call(McpCaller.token("ci"), "propose_crm_update", Map.of("id", "006"));
        assertThat(writeTool.isError()).isTrue();
        assertThat(((McpSchema.TextContent) writeTool.content().getFirst()).text())
                .startsWith("Unknown tool 'propose_crm_update'");
    }

    @Test
    void knowledgeReferencesAreRecordedAndGivenAsStructuredContent() {
        McpSchema.CallToolResult result = catalog(false, Optional.empty())
                .call(
                        McpCaller.stdio("claude-code", new Principal.LocalUser("ana")),
                        "knowledge_search",
                        Map.of("query", "bands"));

        JsonNode structured = JSON.valueToTree(result.structuredContent());
        assertThat(structured.path("text").asText()).contains("Low <= 25");
        assertThat(structured.at("/references/0/document").asText()).isEqualTo("business_logic/churn_risk.md");
        assertThat(events.of(RunEvent.KnowledgeReferenced.class)).hasSize(1);
        assertThat(events.of(RunEvent.RunStarted.class).getFirst().request().requester())
                .isEqualTo("cli:ana");
        assertThat(json(export().conversationJson())
                        .at("/conversation/agent_flow/0/knowledge_references/0/document")
                        .asText())
                .isEqualTo("business_logic/churn_risk.md");
    }

    @Test
    void callsAreCountedPerToolClientAndStatus() {
        MeterRegistry registry = Metrics.globalRegistry();
        String client = "metrics-client-" + System.nanoTime();
        McpToolCatalog catalog = catalog(false, Optional.of(new McpMetrics(registry)));

        catalog.call(McpCaller.token(client), "run_sql", Map.of("sql", "select 1"));
        catalog.call(McpCaller.token(client), "run_sql", Map.of("sql", "select 2"));
        catalog.call(McpCaller.token(client), "run_sql", Map.of("sql", "drop table x"));

        assertThat(count(registry, client, "ok")).isEqualTo(2);
        assertThat(count(registry, client, "error")).isEqualTo(1);
    }

    @Test
    void aStdioClientsNameIsReducedToASafeLabel() {
        assertThat(McpCaller.stdio("Claude Desktop (macOS)", new Principal.LocalUser("ana"))
                        .client())
                .isEqualTo("Claude_Desktop__macOS_");
        assertThat(McpCaller.stdio(null, new Principal.LocalUser("ana")).client())
                .isEqualTo("stdio");
        assertThat(McpCaller.stdio("x".repeat(100), new Principal.LocalUser("ana"))
                        .client())
                .hasSize(40);
    }

    private static double count(MeterRegistry registry, String client, String status) {
        return registry.counter(
                        "revbot.mcp.calls",
                        List.of(
                                Tag.create("tool", "run_sql"),
                                Tag.create("client", client),
                                Tag.create("status", status)))
                .map(Counter::count)
                .orElse(0L);
    }

    private PreparedExport export() {
        RunRecorder recorder =
                new RunRecorder(PriceTable.builtIn(), Redactor.patternsOnly(), List.of(), Clock.systemUTC());
        List<RunEvent> all = events.events();
        RunEvent last = all.getLast();
        return recorder.prepare(
                last.runId(),
                all.stream().filter(e -> e.runId().equals(last.runId())).toList());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
