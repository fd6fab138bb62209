package io.revbot.orchestrator.grounding;

import java.util.Objects;

/**
 * The whole result of one data tool call, as the model saw it (after {@code ToolResultCap}).
 *
 * @param callId the provider's tool-use id, or null for given text (the question, the run context)
 */
public record ToolOutput(String tool, String callId, String text) {
    /** The source name of figures the user's question states. */
    public static final String QUESTION = "question";
    /** The source name of figures of the run context RevBot gives every agent (date, quarter, days left). */
    public static final String RUN_CONTEXT = "run_context";

    public ToolOutput {
        Objects.requireNonNull(tool, "tool");
        text = text == null ? "" : text;
    }
}
