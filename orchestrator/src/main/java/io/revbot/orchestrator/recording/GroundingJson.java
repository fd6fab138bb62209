package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.orchestrator.grounding.CheckedFigure;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.grounding.Trace;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link Grounding} as JSON, the same object wherever it appears ({@code ask --json}, {@code conversation.json},
 * {@code metadata.json}): {@code figures} and {@code traced} (counts of figure occurrences), {@code untraced} (each
 * untraced figure once, as written), {@code sources} (each traced figure once with its tool and call id, or for
 * arithmetic the operation and operands), and {@code items}: every figure occurrence in answer order with its
 * offsets in the delivered answer, kind and trace, for a viewer to mark.
 */
public final class GroundingJson {
    private GroundingJson() {}

    public static ObjectNode toJson(Grounding g) {
        ObjectNode n = ConversationJson.MAPPER.createObjectNode();
        n.put("policy", g.policy().name().toLowerCase(Locale.ROOT));
        n.put("figures", g.figureCount());
        n.put("traced", g.tracedCount());
        ArrayNode untraced = n.putArray("untraced");
        g.untraced().forEach(untraced::add);
        n.put("repaired", g.repaired());
        ArrayNode sources = n.putArray("sources");
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (CheckedFigure f : g.figures()) {
            if (f.traced() && seen.add(List.of(f.figure().text(), f.trace()))) {
                trace(sources.addObject().put("figure", f.figure().text()), f.trace());
            }
        }
        ArrayNode items = n.putArray("items");
        for (CheckedFigure f : g.figures()) {
            ObjectNode item = items.addObject();
            item.put("text", f.figure().text());
            item.put("kind", f.figure().kind().name().toLowerCase(Locale.ROOT));
            item.put("start", f.figure().start());
            item.put("end", f.figure().end());
            item.put("traced", f.traced());
            if (f.traced()) {
                trace(item, f.trace());
            } else {
                item.putNull("tool");
                item.putNull("call_id");
            }
        }
        return n;
    }

    private static void trace(ObjectNode n, Trace trace) {
        switch (trace) {
            case Trace.Found found -> {
                n.put("tool", found.tool());
                n.put("call_id", found.callId());
            }
            case Trace.Derived derived -> {
                n.putNull("tool");
                n.putNull("call_id");
                n.put("operation", derived.operation());
                ArrayNode operands = n.putArray("operands");
                derived.operands().forEach(operands::add);
            }
        }
    }
}
