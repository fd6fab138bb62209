package io.revbot.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.DirectoryExporter;
import io.revbot.orchestrator.recording.FileFeedbackStore;
import io.revbot.orchestrator.recording.PreparedExport;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.Redactor;
import io.revbot.orchestrator.recording.RunFeedback;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.orchestrator.recording.ScriptedRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Runs for the usage page, exported to a directory: every recorded scenario (routed by each router tier, delegated,
 * failed by a tool, a timeout and a deadline) over four days in three channels, a Markdown answer with an untraced
 * figure and a rows result, and Slack feedback on some runs. The files they leave are what a test checks the charts
 * against, read on their own, not through the code that draws the charts.
 */
final class UsageRuns {
    /** The last whole hour: the runs are recent, as the usage page shows the last 30 days by default. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);

    static final String MARKDOWN_RUN = "run-md";
    static final String MARKDOWN_ANSWER =
            "## Q4 pipeline\n\n| Stage | Open |\n|---|---|\n| Negotiation | $1,250,000 |\n\n"
                    + "Coverage is **4.7x** and <b>we</b> will book $987,654 by Friday. [Details](javascript:alert(1))";
    static final String ROWS_RESULT = "{\"columns\":[{\"name\":\"stage\",\"type\":\"VARCHAR\"},{\"name\":\"open\","
            + "\"type\":\"DECIMAL\"}],\"rows\":[[\"Negotiation\",1250000],[\"Proposal\",480000]],\"row_count\":2,"
            + "\"truncated\":false}";
    /** The API client that asked every fourth run; operators see all, it sees only those. */
    static final Principal.ApiClient CLIENT = new Principal.ApiClient("crm-app");

    private static final List<BiFunction<String, Instant, ScriptedRuns>> SCENARIOS = List.of(
            ScriptedRuns::parallelDelegation,
            ScriptedRuns::routedToSpecialist,
            ScriptedRuns::templateAnswer,
            ScriptedRuns::toolError,
            ScriptedRuns::handedBack,
            ScriptedRuns::directAnswer,
            ScriptedRuns::timeout,
            ScriptedRuns::deadline);
    private static final List<Channel> CHANNELS = List.of(Channel.SLACK, Channel.WEBHOOK, Channel.CLI);

    private UsageRuns() {}

    /** Writes the runs under {@code dir}; returns the number written. */
    static int writeTo(Path dir) throws Exception {
        List<List<RunEvent>> runs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            // Every 5 h over about three days, so day boundaries differ by time zone.
            Instant start = NOW.minus(Duration.ofHours(5L * i + 1));
            List<RunEvent> events = SCENARIOS
                    .get(i % SCENARIOS.size())
                    .apply("run-" + (200 + i), start)
                    .events();
            runs.add(as(slower(events, i), CHANNELS.get(i % CHANNELS.size()), i % 4 == 0 ? CLIENT : null));
        }
        runs.add(markdownRun());
        try (RunRecorder recorder = new RunRecorder(
                PriceTable.builtIn(),
                Redactor.patternsOnly(),
                List.of(new DirectoryExporter(dir)),
                Clock.systemUTC())) {
            runs.forEach(events -> events.forEach(recorder::on));
            if (!recorder.awaitIdle(Duration.ofSeconds(30)) || recorder.stats().exported() != runs.size()) {
                throw new IllegalStateException("export did not finish: " + recorder.stats());
            }
        }
        FEEDBACK.forEach((runId, value) -> feedback(dir, runId, value));
        return runs.size();
    }

    /** The events with the run asked through {@code channel}, by {@code principal} when given. */
    private static List<RunEvent> as(List<RunEvent> events, Channel channel, Principal principal) {
        List<RunEvent> out = new ArrayList<>(events);
        RunEvent.RunStarted started = (RunEvent.RunStarted) out.get(0);
        Request r = started.request();
        out.set(
                0,
                new RunEvent.RunStarted(
                        started.runId(),
                        started.at(),
                        new Request(
                                r.runId(),
                                r.session(),
                                r.question(),
                                channel,
                                principal == null ? r.principal() : principal,
                                r.receivedAt()),
                        started.timeContext()));
        return out;
    }

    /** The events with agent and tool durations that grow with {@code i}, so p50 and p95 differ. */
    private static List<RunEvent> slower(List<RunEvent> events, int i) {
        List<RunEvent> out = new ArrayList<>();
        for (RunEvent e : events) {
            out.add(
                    switch (e) {
                        case RunEvent.InvocationFinished a ->
                            new RunEvent.InvocationFinished(
                                    a.origin(),
                                    a.outcome(),
                                    a.output(),
                                    a.error(),
                                    Duration.ofMillis(200L + 150L * i * i));
                        case RunEvent.ToolFinished t ->
                            new RunEvent.ToolFinished(
                                    t.origin(),
                                    t.toolCallId(),
                                    t.tool(),
                                    t.status(),
                                    t.resultPreview(),
                                    t.error(),
                                    Duration.ofMillis(20L + 9L * i * i),
                                    t.facts());
                        default -> e;
                    });
        }
        return out;
    }

    private static List<RunEvent> markdownRun() {
        AgentName m = AgentName.MANAGER;
        return new ScriptedRuns(MARKDOWN_RUN, NOW.minus(Duration.ofMinutes(30)))
                .started("What is Q4 pipeline by stage?", Channel.SLACK)
                .agentStarted(m, "m1", null, "What is Q4 pipeline by stage?")
                .model(m, "m1", 1300, 80)
                .toolStarted(m, "m1", "t1", "run_sql", "{\"sql\":\"select stage, open from pipeline\"}")
                .toolFinished(m, "m1", "t1", "run_sql", RunEvent.ToolStatus.OK, ROWS_RESULT, null, Map.of())
                .routed(Routing.DIRECT, "a data question")
                .agentFinished(m, "m1", RunEvent.AgentOutcome.COMPLETED, MARKDOWN_ANSWER, null)
                .answer(MARKDOWN_ANSWER, Routing.DIRECT, m)
                .succeeded(MARKDOWN_ANSWER, Routing.DIRECT, List.of(), 1)
                .events();
    }

    /** The runs rated with Slack's feedback buttons, and how. */
    static final Map<String, String> FEEDBACK = Map.of(
            "run-200",
            "negative",
            "run-201",
            "positive",
            "run-205",
            "negative",
            "run-209",
            "positive",
            "run-210",
            "positive");

    /** A click on Slack's feedback buttons, stored as serve stores it in embedded mode (beside the exports). */
    private static void feedback(Path dir, String runId, String value) {
        new FileFeedbackStore(dir)
                .record(new RunFeedback(runId, RunFeedback.Value.parse(value), "slack:T1:U0LEAD", NOW));
    }

    static Path folder(Path dir, String runId) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(p -> p.getFileName().toString().endsWith("-" + runId))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Every exported {@code conversation.json} with its {@code metadata.json}, read straight from the files. */
    static List<JsonNode[]> read(Path dir) throws IOException {
        List<JsonNode[]> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            for (Path folder : walk.filter(p -> Files.isRegularFile(p.resolve(PreparedExport.METADATA_FILE)))
                    .toList()) {
                out.add(new JsonNode[] {
                    ConversationJson.MAPPER.readTree(
                            folder.resolve(PreparedExport.CONVERSATION_FILE).toFile()),
                    ConversationJson.MAPPER.readTree(
                            folder.resolve(PreparedExport.METADATA_FILE).toFile())
                });
            }
        }
        return out;
    }

    static Instant startedAt(JsonNode conversation) {
        return Instant.parse(
                conversation.at("/conversation/metadata/started_at").asText());
    }
}
