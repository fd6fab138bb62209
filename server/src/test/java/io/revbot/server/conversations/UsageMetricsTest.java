package io.revbot.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.models.CachePlan;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.Redactor;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.orchestrator.recording.ScriptedRuns;
import io.revbot.orchestrator.recording.UsageReport;
import io.revbot.server.http.ServerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UsageMetricsTest {

    private static double count(MeterRegistry registry, String name, String... tags) {
        return find(registry, Counter.class, name, tags).map(Counter::count).orElse(0L);
    }

    /** The meter with this name whose tags include {@code kv} (its scope tag aside). */
    private static <M extends Meter> Optional<M> find(
            MeterRegistry registry, Class<M> type, String name, String... kv) {
        List<Tag> wanted = tags(kv);
        return registry.meters().stream()
                .filter(type::isInstance)
                .filter(m -> m.id().name().equals(name))
                .filter(m -> {
                    List<String> have = new java.util.ArrayList<>();
                    m.id().tags().forEach(t -> have.add(t.key() + "=" + t.value()));
                    return wanted.stream().allMatch(t -> have.contains(t.key() + "=" + t.value()));
                })
                .map(type::cast)
                .findFirst();
    }

    private static List<Tag> tags(String... kv) {
        Tag[] t = new Tag[kv.length / 2];
        for (int i = 0; i < t.length; i++) {
            t[i] = Tag.create(kv[2 * i], kv[2 * i + 1]);
        }
        return List.of(t);
    }

    @Test
    void runEventsBecomeRunAgentToolTokenAndCostMetrics() {
        MeterRegistry registry = Metrics.globalRegistry();
        // The global registry is the one Helidon serves; start from zero for RevBot's meters.
        registry.meters(m -> m.id().name().startsWith("revbot.")).forEach(registry::remove);
        UsageMetrics metrics = new UsageMetrics(registry, PriceTable.builtIn());
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        ScriptedRuns.parallelDelegation("m1", t0).events().forEach(metrics::on);
        ScriptedRuns.toolError("m2", t0).events().forEach(metrics::on);
        ScriptedRuns.timeout("m3", t0).events().forEach(metrics::on);
        ScriptedRuns.deadline("m4", t0).events().forEach(metrics::on);
        ScriptedRuns.routedToSpecialist("m5", t0).events().forEach(metrics::on);
        ScriptedRuns.templateAnswer("m6", t0).events().forEach(metrics::on);
        metrics.on(new RunEvent.RunFailed(
                RunId.random(),
                t0,
                FailureKind.CANCELLED,
                "stopped by its asker",
                Duration.ofMillis(300),
                TokenUsage.ZERO));

        assertThat(count(registry, "revbot.runs", "status", "succeeded")).isEqualTo(5);
        assertThat(count(registry, "revbot.runs", "status", "failed")).isEqualTo(1);
        assertThat(count(registry, "revbot.runs", "status", "cancelled")).isEqualTo(1);
        assertThat(count(registry, "revbot.answers", "routing", "delegated", "routed_to", "deal_analysis+data"))
                .isEqualTo(1);
        assertThat(count(registry, "revbot.answers", "routing", "routed", "routed_to", "deal_analysis"))
                .isEqualTo(1);
        assertThat(count(registry, "revbot.routing", "tier", "embedding", "decision", "specialist"))
                .isEqualTo(1);
        assertThat(count(registry, "revbot.routing", "tier", "rules", "decision", "direct"))
                .isEqualTo(1);
        assertThat(count(registry, "revbot.agent.invocations", "agent", "web_search", "outcome", "timed_out"))
                .isEqualTo(1);
        assertThat(count(registry, "revbot.tool.executions", "tool", "run_sql", "status", "error"))
                .isEqualTo(1);
        assertThat(count(registry, "revbot.tool.executions", "tool", "run_sql", "status", "ok"))
                .isEqualTo(3);
        Timer sql = find(registry, Timer.class, "revbot.tool.duration", "tool", "run_sql")
                .orElseThrow();
        assertThat(sql.count()).isEqualTo(4);
        assertThat(sql.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(36.0);
        // data's model calls in the parallel run: 800+950 input tokens; in the tool-error run: 700+800+850.
        String model = ScriptedRuns.MODEL;
        assertThat(count(registry, "revbot.model.tokens", "agent", "data", "model", model, "kind", "input"))
                .isEqualTo(800 + 950 + 700 + 800 + 850);
        double cost = find(
                        registry, DistributionSummary.class, "revbot.model.cost.usd", "agent", "data", "model", model)
                .orElseThrow()
                .totalAmount();
        // Sonnet list prices ($/M): 3 input, 15 output, 0.30 cache read; each scripted call reads 100 cached tokens.
        double expected = ((800 + 950 + 700 + 800 + 850) * 3.0 + (25 + 40 + 30 + 30 + 25) * 15.0 + 5 * 100 * 0.3) / 1e6;
        assertThat(cost).isCloseTo(expected, within(1e-9));
        assertThat(registry.meters().stream().map(m -> m.id().name()))
                .contains("revbot.run.duration", "revbot.agent.duration");
        // 48,000 and 1,250,000; 37 and 50,000 (the question's 50k); 82; the routed run's 38 %: each traced to a tool
        // or the question.
        assertThat(count(registry, "revbot.answer.figures", "traced", "true")).isEqualTo(6);
        assertThat(count(registry, "revbot.answer.figures", "traced", "false")).isZero();
    }

    @Test
    void untracedFiguresOfACheckedAnswerAreCountedApart() {
        MeterRegistry registry = Metrics.globalRegistry();
        registry.meters(m -> m.id().name().startsWith("revbot.answer")).forEach(registry::remove);
        UsageMetrics metrics = new UsageMetrics(registry, PriceTable.builtIn());
        String answer = "There are 37 deals. Pipeline coverage is 4.7x and the team will book $987,654 by Friday.";
        new ScriptedRuns("g1", Instant.parse("2026-11-20T10:00:00Z"))
                .started("How many deals?", Channel.CLI)
                .agentStarted(AgentName.MANAGER, "m1", null, "How many deals?")
                .toolStarted(AgentName.MANAGER, "m1", "t1", "run_sql", "{}")
                .toolFinished(
                        AgentName.MANAGER,
                        "m1",
                        "t1",
                        "run_sql",
                        RunEvent.ToolStatus.OK,
                        "count\n37",
                        null,
                        java.util.Map.of())
                .agentFinished(AgentName.MANAGER, "m1", RunEvent.AgentOutcome.COMPLETED, answer, null)
                .answer(answer, Routing.DIRECT, AgentName.MANAGER)
                .uncheckedAnswer(answer, Routing.DIRECT, AgentName.MANAGER)
                .events()
                .forEach(metrics::on);

        assertThat(count(registry, "revbot.answer.figures", "traced", "true")).isEqualTo(1);
        assertThat(count(registry, "revbot.answer.figures", "traced", "false")).isEqualTo(2);
    }

    @Test
    void theExportAndBothMetricFamiliesAgreeOnEveryTokenKindAndTheCost() throws Exception {
        MeterRegistry registry = Metrics.globalRegistry();
        registry.meters(m -> m.id().name().startsWith("revbot.")).forEach(registry::remove);
        PriceTable prices = PriceTable.builtIn();
        UsageMetrics usage = new UsageMetrics(registry, prices);
        ServerMetrics server = new ServerMetrics(registry, null);
        AgentName manager = AgentName.MANAGER;
        ScriptedRuns run = new ScriptedRuns("kinds", Instant.parse("2026-11-20T10:00:00Z"))
                .started("And the Vertex deal?", Channel.SLACK)
                .agentStarted(manager, "m1", null, "And the Vertex deal?")
                .model(manager, "m1", new TokenUsage(85, 30, 2_122, 828), CachePlan.NONE)
                .agentStarted(AgentName.DEAL_ANALYSIS, "d1", manager, "Review Vertex")
                .model(AgentName.DEAL_ANALYSIS, "d1", new TokenUsage(843, 10, 0, 0), CachePlan.NONE)
                .agentFinished(AgentName.DEAL_ANALYSIS, "d1", RunEvent.AgentOutcome.COMPLETED, "38%", null)
                .model(manager, "m1", new TokenUsage(139, 821, 2_950, 0), CachePlan.NONE)
                .routed(Routing.DELEGATED, "a deal review", AgentName.DEAL_ANALYSIS)
                .agentFinished(manager, "m1", RunEvent.AgentOutcome.COMPLETED, "At risk.", null)
                .answer("At risk.", Routing.DELEGATED, manager)
                .succeeded("At risk.", Routing.DELEGATED, List.of(AgentName.DEAL_ANALYSIS), 0);
        run.events().forEach(e -> {
            usage.on(e);
            server.on(e);
        });
        JsonNode export;
        try (RunRecorder recorder = new RunRecorder(prices, Redactor.patternsOnly(), List.of(), Clock.systemUTC())) {
            export = ConversationJson.MAPPER.readTree(
                    recorder.prepare(run.runId(), run.events()).conversationJson());
        }
        UsageReport report = UsageReport.of(List.of(export));

        JsonNode exported = export.at("/conversation/conversation_summary/tokens");
        long reportedRows = 0;
        for (TokenUsage.Kind kind : TokenUsage.Kind.values()) {
            long inExport = exported.path(kind.label()).asLong();
            assertThat(inExport).as(kind.label()).isPositive();
            double byModel = 0;
            double byAgent = 0;
            for (String agent : List.of("manager", "deal_analysis")) {
                byModel += count(registry, "revbot.model.tokens", "agent", agent, "kind", kind.label());
                byAgent += count(registry, "revbot.tokens", "agent", agent, "type", kind.label());
            }
            assertThat(byModel).as("revbot_model_tokens_total, " + kind.label()).isEqualTo(inExport);
            assertThat(byAgent).as("revbot_tokens_total, " + kind.label()).isEqualTo(inExport);
            long inReport = report.agents().stream()
                    .mapToLong(r -> switch (kind) {
                        case INPUT -> r.inputTokens();
                        case OUTPUT -> r.outputTokens();
                        case CACHE_READ -> r.cacheReadTokens();
                        case CACHE_WRITE -> r.cacheWriteTokens();
                    })
                    .sum();
            assertThat(inReport).as("revbot usage, " + kind.label()).isEqualTo(inExport);
            reportedRows += inReport;
        }
        assertThat(export.at("/conversation/conversation_summary/tokens").size())
                .isEqualTo(4);
        assertThat(reportedRows).isEqualTo(85 + 30 + 2_122 + 828 + 843 + 10 + 139 + 821 + 2_950);
        double metricCost = 0;
        for (String agent : List.of("manager", "deal_analysis")) {
            metricCost += find(registry, DistributionSummary.class, "revbot.model.cost.usd", "agent", agent)
                    .orElseThrow()
                    .totalAmount();
        }
        double exportedCost = export.at("/conversation/conversation_summary/estimated_cost_usd")
                .asDouble();
        // Sonnet list prices ($/M): 3 input, 15 output, 0.30 cache read, 3.75 cache write.
        double expected = ((85 + 843 + 139) * 3.0 + (30 + 10 + 821) * 15.0 + (2_122 + 2_950) * 0.3 + 828 * 3.75) / 1e6;
        assertThat(exportedCost).isCloseTo(expected, within(1e-6));
        assertThat(metricCost).isCloseTo(expected, within(1e-9));
    }

    @Test
    void theMetricsAreServedInPrometheusFormatAtTheObserveEndpoint() throws Exception {
        UsageMetrics metrics = new UsageMetrics(Metrics.globalRegistry(), PriceTable.builtIn());
        ScriptedRuns.timeout("p1", Instant.parse("2026-11-20T10:00:00Z"))
                .events()
                .forEach(metrics::on);
        ScriptedRuns.routedToSpecialist("p2", Instant.parse("2026-11-20T10:00:00Z"))
                .events()
                .forEach(metrics::on);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .addFeature(ObserveFeature.builder()
                        .addObserver(MetricsObserver.builder().build())
                        .build())
                .build()
                .start();
        try {
            HttpResponse<String> res = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/observe/metrics"))
                                    .header("Accept", "text/plain")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body())
                    .contains("revbot_runs_total{")
                    .contains("revbot_agent_invocations_total{")
                    .containsPattern("revbot_tool_duration_seconds\\{.*quantile=\"0.95\"")
                    .contains("revbot_model_tokens_total{")
                    .contains("revbot_model_cost_usd_sum{")
                    .containsPattern("revbot_routing_total\\{.*decision=\"specialist\".*tier=\"embedding\"")
                    .contains("revbot_answers_total{")
                    .contains("revbot_answer_figures_total{");
        } finally {
            server.stop();
        }
    }
}
