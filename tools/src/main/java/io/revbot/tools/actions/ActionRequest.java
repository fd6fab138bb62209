package io.revbot.tools.actions;

import java.time.Duration;
import java.util.Objects;

/**
 * A write action as proposed, before it is stored: what it is, what exactly it will change (for the person who
 * decides), who asked, the payload the executor needs (JSON, never a credential) and what the run had read.
 */
public record ActionRequest(
        String kind,
        String summary,
        String requestedBy,
        String context,
        String payload,
        Duration timeToLive,
        Provenance provenance) {
    public ActionRequest {
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(payload, "payload");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive");
        }
    }

    /** A request whose provenance is unknown (treated as having read outside content). */
    public ActionRequest(
            String kind, String summary, String requestedBy, String context, String payload, Duration timeToLive) {
        this(kind, summary, requestedBy, context, payload, timeToLive, null);
    }
}
