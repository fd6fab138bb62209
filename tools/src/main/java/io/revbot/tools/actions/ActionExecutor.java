package io.revbot.tools.actions;

/** Carries out an approved action. Called at most once per action, by the store that won the approval. */
@FunctionalInterface
public interface ActionExecutor {

    /**
     * Executes the action.
     *
     * @return what happened, one line for the audit record and the approver ("posted to #deals")
     * @throws RuntimeException when it failed; the message becomes the action's outcome
     */
    String execute(String kind, String payload, String approver);
}
