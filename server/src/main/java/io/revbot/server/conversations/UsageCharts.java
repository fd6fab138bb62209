package io.revbot.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore.Stored;
import io.revbot.orchestrator.recording.UsageReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The series behind the usage page's charts, computed from exported runs ({@code GET /api/usage}). Days are calendar
 * days in the viewer's time zone, every day from the first run to the last (days without runs are zeros):
 *
 * <ul>
 *   <li>{@code runs_per_day}: runs by channel and status;
 *   <li>{@code latency}: p50/p95 (nearest rank, as {@code revbot usage}) per agent and per tool;
 *   <li>{@code per_day}: cost and tokens of each kind, the cache-read share of input-side tokens (cache reads over
 *       input, cache reads and cache writes), and the negative-feedback rate (negative over rated runs; null on a
 *       day without feedback);
 *   <li>{@code per_agent}: cost, tokens of each kind and cache-read share;
 *   <li>{@code routing}: the router's decisions by tier ({@code none} for runs the router did not see);
 *   <li>{@code feedback}: rated and negative runs and the rate over the whole range.
 * </ul>
 */
final class UsageCharts {
    private static final List<String> KINDS = List.of(
            TokenUsage.Kind.INPUT.label(),
            TokenUsage.Kind.OUTPUT.label(),
            TokenUsage.Kind.CACHE_READ.label(),
            TokenUsage.Kind.CACHE_WRITE.label());

    private final ZoneId zone;
    private final TreeMap<LocalDate, Day> days = new TreeMap<>();
    private final Map<String, int[]> routing = new TreeMap<>();
    private final Map<String, long[]> agentTokens = new TreeMap<>();
    private final Map<String, double[]> agentCost = new TreeMap<>();
    private final List<JsonNode> conversations = new ArrayList<>();

    private UsageCharts(ZoneId zone) {
        this.zone = zone;
    }

    static ObjectNode of(List<Stored> runs, ZoneId zone) {
        UsageCharts charts = new UsageCharts(zone);
        runs.forEach(charts::add);
        ObjectNode out = ConversationJson.MAPPER.createObjectNode();
        out.put("zone", zone.getId());
        out.put("runs", runs.size());
        charts.write(out);
        return out;
    }

    private void add(Stored run) {
        JsonNode c = run.conversation().path("conversation");
        conversations.add(run.conversation());
        LocalDate day = day(c.at("/metadata/started_at").asText(null), zone);
        if (day != null) {
            addToDay(days.computeIfAbsent(day, k -> new Day()), c, feedback(run));
        }
        JsonNode router = c.path("router");
        String tier = router.isObject() ? router.path("tier").asText("none") : "none";
        String decision = router.isObject() ? router.path("decision").asText("unknown") : "not routed";
        routing.computeIfAbsent(tier + "|" + decision, k -> new int[1])[0]++;
        for (JsonNode step : c.path("agent_flow")) {
            String agent = step.path("agent").asText();
            long[] t = agentTokens.computeIfAbsent(agent, k -> new long[KINDS.size()]);
            for (int k = 0; k < KINDS.size(); k++) {
                t[k] += step.path("tokens").path(KINDS.get(k)).asLong();
            }
            agentCost.computeIfAbsent(agent, k -> new double[1])[0] +=
                    step.path("cost_usd").asDouble(0);
        }
    }

