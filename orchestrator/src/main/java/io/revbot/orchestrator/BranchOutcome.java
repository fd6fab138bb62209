package io.revbot.orchestrator;

/** How one tool call of a manager turn ended: what the manager reads as its result. */
sealed interface BranchOutcome {

    /** The text the manager sees as the tool result. */
    String toolResult();

    /**
     * {@code output} is the whole answer (what a pass-through delivers and the record keeps); {@code toolResult} what
     * the manager reads of it, shortened when it is long ({@link AnswerPages}).
     */
    record Completed(String output, String toolResult) implements BranchOutcome {
        Completed(String output) {
            this(output, output);
        }
    }

    record Failed(String message) implements BranchOutcome {
        @Override
        public String toolResult() {
            return message;
        }
    }

    /**
     * A bound stopped the branch ({@code REVBOT_MAX_TOOL_CALLS}): asking the same specialist again for the same request
     * would hit it again, so the manager may not ({@link ManagerTurns} ends the run if it tries).
     */
    record Stopped(String message) implements BranchOutcome {
        @Override
        public String toolResult() {
            return message;
        }
    }
}
