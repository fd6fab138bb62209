package io.revbot.orchestrator.recording;

import io.revbot.orchestrator.RunEvent.ToolStatus;
import io.revbot.orchestrator.recording.ConversationRecord.Invocation;
import io.revbot.orchestrator.recording.ConversationRecord.ToolExecution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's quality in [0, 1] (documented in {@code docs/conversation-export.md}): the weighted mean of its components,
 * each in [0, 1], times 0.2 when the run did not answer (it failed, a bound stopped it, or its stream never ended),
 * so such a run never scores above 0.2 however tidy its record:
 *
 * <ul>
 *   <li>{@code timeline_completeness} (0.25): share of expected closing events present: each agent start has a
 *       finish, each tool start a finish, the run a terminal event, and an answer (or a stated failure);
 *   <li>{@code tool_success_rate} (0.20): finished tool executions with status ok (1 when no tool ran);
 *   <li>{@code grounding} (0.30): share of the answer's figures the grounding check traced to the whole results of
 *       the run's data tools (1 when it states none); absent, and left out of the mean, when the answer was not
 *       checked ({@code REVBOT_GROUNDING=off}, MCP calls) or there is no answer;
 *   <li>{@code knowledge_references} (0.10): 1 when the knowledge base was not searched or returned references,
 *       0 when it was searched and nothing was referenced;
 *   <li>{@code redaction_clean} (0.15): 1 when nothing had to be redacted, else 0.
 * </ul>
 */
public record QualityScore(double score, Map<String, Double> components) {

    public static final Map<String, Double> WEIGHTS = weights();

    /** What a run that did not answer keeps of its weighted mean. */
    public static final double UNANSWERED_FACTOR = 0.2;

    public QualityScore {
        components = Map.copyOf(components);
    }

    public static QualityScore of(ConversationRecord r, Redactor.Hits redactions) {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("timeline_completeness", completeness(r));
        c.put("tool_success_rate", toolSuccess(r));
        if (r.answer() != null && r.answer().grounding() != null) {
            c.put("grounding", round(r.answer().grounding().tracedShare()));
        }
        c.put("knowledge_references", knowledge(r));
        c.put("redaction_clean", redactions.total() == 0 ? 1.0 : 0.0);
        double weighted = 0;
        double weights = 0;
        for (var e : WEIGHTS.entrySet()) {
            Double value = c.get(e.getKey());
            if (value != null) {
                weighted += e.getValue() * value;
                weights += e.getValue();
            }
        }
        double mean = weighted / weights;
        boolean answered = r.status() == ConversationRecord.Status.SUCCEEDED && r.answer() != null;
        return new QualityScore(round(answered ? mean : mean * UNANSWERED_FACTOR), c);
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

    static double knowledge(ConversationRecord r) {
        boolean searched = tools(r).stream().anyMatch(t -> t.tool().equals("knowledge_search"));
        if (!searched) {
            return 1.0;
        }
        return r.totals().knowledgeReferences() > 0 ? 1.0 : 0.0;
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
