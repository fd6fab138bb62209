package io.revbot.orchestrator;

/** The manager used all its turns ({@code REVBOT_MAX_MANAGER_TURNS}) without answering. */
public final class TurnLimitExceeded extends RunException {
    public TurnLimitExceeded(int turns) {
        super(
                FailureKind.TURN_LIMIT,
                "I could not finish this answer within " + turns + " steps (REVBOT_MAX_MANAGER_TURNS). Try a narrower"
                        + " question, split it into parts, or raise REVBOT_MAX_MANAGER_TURNS.");
    }
}
