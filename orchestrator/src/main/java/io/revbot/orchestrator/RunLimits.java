package io.revbot.orchestrator;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of a run. Each one, when it fires, ends the run (or the delegation) with its own named exception.
 *
 * @param managerTurns model calls the manager may make in one run ({@link TurnLimitExceeded})
 * @param toolCallsPerSpecialist tool calls one specialist invocation may make ({@link ToolCallLimitExceeded})
 * @param runDeadline wall time for the whole run ({@link RunDeadlineExceeded})
 * @param delegationDeadline wall time for one delegation; a late specialist is reported to the manager as timed out
 * @param tokenBudget tokens of every kind (input, output, cache reads and writes) across every model call of the run
 *     ({@link TokenBudgetExceeded})
 */
public record RunLimits(
        int managerTurns,
        int toolCallsPerSpecialist,
        Duration runDeadline,
        Duration delegationDeadline,
        long tokenBudget) {

    public static final RunLimits DEFAULTS =
            new RunLimits(8, 12, Duration.ofMinutes(5), Duration.ofMinutes(3), 400_000);

    public RunLimits {
        Objects.requireNonNull(runDeadline, "runDeadline");
        Objects.requireNonNull(delegationDeadline, "delegationDeadline");
        if (managerTurns < 1 || toolCallsPerSpecialist < 1 || tokenBudget < 1) {
            throw new IllegalArgumentException("run limits must be positive");
        }
        if (runDeadline.isNegative()
                || runDeadline.isZero()
                || delegationDeadline.isNegative()
                || delegationDeadline.isZero()) {
            throw new IllegalArgumentException("deadlines must be positive");
        }
    }
}
