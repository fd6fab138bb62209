package io.revbot.orchestrator;

import java.time.Duration;

/** The run's deadline ({@code REVBOT_RUN_DEADLINE}) passed before an answer was ready. */
public final class RunDeadlineExceeded extends RunException {
    public RunDeadlineExceeded(Duration deadline) {
        super(
                FailureKind.DEADLINE,
                "I could not answer within " + Durations.human(deadline) + " (REVBOT_RUN_DEADLINE). Try a narrower"
                        + " question, ask again in a moment, or raise REVBOT_RUN_DEADLINE.");
    }
}
