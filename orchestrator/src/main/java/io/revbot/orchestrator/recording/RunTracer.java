package io.revbot.orchestrator.recording;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.RunListener;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Emits each run as an OpenTelemetry trace, from its events, with the GenAI semantic conventions' attribute
 * names: a root span {@code revbot.run}, a {@code router} span (run start to the router's decision when there is a
 * router, else to the manager's routing; it carries {@code revbot.router.tier} and the decision), one
 * {@code invoke_agent <agent>} span per agent invocation (a specialist's is a child of the invocation that
 * delegated to it), one {@code execute_tool <tool>} span per tool execution and one {@code chat <model>} span per
 * model call, each under its invocation. Span times are the events' times. Exported over OTLP when the composition
 * root gives it a configured SDK ({@code OTEL_EXPORTER_OTLP_ENDPOINT}); with {@link OpenTelemetry#noop()} it costs
 * next to nothing.
 */
public final class RunTracer implements RunListener {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> CACHE_READ_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_read_input_tokens");
    static final AttributeKey<Long> CACHE_WRITE_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_creation_input_tokens");
    static final AttributeKey<String> FINISH_REASONS = AttributeKey.stringKey("gen_ai.response.finish_reasons");
    static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("gen_ai.agent.id");
    static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("revbot.run.id");
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("revbot.channel");
    static final AttributeKey<String> ROUTING = AttributeKey.stringKey("revbot.routing");
    static final AttributeKey<String> ROUTED_TO = AttributeKey.stringKey("revbot.routed_to");
    static final AttributeKey<String> ROUTER_DECISION = AttributeKey.stringKey("revbot.router.decision");
    static final AttributeKey<String> ROUTER_TIER = AttributeKey.stringKey("revbot.router.tier");
    static final AttributeKey<String> TOOL_STATUS = AttributeKey.stringKey("revbot.tool.status");
    static final AttributeKey<String> AGENT_OUTCOME = AttributeKey.stringKey("revbot.agent.outcome");
    static final AttributeKey<String> FAILURE = AttributeKey.stringKey("revbot.failure");

    private final Tracer tracer;
    private final Map<RunId, Trace> runs = new ConcurrentHashMap<>();

    public RunTracer(OpenTelemetry openTelemetry) {
        this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer("io.revbot.orchestrator");
    }

    /** The open spans of one run. */
    private static final class Trace {
        final Span root;
        Span router;
        final Map<InvocationId, Span> invocations = new ConcurrentHashMap<>();
        final Map<InvocationId, AgentName> invocationAgents = new ConcurrentHashMap<>();
        final Map<String, Span> tools = new ConcurrentHashMap<>();

        Trace(Span root) {
            this.root = root;
        }
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            Span root = tracer.spanBuilder("revbot.run")
                    .setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(micros(e.at()), TimeUnit.MICROSECONDS)
                    .setAttribute(RUN_ID, e.runId().value())
                    .setAttribute(CONVERSATION_ID, e.request().session().value())
                    .setAttribute(CHANNEL, lower(e.request().channel()))
                    .startSpan();
            Trace trace = new Trace(root);
            trace.router = child(root, "router", e.at())
                    .setAttribute(OPERATION, "route")
                    .startSpan();
            runs.put(e.runId(), trace);
            return;
        }
        Trace trace = runs.get(event.runId());
        if (trace == null) {
            return;
        }
        switch (event) {
            case RunEvent.RouteDecided e -> {
                trace.root
                        .setAttribute(ROUTER_DECISION, e.decision().decision())
                        .setAttribute(ROUTER_TIER, e.decision().tier().label());
                if (trace.router != null) {
                    trace.router
                            .setAttribute(ROUTER_DECISION, e.decision().decision())
                            .setAttribute(ROUTER_TIER, e.decision().tier().label());
                    end(trace.router, e.at());
                    trace.router = null;
                }
            }
            case RunEvent.Routed e -> {
                String to = String.join(
                        ",", e.agents().stream().map(AgentName::value).toList());
                trace.root.setAttribute(ROUTING, lower(e.routing())).setAttribute(ROUTED_TO, to);
                if (trace.router != null) {
                    trace.router.setAttribute(ROUTING, lower(e.routing())).setAttribute(ROUTED_TO, to);
                    end(trace.router, e.at());
                    trace.router = null;
                }
            }
            case RunEvent.InvocationStarted e -> {
                Span parent = trace.root;
                if (e.requestedBy() != null) {
                    parent = trace.invocationAgents.entrySet().stream()
                            .filter(x -> x.getValue().equals(e.requestedBy()))
                            .map(x -> trace.invocations.get(x.getKey()))
                            .filter(Objects::nonNull)
                            .findFirst()
                            .orElse(trace.root);
                }
                Span span = child(parent, "invoke_agent " + e.agent().value(), e.at())
                        .setSpanKind(SpanKind.INTERNAL)
                        .setAttribute(OPERATION, "invoke_agent")
                        .setAttribute(AGENT_NAME, e.agent().value())
                        .setAttribute(AGENT_ID, e.invocation().value())
                        .startSpan();
                trace.invocations.put(e.invocation(), span);
                trace.invocationAgents.put(e.invocation(), e.agent());
            }
            case RunEvent.ModelCalled e -> {
                Span parent = trace.invocations.getOrDefault(e.invocation(), trace.root);
                Instant start = e.duration() == null ? e.at() : e.at().minus(e.duration());
                Span span = child(parent, "chat " + e.modelId(), start)
                        .setSpanKind(SpanKind.CLIENT)
                        .setAttribute(OPERATION, "chat")
                        .setAttribute(REQUEST_MODEL, e.modelId())
                        .setAttribute(AGENT_NAME, e.agent().value())
                        .setAttribute(INPUT_TOKENS, e.usage().input())
                        .setAttribute(OUTPUT_TOKENS, e.usage().output())
                        .setAttribute(CACHE_READ_TOKENS, e.usage().cacheRead())
                        .setAttribute(CACHE_WRITE_TOKENS, e.usage().cacheWrite())
                        .startSpan();
                if (e.stopReason() != null) {
                    span.setAttribute(FINISH_REASONS, e.stopReason());
                }
                end(span, e.at());
            }
            case RunEvent.ToolStarted e -> {
                Span parent = trace.invocations.getOrDefault(e.invocation(), trace.root);
                trace.tools.put(
                        e.toolCallId(),
                        child(parent, "execute_tool " + e.tool(), e.at())
                                .setAttribute(OPERATION, "execute_tool")
                                .setAttribute(TOOL_NAME, e.tool())
                                .setAttribute(TOOL_CALL_ID, e.toolCallId())
                                .setAttribute(AGENT_NAME, e.agent().value())
                                .startSpan());
            }
            case RunEvent.ToolFinished e -> {
                Span span = trace.tools.remove(e.toolCallId());
                if (span != null) {
                    span.setAttribute(TOOL_STATUS, lower(e.status()));
                    if (e.status() != RunEvent.ToolStatus.OK) {
                        span.setStatus(StatusCode.ERROR, lower(e.status()));
                    }
                    end(span, e.at());
                }
            }
            case RunEvent.InvocationFinished e -> {
                Span span = trace.invocations.remove(e.invocation());
                if (span != null) {
                    span.setAttribute(AGENT_OUTCOME, lower(e.outcome()));
                    if (e.outcome() != RunEvent.AgentOutcome.COMPLETED) {
                        span.setStatus(StatusCode.ERROR, lower(e.outcome()));
                    }
                    end(span, e.at());
                }
            }
            case RunEvent.RunSucceeded e -> finish(event.runId(), trace, e.at(), null);
            case RunEvent.RunFailed e -> finish(event.runId(), trace, e.at(), lower(e.kind()));
            default -> {}
        }
    }

    private void finish(RunId runId, Trace trace, Instant at, String failure) {
        runs.remove(runId);
        // Close whatever the stream left open, so no span leaks.
        if (trace.router != null) {
            end(trace.router, at);
        }
        trace.tools.values().forEach(s -> end(s, at));
        trace.invocations.values().forEach(s -> end(s, at));
        if (failure != null) {
            trace.root.setAttribute(FAILURE, failure).setStatus(StatusCode.ERROR, failure);
        }
        end(trace.root, at);
    }

    private io.opentelemetry.api.trace.SpanBuilder child(Span parent, String name, Instant start) {
        return tracer.spanBuilder(name)
                .setParent(Context.root().with(parent))
                .setStartTimestamp(micros(start), TimeUnit.MICROSECONDS);
    }

    private static void end(Span span, Instant at) {
        span.end(micros(at), TimeUnit.MICROSECONDS);
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
