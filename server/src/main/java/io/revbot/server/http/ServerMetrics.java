package io.revbot.server.http;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.LeasingJobQueue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * RevBot's own meters, served in Prometheus format on {@code /observe/metrics}: queue depth and age (read from the
 * queue at most once a second), job outcomes and durations per kind, and, from the run events, run and agent
 * durations and tokens per agent and kind (input, output, cache_read, cache_write).
 */
public final class ServerMetrics implements JobObserver, RunListener {
    private static final long STATS_TTL_NANOS = Duration.ofSeconds(1).toNanos();

    private final MeterRegistry registry;
    private final LeasingJobQueue queue;
    private volatile LeasingJobQueue.QueueStats stats;
    private volatile long statsAt;

    public ServerMetrics(MeterRegistry registry, LeasingJobQueue queue) {
        this.registry = registry;
        this.queue = queue;
    }

    /** Registers the queue gauges; call once when the server starts. */
    public ServerMetrics registerGauges() {
        gauge("revbot.queue.waiting", "Jobs queued or waiting for a retry", LeasingJobQueue.QueueStats::waiting);
        gauge("revbot.queue.running", "Jobs claimed by a worker", LeasingJobQueue.QueueStats::running);
        gauge("revbot.queue.dead", "Jobs in the dead letter", LeasingJobQueue.QueueStats::dead);
        gauge(
                "revbot.queue.oldest.waiting.seconds",
                "Age of the oldest waiting job",
                s -> s.oldestWaiting().toSeconds());
        return this;
    }

    private void gauge(String name, String description, ToLongFunction<LeasingJobQueue.QueueStats> value) {
        registry.getOrCreate(
                Gauge.builder(name, () -> (double) value.applyAsLong(stats())).description(description));
    }

    private LeasingJobQueue.QueueStats stats() {
        long now = System.nanoTime();
        LeasingJobQueue.QueueStats s = stats;
        if (s == null || now - statsAt > STATS_TTL_NANOS) {
            try {
                s = queue.stats();
            } catch (RuntimeException e) {
                s = s == null ? new LeasingJobQueue.QueueStats(0, 0, 0, Duration.ZERO) : s;
            }
            stats = s;
            statsAt = now;
        }
        return s;
    }

    @Override
    public void attemptEnded(Job job, Outcome outcome, Duration duration) {
        Tag kind = Tag.create("kind", lower(job.kind().name()));
        registry.getOrCreate(Counter.builder("revbot.jobs")
                        .description("Job attempts by kind and outcome")
                        .tags(List.of(kind, Tag.create("outcome", lower(outcome.name())))))
                .increment();
        registry.getOrCreate(Timer.builder("revbot.job.duration").tags(List.of(kind)))
                .record(duration);
    }

    @Override
    public void on(RunEvent event) {
        switch (event) {
            case RunEvent.ModelCalled e -> {
                Tag agent = Tag.create("agent", e.agent().value());
                for (TokenUsage.Kind kind : TokenUsage.Kind.values()) {
                    tokens(agent, kind.label(), e.usage().of(kind));
                }
            }
            case RunEvent.InvocationFinished e ->
                registry.getOrCreate(Timer.builder("revbot.agent.duration")
                                .description("Time each agent invocation took")
                                .tags(List.of(
                                        Tag.create("agent", e.agent().value()),
                                        Tag.create("outcome", lower(e.outcome().name())))))
                        .record(e.duration());
            case RunEvent.RunSucceeded e -> run("succeeded", e.result().duration());
            case RunEvent.RunFailed e -> run(lower(e.kind().name()), e.duration());
            case RunEvent.RunStarted e -> {}
            case RunEvent.Routed e -> {}
            case RunEvent.RouteDecided e -> {}
            case RunEvent.InvocationStarted e -> {}
            case RunEvent.ToolStarted e -> {}
            case RunEvent.ToolFinished e -> {}
            case RunEvent.KnowledgeReferenced e -> {}
            case RunEvent.ActionProposed e -> {}
            case RunEvent.AnswerProduced e -> {}
            case RunEvent.AnswerDelta e -> {}
        }
    }

    private void tokens(Tag agent, String type, long count) {
        if (count > 0) {
            registry.getOrCreate(Counter.builder("revbot.tokens")
                            .description("Model tokens by agent")
                            .tags(List.of(agent, Tag.create("type", type))))
                    .increment(count);
        }
    }

    private void run(String outcome, Duration duration) {
        registry.getOrCreate(Timer.builder("revbot.run.duration")
                        .description("Time from question to answer")
                        .tags(List.of(Tag.create("outcome", outcome))))
                .record(duration == null ? Duration.ZERO : duration);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
