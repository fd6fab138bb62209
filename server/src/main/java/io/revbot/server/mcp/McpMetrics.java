package io.revbot.server.mcp;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MCP calls per tool and client, for {@code /observe/metrics}: {@code revbot_mcp_calls_total{tool,client,status}}
 * (status {@code ok} or {@code error}) and {@code revbot_mcp_call_duration_seconds{tool,client}} (p50, p95). The
 * recorded runs feed the general tool metrics as well ({@code revbot_tool_executions_total}).
 */
public final class McpMetrics {
    private static final double[] PERCENTILES = {0.5, 0.95};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public McpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void called(String tool, McpCaller caller, boolean ok, Duration duration) {
        String status = ok ? "ok" : "error";
        counters.computeIfAbsent(
                        tool + "|" + caller.client() + "|" + status,
                        k -> registry.getOrCreate(Counter.builder("revbot.mcp.calls")
                                .description("MCP tool calls by tool, client and status")
                                .tags(List.of(
                                        Tag.create("tool", tool),
                                        Tag.create("client", caller.client()),
                                        Tag.create("status", status)))))
                .increment();
        timers.computeIfAbsent(
                        tool + "|" + caller.client(),
                        k -> registry.getOrCreate(Timer.builder("revbot.mcp.call.duration")
                                .description("MCP tool call duration by tool and client")
                                .percentiles(PERCENTILES)
                                .tags(List.of(Tag.create("tool", tool), Tag.create("client", caller.client())))))
                .record(duration);
    }
}
