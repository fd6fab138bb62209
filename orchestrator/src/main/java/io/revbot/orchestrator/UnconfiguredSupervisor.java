package io.revbot.orchestrator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The supervisor when no model is configured: every run fails at once with {@link FailureKind#MODEL_NOT_CONFIGURED}
 * and a message saying how to configure one of the three providers. The rest of RevBot (deterministic commands,
 * {@code serve}) keeps working.
 */
public final class UnconfiguredSupervisor implements Supervisor {
    private final String howToConfigure;
    private final Clock clock;

    public UnconfiguredSupervisor(String howToConfigure, Clock clock) {
        this.howToConfigure = Objects.requireNonNull(howToConfigure, "howToConfigure");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RunResult run(Request request, RunListener listener) {
        RunException failure = new RunException(FailureKind.MODEL_NOT_CONFIGURED, howToConfigure);
        try {
            // RunStarted first, as in every run, so the recorded run shows who asked what.
            listener.on(new RunEvent.RunStarted(request.runId(), clock.instant(), request, ""));
            listener.on(new RunEvent.RunFailed(
                    request.runId(), clock.instant(), failure.kind(), howToConfigure, Duration.ZERO, TokenUsage.ZERO));
        } catch (RuntimeException ignored) {
            // A listener never fails a run.
        }
        throw failure;
    }
}
