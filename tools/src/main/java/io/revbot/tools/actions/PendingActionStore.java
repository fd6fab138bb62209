package io.revbot.tools.actions;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The pending-action store behind {@link PendingActions}: in memory ({@link InMemoryPendingActions}) or in
 * PostgreSQL ({@link PostgresPendingActions}). Both share the decision logic here; they differ only in how a
 * decision is claimed atomically. An approval first <em>claims</em> the action (pending, undecided, not expired →
 * decided by the approver, in one atomic step); only the winner executes it, then records the result. A concurrent
 * or later second approval finds nothing to claim and changes nothing, so the action executes at most once.
 */
public abstract class PendingActionStore implements PendingActions {
    private final ActionExecutor executor;

    protected PendingActionStore(ActionExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Stores a new pending action; it expires after the request's time to live. */
    public abstract PendingAction create(ActionRequest request, Instant now);

    /** Every decision on the action, oldest first. */
    public abstract List<AuditRecord> auditTrail(String actionId);

    @Override
    public final PendingAction approve(String actionId, String approver, Instant now) {
        PendingAction before = find(actionId).orElseThrow(() -> new NoSuchElementException("no action " + actionId));
        Optional<Claim> claim = claim(actionId, approver, now);
        if (claim.isEmpty()) {
            if (before.status() == PendingAction.Status.PENDING
                    && !now.isBefore(before.expiresAt())
                    && expire(actionId, now)) {
                audit(actionId, "expired", approver, now, PendingAction.Status.EXPIRED, "approval came after expiry");
            } else {
                PendingAction current = find(actionId).orElseThrow();
                audit(actionId, "ignored", approver, now, current.status(), "approval after the action was decided");
            }
            return find(actionId).orElseThrow();
        }
        PendingAction.Status status;
        String outcome;
        try {
            outcome = executor.execute(claim.get().kind(), claim.get().payload(), approver);
            status = PendingAction.Status.EXECUTED;
        } catch (RuntimeException e) {
            outcome = "failed: " + e.getMessage();
            status = PendingAction.Status.FAILED;
        }
        finish(actionId, status, outcome);
        audit(actionId, "approved", approver, now, status, outcome);
        return find(actionId).orElseThrow();
    }

    @Override
    public final PendingAction reject(String actionId, String approver, Instant now) {
        PendingAction before = find(actionId).orElseThrow(() -> new NoSuchElementException("no action " + actionId));
        if (markRejected(actionId, approver, now)) {
            audit(actionId, "rejected", approver, now, PendingAction.Status.REJECTED, "rejected by " + approver);
        } else {
            audit(actionId, "ignored", approver, now, before.status(), "rejection after the action was decided");
        }
        return find(actionId).orElseThrow();
    }

    /** Who the audit names for expiries nobody caused. */
    public static final String EXPIRY_ACTOR = "revbot";

    /**
     * Ends every action still pending past its expiry as {@link PendingAction.Status#EXPIRED}, each with an
     * {@code expired} audit record, and returns them; run once a minute by the server, so an action nobody decided
     * does not stay pending. An action decided concurrently is left to its decision.
     */
    public final List<PendingAction> expireDue(Instant now) {
        List<PendingAction> expired = new java.util.ArrayList<>();
        for (String id : dueForExpiry(now)) {
            if (expire(id, now)) {
                audit(id, "expired", EXPIRY_ACTOR, now, PendingAction.Status.EXPIRED, "expired unapproved");
                find(id).ifPresent(expired::add);
            }
        }
        return expired;
    }

    /** Ids of the actions pending and undecided with {@code expiresAt <= now}. */
    protected abstract List<String> dueForExpiry(Instant now);

    /** What the winner of a claim needs to execute the action. */
    protected record Claim(String kind, String payload) {}

    /**
     * Atomically: if the action is PENDING, undecided and {@code now < expiresAt}, set decided_by/decided_at and
     * return its kind and payload; otherwise change nothing and return empty.
     */
    protected abstract Optional<Claim> claim(String actionId, String approver, Instant now);

    /** Records the claimed action's result. */
    protected abstract void finish(String actionId, PendingAction.Status status, String outcome);

    /** Atomically: PENDING and undecided and expired → EXPIRED. */
    protected abstract boolean expire(String actionId, Instant now);

    /** Atomically: PENDING and undecided → REJECTED by {@code approver}. */
    protected abstract boolean markRejected(String actionId, String approver, Instant now);

    protected abstract void audit(
            String actionId, String decision, String actor, Instant at, PendingAction.Status status, String outcome);

    /** A fresh id, unguessable and safe in a Slack button value. */
    protected static String newId() {
        return "act_" + java.util.UUID.randomUUID().toString().replace("-", "");
    }
}
