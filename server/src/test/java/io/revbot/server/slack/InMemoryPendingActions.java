package io.revbot.server.slack;

import io.revbot.tools.actions.PendingAction;
import io.revbot.tools.actions.PendingActions;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the approval port with its documented guarantees (execute at most once, never after expiry),
 * counting executions separately from approval calls so tests see both.
 */
final class InMemoryPendingActions implements PendingActions {
    private final Map<String, PendingAction> actions = new ConcurrentHashMap<>();
    final AtomicInteger approveCalls = new AtomicInteger();
    final AtomicInteger executions = new AtomicInteger();

    void add(String id, String requestedBy, Instant createdAt, Instant expiresAt) {
        actions.put(
                id,
                new PendingAction(
                        id,
                        "crm_update",
                        "Set Stage of Acme - Renewal (006A000001) from Propose to Negotiate",
                        requestedBy,
                        "slack:C123ABC456:1515449522.000016",
                        createdAt,
                        expiresAt,
                        PendingAction.Status.PENDING,
                        Optional.empty(),
                        Optional.empty()));
    }

    void add(PendingAction action) {
        actions.put(action.id(), action);
    }

    PendingAction get(String id) {
        return actions.get(id);
    }

    @Override
    public Optional<PendingAction> find(String actionId) {
        return Optional.ofNullable(actions.get(actionId));
    }

    @Override
    public synchronized PendingAction approve(String actionId, String approver, Instant now) {
        approveCalls.incrementAndGet();
        PendingAction a = find(actionId).orElseThrow(NoSuchElementException::new);
        if (a.status() != PendingAction.Status.PENDING) {
            return a;
        }
        if (now.isAfter(a.expiresAt())) {
            return put(a, PendingAction.Status.EXPIRED, null, null);
        }
        executions.incrementAndGet();
        return put(a, PendingAction.Status.EXECUTED, approver, "Stage updated in the CRM");
    }

    @Override
    public synchronized PendingAction reject(String actionId, String approver, Instant now) {
        PendingAction a = find(actionId).orElseThrow(NoSuchElementException::new);
        if (a.status() != PendingAction.Status.PENDING) {
            return a;
        }
        return put(a, PendingAction.Status.REJECTED, approver, "rejected");
    }

    private PendingAction put(PendingAction a, PendingAction.Status status, String by, String outcome) {
        PendingAction next = new PendingAction(
                a.id(),
                a.kind(),
                a.summary(),
                a.requestedBy(),
                a.context(),
                a.createdAt(),
                a.expiresAt(),
                status,
                Optional.ofNullable(by),
                Optional.ofNullable(outcome),
                a.provenance());
        actions.put(a.id(), next);
        return next;
    }
}
