package io.revbot.orchestrator.grounding;

import java.util.List;

/** Where a traced figure comes from. */
public sealed interface Trace {

    /** Found in the result of a data tool call (or in the question or the run context: {@link ToolOutput#QUESTION}). */
    record Found(String tool, String callId) implements Trace {}

    /**
     * Plain arithmetic of two traced figures of the same paragraph (or of the run context), within rounding.
     *
     * @param operation {@code sum}, {@code difference}, {@code ratio}, {@code share} (a ratio as a percent) or
     *     {@code change} (a relative change as a percent)
     * @param operands the two figures as written, in the order of the operation
     */
    record Derived(String operation, List<String> operands) implements Trace {
        public Derived {
            operands = List.copyOf(operands);
        }
    }
}
