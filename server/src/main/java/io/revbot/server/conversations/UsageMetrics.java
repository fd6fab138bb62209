package io.revbot.server.conversations;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.RunRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The figures of {@code revbot usage} as live Prometheus metrics (served by Helidon at {@code /observe/metrics}),
 * recorded from run events as they happen:
 *
 * <ul>
 *   <li>{@code revbot_runs_total{status}} and {@code revbot_run_duration_seconds{status}};
 *   <li>{@code revbot_routing_total{tier,decision}}: the router's decisions (direct, specialist, supervisor) by the
 *       tier that made them (rules, embedding, model, supervisor);
 *   <li>{@code revbot_answers_total{routing,routed_to}}: how answers were reached (direct, delegated, pass_through,
 *       routed) by the specialists that worked on them;
 *   <li>{@code revbot_agent_invocations_total{agent,outcome}} and {@code revbot_agent_duration_seconds{agent}}
 *       (p50, p95);
 *   <li>{@code revbot_tool_executions_total{tool,status}} and {@code revbot_tool_duration_seconds{tool}} (p50, p95);
 *   <li>{@code revbot_model_tokens_total{agent,model,kind}} with kind input, output, cache_read, cache_write, and
 *       {@code revbot_model_cost_usd_sum{agent,model}} (estimated from the price table, a summary per call);
 *   <li>{@code revbot_answer_figures_total{traced}}: figures of checked answers, traced to data or not;
 *   <li>{@code revbot_conversation_exports{result}}: exports written, failed, dropped (from the recorder).
 * </ul>
 *
 * Error rate per agent is {@code revbot_agent_invocations_total{outcome!="completed"}} over all invocations.
 */
public final class UsageMetrics implements RunListener {
    private static final double[] PERCENTILES = {0.5, 0.95};

    private final MeterRegistry registry;
    private final PriceTable prices;
    /** Meters by name and tag values: registry look-ups build a meter id each time, too slow for every event. */
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();

    public UsageMetrics(MeterRegistry registry, PriceTable prices) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /** Publishes the recorder's export counters as gauges. */
    public UsageMetrics watch(RunRecorder recorder) {
        gauge("exported", recorder, r -> r.stats().exported());
        gauge("failed", recorder, r -> r.stats().failed());
        gauge("dropped", recorder, r -> r.stats().dropped());
        return this;
    }

    private void gauge(String result, RunRecorder recorder, ToDoubleFunction<RunRecorder> value) {
        registry.getOrCreate(Gauge.builder("revbot.conversation.exports", recorder, value)
                .description("Conversation exports by result since start-up")
                .tags(List.of(Tag.create("result", result))));
    }

    @Override
    public void on(RunEvent event) {
        switch (event) {
            case RunEvent.RunSucceeded e -> run("succeeded", e.result().duration());
            case RunEvent.RunFailed e -> run(e.kind() == FailureKind.CANCELLED ? "cancelled" : "failed", e.duration());
            case RunEvent.RouteDecided e ->
                counter(
                                "revbot.routing",
                                "Router decisions by tier",
                                "tier",
                                e.decision().tier().label(),
                                "decision",
                                e.decision().decision())
                        .increment();
            case RunEvent.Routed e ->
                counter(
                                "revbot.answers",
                                "Answers by how they were reached and the specialists that worked on them",
                                "routing",
                                lower(e.routing()),
                                "routed_to",
                                e.agents().isEmpty()
                                        ? "manager"
                                        : String.join(
                                                "+",
                                                e.agents().stream()
                                                        .map(AgentName::value)
                                                        .toList()))
                        .increment();
            case RunEvent.InvocationFinished e -> {
                counter(
                                "revbot.agent.invocations",
                                "Agent invocations by outcome",
                                "agent",
                                e.agent().value(),
                                "outcome",
                                lower(e.outcome()))
                        .increment();
                timer(
                        "revbot.agent.duration",
                        "Agent invocation duration",
                        "agent",
                        e.agent().value(),
                        e.duration());
            }
            case RunEvent.ToolFinished e -> {
                counter(
                                "revbot.tool.executions",
                                "Tool executions by status",
                                "tool",
                                e.tool(),
                                "status",
                                lower(e.status()))
                        .increment();
                timer("revbot.tool.duration", "Tool execution duration", "tool", e.tool(), e.duration());
            }
            case RunEvent.ModelCalled e -> model(e);
            case RunEvent.AnswerProduced e -> figures(e.grounding());
            default -> {}
        }
    }

    private void run(String status, Duration duration) {
        counter("revbot.runs", "Runs by status", "status", status).increment();
        timer("revbot.run.duration", "Run duration", "status", status, duration);
    }

    private void figures(Grounding grounding) {
        if (grounding != null) {
            figures(true, grounding.tracedCount());
            figures(false, grounding.figureCount() - grounding.tracedCount());
        }
    }

    private void figures(boolean traced, int count) {
        if (count > 0) {
            counter(
                            "revbot.answer.figures",
                            "Figures stated in answers, by whether the grounding check traced them to data",
                            "traced",
                            String.valueOf(traced))
                    .increment(count);
        }
    }

    private void model(RunEvent.ModelCalled e) {
        String model = e.modelId() == null ? "unknown" : e.modelId();
        TokenUsage u = e.usage();
        for (TokenUsage.Kind kind : TokenUsage.Kind.values()) {
            tokens(e, model, kind.label(), u.of(kind));
        }
        prices.cost(model, u)
                .ifPresent(cost -> registry.getOrCreate(DistributionSummary.builder("revbot.model.cost.usd")
                                .description("Estimated cost per model call in US dollars (the _sum is the total)")
                                .baseUnit("usd")
                                .tags(List.of(Tag.create("agent", e.agent().value()), Tag.create("model", model))))
                        .record(cost));
    }

    private void tokens(RunEvent.ModelCalled e, String model, String kind, long n) {
        if (n > 0) {
            counter(
                            "revbot.model.tokens",
                            "Model tokens by agent, model and kind",
                            "agent",
                            e.agent().value(),
                            "model",
                            model,
                            "kind",
                            kind)
                    .increment(n);
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return registry.getOrCreate(
                Counter.builder(name).description(description).tags(tags(tags)));
    }

    private void timer(String name, String description, String tagKey, String tagValue, Duration duration) {
        if (duration == null) {
            return;
        }
        Timer timer = (Timer) meters.computeIfAbsent(
                name + "|" + tagKey + "|" + tagValue,
                k -> registry.getOrCreate(Timer.builder(name)
                        .description(description)
                        .percentiles(PERCENTILES)
                        .tags(List.of(Tag.create(tagKey, tagValue)))));
        timer.record(duration);
    }

    private static List<Tag> tags(String... keyValues) {
        Tag[] tags = new Tag[keyValues.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = Tag.create(keyValues[2 * i], keyValues[2 * i + 1]);
        }
        return List.of(tags);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
