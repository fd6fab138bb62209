package io.revbot.server.slack;

import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.grounding.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What closes a streamed answer: the knowledge-base documents and headings the run read, and the tool calls behind
 * the answer's traced figures ("Figures from: Running SQL on opportunity_d"). Collected from the run's events on
 * the run's threads, read once at the end.
 */
final class AnswerSources {
    /** Tool calls by id, as their task line: what a traced figure names. */
    private final Map<String, String> toolCalls = new ConcurrentHashMap<>();

    private final List<String> knowledge = new CopyOnWriteArrayList<>();
    private volatile Grounding grounding;

    void toolStarted(String callId, String title) {
        toolCalls.put(callId, title);
    }

    /** The task line of tool call {@code callId}, or {@code fallback} when it was not seen. */
    String toolCall(String callId, String fallback) {
        return toolCalls.getOrDefault(callId, fallback);
    }

    void knowledge(String document, String section) {
        String source = "`" + document + "`" + (section == null || section.isBlank() ? "" : " › " + section);
        if (!knowledge.contains(source)) {
            knowledge.add(source);
        }
    }

    void grounding(Grounding checked) {
        this.grounding = checked;
    }

    /** The markdown list (with its heading and a blank line before it), or empty when there is nothing to cite. */
    String markdown() {
        List<String> lines = new ArrayList<>();
        knowledge.forEach(k -> lines.add("- Knowledge base: " + k));
        Grounding g = grounding;
        if (g != null) {
            g.figures().stream()
                    .map(f -> f.trace())
                    .filter(t -> t instanceof Trace.Found)
                    .map(t -> (Trace.Found) t)
                    .map(found -> toolCall(found.callId(), NarrationText.task(found.tool(), null)))
                    .map(title -> title.endsWith("…") ? title.substring(0, title.length() - 1) : title)
                    .distinct()
                    .forEach(title -> lines.add("- Figures from: " + title));
        }
        return lines.isEmpty() ? "" : "\n\n**Sources**\n" + String.join("\n", lines);
    }
}
