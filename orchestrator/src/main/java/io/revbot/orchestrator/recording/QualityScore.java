package io.revbot.orchestrator.recording;

import io.revbot.orchestrator.RunEvent.ToolStatus;
import io.revbot.orchestrator.recording.ConversationRecord.Invocation;
import io.revbot.orchestrator.recording.ConversationRecord.ToolExecution;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's quality in [0, 1]: the weighted mean of five components, each in [0, 1] (documented in
 * {@code docs/conversation-export.md}):
 *
 * <ul>
 *   <li>{@code timeline_completeness} (0.25): share of expected closing events present: each agent start has a
 *       finish, each tool start a finish, the run a terminal event, and an answer (or a stated failure);
 *   <li>{@code tool_success_rate} (0.20): finished tool executions with status ok (1 when no tool ran);
 *   <li>{@code grounding} (0.30): share of the numbers in the answer (two or more digits) that appear in a tool
 *       result preview, a tool fact or the question (1 when the answer states no such number);
 *   <li>{@code knowledge_references} (0.10): 1 when the knowledge base was not searched or returned references,
 *       0 when it was searched and nothing was referenced;
 *   <li>{@code redaction_clean} (0.15): 1 when nothing had to be redacted, else 0.
 * </ul>
 */
public record QualityScore(double score, Map<String, Double> components) {

    public static final Map<String, Double> WEIGHTS = weights();

    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

    public QualityScore {
        components = Map.copyOf(components);
    }

    public static QualityScore of(ConversationRecord r, Redactor.Hits redactions) {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("timeline_completeness", completeness(r));
        c.put("tool_success_rate", toolSuccess(r));
        c.put("grounding", grounding(r));
        c.put("knowledge_references", knowledge(r));
        c.put("redaction_clean", redactions.total() == 0 ? 1.0 : 0.0);
        double score = 0;
        for (var e : WEIGHTS.entrySet()) {
            score += e.getValue() * c.get(e.getKey());
        }
        return new QualityScore(round(score), c);
    }

    static double completeness(ConversationRecord r) {
        int expected = 2;
        int present = 0;
        for (Invocation step : r.agentFlow()) {
            expected++;
            if (step.finishedAt() != null) {
                present++;
            }
            for (ToolExecution t : step.toolExecutions()) {
                expected++;
                if (t.status() != null) {
                    present++;
                }
            }
        }
        if (r.status() != ConversationRecord.Status.INCOMPLETE) {
            present++;
        }
        if (r.answer() != null || r.failure() != null) {
            present++;
        }
        return round((double) present / expected);
    }

    static double toolSuccess(ConversationRecord r) {
        List<ToolExecution> finished =
                tools(r).stream().filter(t -> t.status() != null).toList();
        if (finished.isEmpty()) {
            return 1.0;
        }
        long ok = finished.stream().filter(t -> t.status() == ToolStatus.OK).count();
        return round((double) ok / finished.size());
    }

    static double grounding(ConversationRecord r) {
        if (r.answer() == null) {
            return 1.0;
        }
        Set<String> claimed = numbers(r.answer().text());
        if (claimed.isEmpty()) {
            return 1.0;
        }
        Set<String> known = new HashSet<>();
        if (r.request() != null) {
            known.addAll(numbers(r.request().question()));
        }
        for (ToolExecution t : tools(r)) {
            known.addAll(numbers(t.resultPreview()));
            t.facts().values().forEach(v -> known.addAll(numbers(String.valueOf(v))));
        }
        long grounded = claimed.stream().filter(known::contains).count();
        return round((double) grounded / claimed.size());
    }

    static double knowledge(ConversationRecord r) {
        boolean searched = tools(r).stream().anyMatch(t -> t.tool().equals("knowledge_search"));
        if (!searched) {
            return 1.0;
        }
        return r.totals().knowledgeReferences() > 0 ? 1.0 : 0.0;
    }

    /** Numbers of two or more digits, normalised: thousands separators dropped, trailing decimal zeros dropped. */
    static Set<String> numbers(String text) {
        Set<String> out = new HashSet<>();
        if (text == null) {
            return out;
        }
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String raw = m.group().replace(",", "");
            if (raw.endsWith(".")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            if (raw.replace(".", "").length() < 2) {
                continue;
            }
            try {
                out.add(new BigDecimal(raw).stripTrailingZeros().toPlainString());
            } catch (NumberFormatException e) {
                // "1,2,3"-like runs: not a number we can ground
            }
        }
        return out;
    }

    private static List<ToolExecution> tools(ConversationRecord r) {
        return r.agentFlow().stream().flatMap(s -> s.toolExecutions().stream()).toList();
    }

    private static double round(double v) {
        return Math.round(v * 1000d) / 1000d;
    }

    private static Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("timeline_completeness", 0.25);
        w.put("tool_success_rate", 0.20);
        w.put("grounding", 0.30);
        w.put("knowledge_references", 0.10);
        w.put("redaction_clean", 0.15);
        return java.util.Collections.unmodifiableMap(w);
    }
}
