package io.revbot.orchestrator;

/** The model provider kept failing (throttling, 5xx, timeouts) after retries and the fallback model, or refused. */
public final class ModelUnavailable extends RunException {
    public ModelUnavailable(String message, Throwable cause) {
        super(FailureKind.MODEL_UNAVAILABLE, message, cause);
    }
}
