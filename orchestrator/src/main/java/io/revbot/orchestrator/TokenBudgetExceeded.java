package io.revbot.orchestrator;

/** The run used more tokens than its budget allows. */
public final class TokenBudgetExceeded extends RunException {
    public TokenBudgetExceeded(long budget, long used) {
        super(
                FailureKind.TOKEN_BUDGET,
                "This question needed more work than one answer may use (" + used + " of " + budget
                        + " tokens). Try a narrower question.");
    }
}
