package io.revbot.server.slack;

import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.RunId;

/** What to say in the thread when a run ends without an answer: polite, specific, never silence. */
final class FailureMessages {
    private FailureMessages() {}

    static String forKind(FailureKind kind, RunId runId) {
        String text = switch (kind) {
            case MODEL_NOT_CONFIGURED ->
                "I can't answer yet: no AI model is configured for RevBot. An admin can set one up"
                        + " (see `./revbot doctor`).";
            case TURN_LIMIT ->
                "Sorry, this question took more steps than I'm allowed. Could you ask something narrower"
                        + " (one account, one quarter)? (An admin can raise the limit with `REVBOT_MAX_MANAGER_TURNS`.)";
            case TOOL_CALL_LIMIT ->
                "Sorry, this question needed more lookups than I'm allowed. Could you ask something narrower"
                        + " (one account, one quarter)? (An admin can raise the limit with `REVBOT_MAX_TOOL_CALLS`.)";
            case DEADLINE ->
                "Sorry, I ran out of time on this one. A narrower question usually finishes faster."
                        + " (An admin can raise the limit with `REVBOT_RUN_DEADLINE`.)";
            case TOKEN_BUDGET ->
                "Sorry, this question needed more reading than my budget allows. Could you narrow it down?"
                        + " (An admin can raise the budget with `REVBOT_TOKEN_BUDGET`.)";
            case MODEL_UNAVAILABLE ->
                "Sorry, the AI model is unavailable or overloaded right now. Please try again in a few minutes.";
            case MODEL_BEHAVIOUR -> "Sorry, I got confused answering this. Could you rephrase the question?";
            case CANCELLED -> "Stopped.";
            case INTERNAL -> "Sorry, something went wrong on my side.";
        };
        return ":warning: " + text + reference(runId);
    }

    static String unexpected(RunId runId) {
        return ":warning: Sorry, something went wrong on my side and I couldn't answer." + reference(runId);
    }

    static String emptyQuestion() {
        return "Hi! Ask me a question about your pipeline, deals, accounts or calls, for example:"
                + " _How is the Acme renewal looking?_";
    }

    private static String reference(RunId runId) {
        return " (reference `" + runId.value() + "`)";
    }
}
