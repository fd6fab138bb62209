package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.recording.ConversationJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringCommandsTest {
    @TempDir
    static Path exports;

    static RecordedRuns recorded;

    @BeforeAll
    static void record() throws Exception {
        recorded = RecordedRuns.writeTo(exports);
    }

    record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(
                        Map.of("REVBOT_EXPORT_DIR", exports.toString(), "REVBOT_CONFIG", "/dev/null"),
                        Clock.fixed(RecordedRuns.NOW, ZoneOffset.UTC),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Accumulates one agent's or tool's figures straight from the run events, not from the exports. */
    private static final class Expected {
        int runs;
        int errors;
        final List<Long> durations = new ArrayList<>();
        long input;
        long output;
        double cost;

        long nearestRank(double p) {
            List<Long> sorted = new ArrayList<>(durations);
            sorted.sort(null);
            int rank = (int) Math.ceil(p * sorted.size() / 100.0);
            return sorted.get(rank - 1);
        }
    }

    @Test
    void usagePrintsPerAgentAndPerToolFiguresThatMatchTheRecordedEvents() throws Exception {
        Result result = run("usage", "--days", "7", "--json");
        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode report = ConversationJson.MAPPER.readTree(result.out());

        Map<String, Expected> agents = new TreeMap<>();
        Map<String, Expected> tools = new TreeMap<>();
        int failed = 0;
        List<List<RunEvent>> lastWeek = recorded.runs.subList(0, 12);
        for (List<RunEvent> events : lastWeek) {
            for (RunEvent e : events) {
                switch (e) {
                    case RunEvent.InvocationFinished a -> {
                        Expected x = agents.computeIfAbsent(a.agent().value(), k -> new Expected());
                        x.runs++;
                        x.errors += a.outcome() == RunEvent.AgentOutcome.COMPLETED ? 0 : 1;
                        x.durations.add(a.duration().toMillis());
                    }
                    case RunEvent.ModelCalled m -> {
                        Expected x = agents.computeIfAbsent(m.agent().value(), k -> new Expected());
                        x.input += m.usage().input();
                        x.output += m.usage().output();
                        // Claude Sonnet 4 list prices, $ per million: 3 in, 15 out, 0.30 cache read, 3.75 cache write.
                        x.cost += (m.usage().input() * 3
                                        + m.usage().output() * 15
                                        + m.usage().cacheRead() * 0.3
                                        + m.usage().cacheWrite() * 3.75)
                                / 1e6;
                    }
                    case RunEvent.ToolFinished t -> {
                        Expected x = tools.computeIfAbsent(t.tool(), k -> new Expected());
                        x.runs++;
                        x.errors += t.status() == RunEvent.ToolStatus.OK ? 0 : 1;
                        x.durations.add(t.duration().toMillis());
                    }
                    case RunEvent.RunFailed f -> failed++;
                    default -> {}
                }
            }
        }

        assertThat(report.get("runs").asInt()).isEqualTo(12);
        assertThat(report.get("failedRuns").asInt()).isEqualTo(failed).isEqualTo(2);
        assertThat(report.get("agents")).hasSize(agents.size());
        for (JsonNode row : report.get("agents")) {
            Expected x = agents.get(row.get("name").asText());
            assertThat(row.get("runs").asInt()).as(row.toString()).isEqualTo(x.runs);
            assertThat(row.get("errors").asInt()).as(row.toString()).isEqualTo(x.errors);
            assertThat(row.get("p50Ms").asLong()).as(row.toString()).isEqualTo(x.nearestRank(50));
            assertThat(row.get("p95Ms").asLong()).as(row.toString()).isEqualTo(x.nearestRank(95));
            assertThat(row.get("inputTokens").asLong()).isEqualTo(x.input);
            assertThat(row.get("outputTokens").asLong()).isEqualTo(x.output);
            assertThat(row.get("costUsd").asDouble()).isCloseTo(x.cost, within(1e-5));
        }
        assertThat(report.get("tools")).hasSize(tools.size());
        for (JsonNode row : report.get("tools")) {
            Expected x = tools.get(row.get("name").asText());
            assertThat(row.get("runs").asInt()).as(row.toString()).isEqualTo(x.runs);
            assertThat(row.get("errorRate").asDouble()).isCloseTo(x.errors / (double) x.runs, within(1e-4));
            assertThat(row.get("p50Ms").asLong()).as(row.toString()).isEqualTo(x.nearestRank(50));
            assertThat(row.get("p95Ms").asLong()).as(row.toString()).isEqualTo(x.nearestRank(95));
        }
        Map<String, Integer> types = new HashMap<>();
        report.get("questionTypes")
                .forEach(
                        q -> types.put(q.get("routedTo").asText(), q.get("runs").asInt()));
        // Scenarios cycle parallel, toolError, direct, timeout, deadline over 12 runs.
        assertThat(types)
                .containsEntry("deal_analysis+data", 3)
                .containsEntry("data", 5)
                .containsEntry("direct", 2)
                .containsEntry("lead_analysis+web_search", 2);

        Result text = run("usage", "--days", "7");
        Expected data = agents.get("data");
        assertThat(text.out())
                .contains("12 runs (2 failed)")
                .containsPattern("data\\s+" + data.runs + "\\s+")
                .contains(Format.millis(data.nearestRank(50)))
                .contains("QUESTION TYPES");
    }

    @Test
    void usageWithALongerWindowIncludesOlderRuns() throws Exception {
        JsonNode report = ConversationJson.MAPPER.readTree(
                run("usage", "--days", "60", "--json").out());
        assertThat(report.get("runs").asInt()).isEqualTo(13);
    }

    @Test
    void listShowsRunsNewestFirstAndFilters() throws Exception {
        JsonNode all = ConversationJson.MAPPER.readTree(
                run("conversations", "list", "--since", "7d", "--json").out());
        assertThat(all).hasSize(12);
        assertThat(all.get(0).get("runId").asText()).isEqualTo("run-100");
        JsonNode web = ConversationJson.MAPPER.readTree(
                run("conversations", "list", "--agent", "web_search", "--json").out());
        assertThat(web).extracting(n -> n.get("runId").asText()).containsExactlyInAnyOrder("run-103", "run-108");
        JsonNode failed = ConversationJson.MAPPER.readTree(
                run("conversations", "list", "--status", "failed", "--json").out());
        assertThat(failed).hasSize(2);

        Result table = run("conversations", "list", "--since", "2026-11-20");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("STARTED (UTC)", "run-100", "webhook", "How is the Acme renewal");
    }

    @Test
    void showPrintsTheTimelineWithEachAgentAndTool() {
        Result result = run("conversations", "show", "run-103");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Question: Assess Jane Doe at Initech")
                .contains("Routing:  delegated to lead_analysis, web_search")
                .contains("manager → lead_analysis")
                .contains("lead_analysis ⚙ lead_assessment")
                .contains("web_search     timed_out")
                .contains("⚙ web_search")
                .contains("Answer (manager, delegated)");
    }

    @Test
    void showOfAnUnknownOrAmbiguousIdFailsWithOneLine() {
        Result unknown = run("conversations", "show", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip())
                .startsWith("revbot: no recorded conversation with id 'nope'")
                .doesNotContain("\n");
        Result ambiguous = run("conversations", "show", "run-1");
        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("matches 12 runs");
        assertThat(run("usage", "--days", "0").exit()).isEqualTo(2);
        assertThat(run("conversations", "list", "--since", "last tuesday").exit())
                .isEqualTo(2);
    }

    @Test
    void durationsFormatReadably() {
        assertThat(Format.millis(950L)).isEqualTo("950 ms");
        assertThat(Format.millis(Duration.ofSeconds(2).toMillis())).isEqualTo("2.0 s");
    }
}
