package io.revbot.orchestrator;

import java.time.Duration;

/** The run's deadline passed before an answer was ready. */
public final class RunDeadlineExceeded extends RunException {
    public RunDeadlineExceeded(Duration deadline) {
        super(
                FailureKind.DEADLINE,
                "I could not answer within " + Durations.human(deadline)
                        + ". Try a narrower question, or ask again in a moment.");
    }
}
