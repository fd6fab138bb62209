package io.revbot.orchestrator;

import io.revbot.tools.RevBotException;
import java.util.Objects;

/** A run ended without an answer. {@link #kind()} says why; the message is fit to show to the person who asked. */
public class RunException extends RevBotException {
    private final FailureKind kind;

    public RunException(FailureKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public RunException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FailureKind kind() {
        return kind;
    }

    /** What a run's worker thread threw, as the run's failure: a bound or failure as is, anything else internal. */
    static RunException from(Throwable cause) {
        if (cause instanceof RunException re) {
            return re;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new RunException(FailureKind.INTERNAL, "Something went wrong: " + message, cause);
    }
}
