package io.revbot.tools.actions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A write action waiting for a person's decision.
 *
 * @param id opaque id, safe to put in a Slack button value
 * @param kind {@code crm_update}, {@code webhook} or {@code slack_notification}
 * @param summary exactly what will change, in one or a few lines a person can judge ("Set Stage of Acme - Renewal
 *     (006…) from Propose to Negotiate")
 * @param requestedBy who asked the question that led to it: the run's principal id ({@code slack:T…:U…},
 *     {@code api:<name>})
 * @param context where the request came from, so the approval message can be posted there (e.g. the Slack
 *     channel and thread as {@code slack:C123:1712345678.000100}); may be empty
 * @param outcome after a decision: what happened (executed, the error, or rejected by whom)
 * @param provenance what the run had read when the action was proposed (shown to the person who decides)
 */
public record PendingAction(
        String id,
        String kind,
        String summary,
        String requestedBy,
        String context,
        Instant createdAt,
        Instant expiresAt,
        Status status,
        Optional<String> decidedBy,
        Optional<String> outcome,
        Provenance provenance) {

    public PendingAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(status, "status");
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
    }

    /** An action whose provenance was not recorded (treated as having read outside content). */
    public PendingAction(
            String id,
            String kind,
            String summary,
            String requestedBy,
            String context,
            Instant createdAt,
            Instant expiresAt,
            Status status,
            Optional<String> decidedBy,
            Optional<String> outcome) {
        this(id, kind, summary, requestedBy, context, createdAt, expiresAt, status, decidedBy, outcome, null);
    }

    public enum Status {
        PENDING,
        EXECUTED,
        FAILED,
        REJECTED,
        EXPIRED
    }
}
