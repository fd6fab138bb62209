package io.revbot.tools.actions;

import java.time.Duration;
import java.util.Objects;

/**
 * A write action as proposed, before it is stored: what it is, what exactly it will change (for the person who
 * decides), who asked, and the payload the executor needs (JSON, never a credential).
 */
public record ActionRequest(
        String kind, String summary, String requestedBy, String context, String payload, Duration timeToLive) {
    public ActionRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(payload, "payload");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive");
        }
    }
}