    /**
     * The feedback on a run ({@code positive}, {@code negative}), empty when nobody rated it: the conversation store
     * merges the stored click into each export it reads as {@code metadata.feedback.value}.
     */
    static Optional<String> feedback(Stored run) {
        JsonNode value = run.metadata().path("feedback").path("value");
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static void addToDay(Day d, JsonNode c, Optional<String> feedback) {
        String series = c.at("/metadata/channel").asText("unknown") + " · "
                + c.at("/metadata/status").asText();
        d.runs.merge(series, 1, Integer::sum);
        d.cost += c.at("/conversation_summary/estimated_cost_usd").asDouble(0);
        JsonNode tokens = c.at("/conversation_summary/tokens");
        for (int k = 0; k < KINDS.size(); k++) {
            d.tokens[k] += tokens.path(KINDS.get(k)).asLong();
        }
        if (feedback.isPresent()) {
            d.rated++;
            d.negative += feedback.get().equals("negative") ? 1 : 0;
        }
    }

    private void write(ObjectNode out) {
        fillGaps(days);
        ArrayNode dayNames = out.putArray("days");
        days.keySet().forEach(d -> dayNames.add(d.toString()));
        runsPerDay(out.putArray("runs_per_day"), days);
        perDay(out.putObject("per_day"), days);
        latency(out.putObject("latency"), UsageReport.of(conversations));
        perAgent(out.putArray("per_agent"), agentTokens, agentCost);
        ArrayNode decisions = out.putArray("routing");
        routing.forEach((key, n) -> {
            String[] parts = key.split("\\|", 2);
            decisions
                    .addObject()
                    .put("tier", parts[0])
                    .put("decision", parts[1])
                    .put("runs", n[0]);
        });
        int rated = days.values().stream().mapToInt(d -> d.rated).sum();
        int negative = days.values().stream().mapToInt(d -> d.negative).sum();
        ObjectNode feedback = out.putObject("feedback").put("rated", rated).put("negative", negative);
        if (rated == 0) {
            feedback.putNull("negative_rate");
        } else {
            feedback.put("negative_rate", round(negative / (double) rated, 4));
        }
    }

    private static void runsPerDay(ArrayNode out, TreeMap<LocalDate, Day> days) {
        TreeMap<String, Boolean> series = new TreeMap<>();
        days.values().forEach(d -> d.runs.keySet().forEach(s -> series.put(s, true)));
        for (String s : series.keySet()) {
            String[] parts = s.split(" · ", 2);
            ObjectNode n = out.addObject().put("channel", parts[0]).put("status", parts[1]);
            ArrayNode counts = n.putArray("counts");
            days.values().forEach(d -> counts.add(d.runs.getOrDefault(s, 0)));
        }
    }

    private static void perDay(ObjectNode out, TreeMap<LocalDate, Day> days) {
        ArrayNode cost = out.putArray("cost_usd");
        ObjectNode tokens = out.putObject("tokens");
        ArrayNode share = out.putArray("cache_read_share");
        ArrayNode negative = out.putArray("negative_feedback_rate");
        ArrayNode rated = out.putArray("rated_runs");
        for (Day d : days.values()) {
            cost.add(round(d.cost, 6));
            share.add(cacheShare(d.tokens));
            rated.add(d.rated);
            if (d.rated == 0) {
                negative.addNull();
            } else {
                negative.add(round(d.negative / (double) d.rated, 4));
            }
        }
        for (int k = 0; k < KINDS.size(); k++) {
            ArrayNode series = tokens.putArray(KINDS.get(k));
            for (Day d : days.values()) {
                series.add(d.tokens[k]);
            }
        }
    }

    private static void latency(ObjectNode out, UsageReport report) {
        rows(out.putArray("agents"), report.agents());
        rows(out.putArray("tools"), report.tools());
    }

    private static void rows(ArrayNode out, List<UsageReport.Row> rows) {
        for (UsageReport.Row r : rows) {
            out.addObject()
                    .put("name", r.name())
                    .put("runs", r.runs())
                    .put("p50_ms", r.p50Ms())
                    .put("p95_ms", r.p95Ms());
        }
    }

    private static void perAgent(ArrayNode out, Map<String, long[]> tokens, Map<String, double[]> cost) {
        tokens.forEach((agent, t) -> {
            ObjectNode n = out.addObject().put("name", agent).put("cost_usd", round(cost.get(agent)[0], 6));
            for (int k = 0; k < KINDS.size(); k++) {
                n.put(KINDS.get(k), t[k]);
            }
            n.put("cache_read_share", cacheShare(t));
        });
    }

    /** Cache reads over every input-side token (input, cache reads, cache writes); 0 without any. */
    static double cacheShare(long[] t) {
        long inputSide = t[0] + t[2] + t[3];
        return inputSide == 0 ? 0 : round(t[2] / (double) inputSide, 4);
    }

    private static void fillGaps(TreeMap<LocalDate, Day> days) {
        if (days.isEmpty()) {
            return;
        }
        for (LocalDate d = days.firstKey(); d.isBefore(days.lastKey()); d = d.plusDays(1)) {
            days.computeIfAbsent(d, k -> new Day());
        }
    }

    private static LocalDate day(String instant, ZoneId zone) {
        if (instant == null) {
            return null;
        }
        try {
            return LocalDate.ofInstant(Instant.parse(instant), zone);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    private static final class Day {
        final Map<String, Integer> runs = new TreeMap<>();
        final long[] tokens = new long[KINDS.size()];
        double cost;
        int rated;
        int negative;
    }
}
