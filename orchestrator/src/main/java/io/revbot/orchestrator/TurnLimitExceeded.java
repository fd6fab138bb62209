package io.revbot.orchestrator;

/** The manager used all its turns without answering. */
public final class TurnLimitExceeded extends RunException {
    public TurnLimitExceeded(int turns) {
        super(
                FailureKind.TURN_LIMIT,
                "I could not finish this answer within " + turns
                        + " steps. Try a narrower question, or split it into parts.");
    }
}
