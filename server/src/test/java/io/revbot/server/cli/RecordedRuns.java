package io.revbot.server.cli;

import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.recording.DirectoryExporter;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.Redactor;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.orchestrator.recording.ScriptedRuns;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** A set of recorded runs written to an export directory, with their events kept for independent checks. */
public final class RecordedRuns {
    public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    public final List<List<RunEvent>> runs = new ArrayList<>();

    /** The API client that asked run-100, run-105 and run-110; everyone else's runs were asked in Slack. */
    public static final Principal.ApiClient CLIENT = new Principal.ApiClient("crm-app");

    /**
     * Twelve runs over the last six days (the four scenarios and a failure, cycled) with durations that differ run
     * by run, plus one run 40 days old.
     */
    public static RecordedRuns writeTo(Path dir) throws Exception {
        List<BiFunction<String, Instant, ScriptedRuns>> scenarios = List.of(
                ScriptedRuns::parallelDelegation,
                ScriptedRuns::toolError,
                ScriptedRuns::directAnswer,
                ScriptedRuns::timeout,
                ScriptedRuns::deadline);
        RecordedRuns recorded = new RecordedRuns();
        for (int i = 0; i < 12; i++) {
            Instant start = NOW.minus(Duration.ofHours(12L * i + 1));
            ScriptedRuns run = scenarios.get(i % scenarios.size()).apply("run-" + (100 + i), start);
            List<RunEvent> events = withDurations(run.events(), i);
            recorded.runs.add(i % 5 == 0 ? askedBy(CLIENT, events) : events);
        }
        ScriptedRuns old = ScriptedRuns.parallelDelegation("run-old", NOW.minus(Duration.ofDays(40)));
        recorded.runs.add(old.events());
        try (RunRecorder recorder = new RunRecorder(
                PriceTable.builtIn(),
                Redactor.patternsOnly(),
                List.of(new DirectoryExporter(dir)),
                Clock.fixed(NOW, ZoneOffset.UTC))) {
            recorded.runs.forEach(events -> events.forEach(recorder::on));
            if (!recorder.awaitIdle(Duration.ofSeconds(30)) || recorder.stats().exported() != recorded.runs.size()) {
                throw new IllegalStateException("export did not finish: " + recorder.stats());
            }
        }
        return recorded;
    }

    /** The same events with the run asked by {@code principal}. */
    static List<RunEvent> askedBy(Principal principal, List<RunEvent> events) {
        List<RunEvent> out = new ArrayList<>(events);
        RunEvent.RunStarted started = (RunEvent.RunStarted) out.get(0);
        Request r = started.request();
        out.set(
                0,
                new RunEvent.RunStarted(
                        started.runId(),
                        started.at(),
                        new Request(r.runId(), r.session(), r.question(), r.channel(), principal, r.receivedAt()),
                        started.timeContext()));
        return out;
    }

    /** The same events with agent and tool durations that vary with {@code seed} (and by agent and tool). */
    static List<RunEvent> withDurations(List<RunEvent> events, int seed) {
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
                                    Duration.ofMillis(
                                            100 + 37L * seed + a.agent().value().length() * 11L));
                        case RunEvent.ToolFinished t ->
                            new RunEvent.ToolFinished(
                                    t.origin(),
                                    t.toolCallId(),
                                    t.tool(),
                                    t.status(),
                                    t.resultPreview(),
                                    t.error(),
                                    Duration.ofMillis(5 + 13L * seed + t.tool().length()),
                                    t.facts());
                        default -> e;
                    });
        }
        return out;
    }
}
