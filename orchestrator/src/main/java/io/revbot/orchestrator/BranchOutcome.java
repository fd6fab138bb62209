package io.revbot.orchestrator;

/** How one tool call of a manager turn ended: what the manager reads as its result. */
sealed interface BranchOutcome {

    /** The text the manager sees as the tool result. */
    String toolResult();

    record Completed(String output) implements BranchOutcome {
        @Override
        public String toolResult() {
            return output;
        }
    }

    record Failed(String message) implements BranchOutcome {
        @Override
        public String toolResult() {
            return message;
        }
    }
}
