package io.revbot.orchestrator;

import io.revbot.agents.KnownTools;
import io.revbot.orchestrator.grounding.ToolOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole results of a run's data tool calls, in the order they finished, for the grounding check: what the model
 * read (after {@link ToolResultCap}), not the bounded previews events carry. The strings are the ones already held in
 * the agents' conversations, so keeping them costs references, not copies. Data tools are every observed tool but
 * the write-action proposals ({@code propose_*}), whose results only say what was proposed; a specialist's answer and
 * {@code read_answer} pages are model text and never come through here.
 */
final class Evidence {
    private static final String ACTIONS = "actions.";

    private final List<ToolOutput> outputs = new ArrayList<>();

    static boolean isData(String tool) {
        return !(KnownTools.isKnown(tool) && KnownTools.providerOf(tool).startsWith(ACTIONS));
    }

    /** Keeps a successful result of a data tool. */
    synchronized void add(String tool, String callId, String result) {
        if (result != null && isData(tool)) {
            outputs.add(new ToolOutput(tool, callId, result));
        }
    }

    synchronized List<ToolOutput> outputs() {
        return List.copyOf(outputs);
    }
}
