package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage analytics over exported runs: per agent and per tool, how often it ran, its error rate, p50/p95 duration
 * (nearest rank), tokens of each kind (input, output, cache reads, cache writes) and estimated cost; and the most
 * common question types, keyed by where the manager routed them ({@code direct}, or the specialists it delegated
 * to). Computed from {@code conversation.json} files.
 */
public record UsageReport(
        int runs, int failedRuns, double costUsd, List<Row> agents, List<Row> tools, List<QuestionType> questionTypes) {

    /** One agent or tool. Tokens and cost are zero for tools (their cost is inside the agent's model calls). */
    public record Row(
            String name,
            int runs,
            int errors,
            double errorRate,
            long p50Ms,
            long p95Ms,
            long inputTokens,
            long outputTokens,
            long cacheReadTokens,
            long cacheWriteTokens,
            double costUsd) {}

    /** Runs routed the same way, with the latest question as an example. */
    public record QuestionType(String routedTo, int runs, double share, String example) {}

    public static UsageReport of(List<JsonNode> conversations) {
        Map<String, Acc> agents = new TreeMap<>();
        Map<String, Acc> tools = new TreeMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        Map<String, String> examples = new LinkedHashMap<>();
        int failed = 0;
        double cost = 0;
        List<JsonNode> ordered = new ArrayList<>(conversations);
        ordered.sort(Comparator.comparing(
                c -> c.at("/conversation/metadata/started_at").asText("")));
        for (JsonNode c : ordered) {
            JsonNode conv = c.path("conversation");
            if (!"succeeded".equals(conv.at("/metadata/status").asText())) {
                failed++;
            }
            cost += conv.at("/conversation_summary/estimated_cost_usd").asDouble(0);
            for (JsonNode step : conv.path("agent_flow")) {
                Acc a = agents.computeIfAbsent(step.path("agent").asText(), k -> new Acc());
                a.runs++;
                if (!"completed".equals(step.path("outcome").asText())) {
                    a.errors++;
                }
                if (step.hasNonNull("duration_ms")) {
                    a.durations.add(step.get("duration_ms").asLong());
                }
                a.input += step.at("/tokens/input").asLong();
                a.output += step.at("/tokens/output").asLong();
                a.cacheRead += step.at("/tokens/cache_read").asLong();
                a.cacheWrite += step.at("/tokens/cache_write").asLong();
                a.cost += step.path("cost_usd").asDouble(0);
                for (JsonNode tool : step.path("tool_executions")) {
                    Acc t = tools.computeIfAbsent(tool.path("tool").asText(), k -> new Acc());
                    t.runs++;
                    if (!"ok".equals(tool.path("status").asText())) {
                        t.errors++;
                    }
                    if (tool.hasNonNull("duration_ms")) {
                        t.durations.add(tool.get("duration_ms").asLong());
                    }
                }
            }
            String type = routedTo(conv.path("routing"));
            types.merge(type, 1, Integer::sum);
            examples.put(type, conv.at("/metadata/question").asText(""));
        }
        int runs = conversations.size();
        List<QuestionType> questionTypes = types.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new QuestionType(
                        e.getKey(), e.getValue(), round(e.getValue() / (double) runs, 3), examples.get(e.getKey())))
                .toList();
        return new UsageReport(runs, failed, round(cost, 6), rows(agents), rows(tools), questionTypes);
    }

    /** {@code direct}, or the delegated specialists joined with {@code +} in routing order. */
    static String routedTo(JsonNode routing) {
        if (routing == null || routing.isNull() || routing.isMissingNode()) {
            return "unrouted";
        }
        if ("direct".equals(routing.path("decision").asText())) {
            return "direct";
        }
        List<String> agents = new ArrayList<>();
        routing.path("agents").forEach(a -> agents.add(a.asText()));
        return agents.isEmpty() ? routing.path("decision").asText() : String.join("+", agents);
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} percent of values at or below it. */
    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100d * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static List<Row> rows(Map<String, Acc> accs) {
        List<Row> rows = new ArrayList<>();
        accs.forEach((name, a) -> rows.add(new Row(
                name,
                a.runs,
                a.errors,
                round(a.runs == 0 ? 0 : a.errors / (double) a.runs, 4),
                percentile(a.durations, 50),
                percentile(a.durations, 95),
                a.input,
                a.output,
                a.cacheRead,
                a.cacheWrite,
                round(a.cost, 6))));
        rows.sort(Comparator.comparingInt(Row::runs).reversed().thenComparing(Row::name));
        return List.copyOf(rows);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    private static final class Acc {
        int runs;
        int errors;
        long input;
        long output;
        long cacheRead;
        long cacheWrite;
        double cost;
        final List<Long> durations = new ArrayList<>();
    }
}
