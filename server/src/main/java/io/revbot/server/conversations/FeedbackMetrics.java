package io.revbot.server.conversations;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.revbot.orchestrator.recording.FeedbackStore;
import io.revbot.orchestrator.recording.RunFeedback;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Feedback stored through another store and counted: {@code revbot_feedback_total{value="positive|negative"}} on
 * {@code /observe/metrics}, one per click (a changed mind counts twice; the store keeps the latest).
 */
public final class FeedbackMetrics implements FeedbackStore {
    private final FeedbackStore store;
    private final MeterRegistry registry;

    public FeedbackMetrics(FeedbackStore store, MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void record(RunFeedback feedback) {
        store.record(feedback);
        registry.getOrCreate(Counter.builder("revbot.feedback")
                        .description("Feedback clicked under answers")
                        .tags(List.of(Tag.create("value", feedback.value().label()))))
                .increment();
    }

    @Override
    public Optional<RunFeedback> find(String runId) {
        return store.find(runId);
    }

    @Override
    public Map<String, RunFeedback> all() {
        return store.all();
    }
}
