package io.revbot.tools.actions;

import java.time.Instant;

/**
 * One decision on a pending action: {@code approved}, {@code rejected}, {@code expired}, or {@code ignored} (an
 * approval or rejection that came after the action was already decided).
 */
public record AuditRecord(
        String actionId, String decision, String actor, Instant at, PendingAction.Status status, String outcome) {}
