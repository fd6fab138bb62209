package io.revbot.bench.recording;

import io.helidon.metrics.api.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunEvent.AgentOutcome;
import io.revbot.orchestrator.RunEvent.ToolStatus;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.recording.DirectoryExporter;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.Redactor;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.orchestrator.recording.RunTracer;
import io.revbot.server.conversations.UsageMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Recording overhead per run, as a ratio to the same run without a recorder. The run is the shape of a parallel
 * delegation (manager, two specialists on virtual threads, two model calls and one tool each, 19 events) with a
 * scripted model that takes {@code --model-ms} per call (default 2 ms, far faster than any real model) and tools
 * that take 0.5 ms. "With" listens with the monitoring listeners (recorder exporting to a temporary directory,
 * Prometheus usage metrics, a no-op tracer, as in production without OTLP); "without" with {@link RunListener#NONE}.
 * Also prints the listeners' own cost on the run's threads per run (events delivered with no model latency at all)
 * and the export's cost per run on the recorder's thread.
 *
 * <p>Run: {@code mvn -q -pl bench -am compile exec:java -Dexec.mainClass=io.revbot.bench.recording.RecordingOverhead}
 * (options {@code --runs N}, {@code --model-ms MS}).
 */
public final class RecordingOverhead {
    private static final AgentName M = AgentName.MANAGER;

    public static void main(String[] args) throws Exception {
        int runs = intArg(args, "--runs", 400);
        double modelMs = Double.parseDouble(arg(args, "--model-ms", "2"));
        Path dir = Files.createTempDirectory("revbot-bench-exports");
        try (RunRecorder recorder = new RunRecorder(
                PriceTable.builtIn(),
                Redactor.patternsOnly(),
                List.of(new DirectoryExporter(dir)),
                Clock.systemUTC())) {
            RunListener monitoring = RunListener.all(List.of(
                    recorder,
                    new UsageMetrics(Metrics.globalRegistry(), PriceTable.builtIn()),
                    new RunTracer(OpenTelemetry.noop())));
            long modelNanos = (long) (modelMs * 1_000_000);

            // Warm up both paths (JIT), then alternate to share any drift fairly.
            for (int i = 0; i < 200; i++) {
                run("warm-a" + i, RunListener.NONE, modelNanos);
                run("warm-b" + i, monitoring, modelNanos);
            }
            recorder.awaitIdle(Duration.ofMinutes(2));
            List<Long> without = new ArrayList<>();
            List<Long> with = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                without.add(run("a" + i, RunListener.NONE, modelNanos));
                with.add(run("b" + i, monitoring, modelNanos));
            }
            recorder.awaitIdle(Duration.ofMinutes(2));

            // The listeners' own cost on the run's threads: the same events, no model or tool latency.
            List<Long> bare = new ArrayList<>();
            List<Long> listened = new ArrayList<>();
            for (int i = 0; i < runs * 5; i++) {
                bare.add(run("c" + i, RunListener.NONE, 0));
                listened.add(run("d" + i, monitoring, 0));
            }
            recorder.awaitIdle(Duration.ofMinutes(5));
            // Export cost off the answer's path: prepare (assemble, redact, validate, score) and write, per run.
            List<RunEvent> sample = events("export-sample", 0, RunListener.NONE);
            long t0 = System.nanoTime();
            int exportRuns = 200;
            DirectoryExporter exporter = new DirectoryExporter(dir.resolve("sample"));
            for (int i = 0; i < exportRuns; i++) {
                exporter.write(recorder.prepare(new RunId("export-sample"), sample));
            }
            double exportMicros = (System.nanoTime() - t0) / 1e3 / exportRuns;

            double medianWithout = median(without);
            double medianWith = median(with);
            System.out.printf(
                    Locale.ROOT,
                    "recording overhead, %d runs of a two-specialist delegation (19 events),"
                            + " scripted model %.1f ms/call, tools 0.5 ms%n",
                    runs,
                    modelMs);
            System.out.printf(Locale.ROOT, "  median run without recorder: %8.3f ms%n", medianWithout / 1e6);
            System.out.printf(Locale.ROOT, "  median run with recorder:    %8.3f ms%n", medianWith / 1e6);
            System.out.printf(
                    Locale.ROOT,
                    "  ratio with/without:          %8.4f  (target <= 1.05)%n",
                    medianWith / medianWithout);
            System.out.printf(
                    Locale.ROOT,
                    "  listeners on the run's threads: %.1f us per run (%.0f ns per event)%n",
                    (median(listened) - median(bare)) / 1e3,
                    (median(listened) - median(bare)) / 19);
            System.out.printf(
                    Locale.ROOT,
                    "  export off the answer's path:   %.0f us per run (prepare + write)," + " %d exports written%n",
                    exportMicros,
                    recorder.stats().exported());
            if (recorder.stats().failed() + recorder.stats().dropped() > 0) {
                System.out.println("  WARNING: " + recorder.stats());
            }
        }
    }

    /** One run; returns its wall time in nanoseconds. */
    static long run(String id, RunListener listener, long modelNanos) throws Exception {
        long start = System.nanoTime();
        events(id, modelNanos, listener);
        return System.nanoTime() - start;
    }

    /**
     * Plays the run: each event goes to {@code listener} when it happens, from the thread that produced it; the
     * specialists run concurrently on virtual threads. Returns the events (for the export sample).
     */
    static List<RunEvent> events(String id, long modelNanos, RunListener listener) throws Exception {
        RunId runId = new RunId(id);
        List<RunEvent> all = java.util.Collections.synchronizedList(new ArrayList<>());
        RunListener out = e -> {
            all.add(e);
            listener.on(e);
        };
        Instant t0 = Instant.now();
        Request request = new Request(
                runId,
                new SessionId("bench"),
                "How is the Acme renewal and Q4 pipeline?",
                Channel.WEBHOOK,
                new Principal.ApiClient("bench"),
                t0);
        out.on(new RunEvent.RunStarted(runId, Instant.now(), request, "Q4"));
        out.on(new RunEvent.InvocationStarted(origin(runId, M, "m"), null, request.question()));
        model(out, runId, M, "m", modelNanos);
        out.on(new RunEvent.Routed(
                runId,
                Instant.now(),
                Routing.DELEGATED,
                List.of(AgentName.DEAL_ANALYSIS, AgentName.DATA),
                "two questions"));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> branches = new ArrayList<>();
            for (AgentName agent : List.of(AgentName.DEAL_ANALYSIS, AgentName.DATA)) {
                branches.add(threads.submit(() -> {
                    String inv = agent.value();
                    out.on(new RunEvent.InvocationStarted(origin(runId, agent, inv), M, "look into it"));
                    model(out, runId, agent, inv, modelNanos);
                    out.on(new RunEvent.ToolStarted(
                            origin(runId, agent, inv),
                            inv + "-t",
                            "run_sql",
                            "{\"sql\":\"select sum(amount) from opportunities\"}"));
                    pause(modelNanos == 0 ? 0 : 500_000);
                    out.on(new RunEvent.ToolFinished(
                            origin(runId, agent, inv),
                            inv + "-t",
                            "run_sql",
                            ToolStatus.OK,
                            "sum\n1250000",
                            null,
                            Duration.ofMillis(1),
                            Map.of("rows", 1, "sql", "select sum(amount) from opportunities")));
                    model(out, runId, agent, inv, modelNanos);
                    out.on(new RunEvent.InvocationFinished(
                            origin(runId, agent, inv),
                            AgentOutcome.COMPLETED,
                            "Pipeline is 1,250,000.",
                            null,
                            Duration.ofMillis(3)));
                    return null;
                }));
            }
            for (Future<?> f : branches) {
                f.get();
            }
        }
        model(out, runId, M, "m", modelNanos);
        String answer = "Q4 pipeline is 1,250,000.";
        out.on(new RunEvent.InvocationFinished(
                origin(runId, M, "m"), AgentOutcome.COMPLETED, answer, null, Duration.ofMillis(5)));
        out.on(new RunEvent.AnswerProduced(runId, Instant.now(), answer, Routing.DELEGATED, M));
        out.on(new RunEvent.RunSucceeded(
                runId,
                Instant.now(),
                new RunResult(
                        runId,
                        request.session(),
                        answer,
                        Routing.DELEGATED,
                        List.of(AgentName.DEAL_ANALYSIS, AgentName.DATA),
                        2,
                        TokenUsage.ZERO,
                        Duration.between(t0, Instant.now()))));
        return List.copyOf(all);
    }

    private static RunEvent.Origin origin(RunId runId, AgentName agent, String invocation) {
        return new RunEvent.Origin(runId, Instant.now(), agent, new InvocationId(invocation));
    }

    private static void model(RunListener out, RunId runId, AgentName agent, String inv, long nanos) {
        pause(nanos);
        out.on(new RunEvent.ModelCalled(
                origin(runId, agent, inv),
                "anthropic.claude-sonnet-4-20250514-v1:0",
                new TokenUsage(1200, 80, 1000, 0),
                Duration.ofNanos(nanos),
                "end_turn"));
    }

    private static void pause(long nanos) {
        if (nanos > 0) {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(Math.min(100_000, end - System.nanoTime()));
            }
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(arg(args, name, String.valueOf(fallback)));
    }
}
