package io.revbot.tools.actions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pending actions in memory, for embedded mode: one process, lost on restart. */
public final class InMemoryPendingActions extends PendingActionStore {
    private final Map<String, Entry> actions = new HashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();

    private record Entry(PendingAction action, String payload) {}

    public InMemoryPendingActions(ActionExecutor executor) {
        super(executor);
    }

    @Override
    public synchronized PendingAction create(ActionRequest r, Instant now) {
        PendingAction action = new PendingAction(
                newId(),
                r.kind(),
                r.summary(),
                r.requestedBy(),
                r.context(),
                now,
                now.plus(r.timeToLive()),
                PendingAction.Status.PENDING,
                Optional.empty(),
                Optional.empty(),
                r.provenance());
        actions.put(action.id(), new Entry(action, r.payload()));
        return action;
    }

    @Override
    public synchronized Optional<PendingAction> find(String actionId) {
        return Optional.ofNullable(actions.get(actionId)).map(Entry::action);
    }

    @Override
    public synchronized List<AuditRecord> auditTrail(String actionId) {
        return audit.stream().filter(a -> a.actionId().equals(actionId)).toList();
    }

    @Override
    protected synchronized Optional<Claim> claim(String actionId, String approver, Instant now) {
        Entry e = actions.get(actionId);
        if (e == null || !undecided(e.action()) || !now.isBefore(e.action().expiresAt())) {
            return Optional.empty();
        }
        put(e, e.action().status(), Optional.of(approver), Optional.empty());
        return Optional.of(new Claim(e.action().kind(), e.payload()));
    }

    @Override
    protected synchronized void finish(String actionId, PendingAction.Status status, String outcome) {
        Entry e = actions.get(actionId);
        put(e, status, e.action().decidedBy(), Optional.of(outcome));
    }

    @Override
    protected synchronized boolean expire(String actionId, Instant now) {
        Entry e = actions.get(actionId);
        if (e == null || !undecided(e.action()) || now.isBefore(e.action().expiresAt())) {
            return false;
        }
        put(e, PendingAction.Status.EXPIRED, Optional.empty(), Optional.of("expired unapproved"));
        return true;
    }

    @Override
    protected synchronized boolean markRejected(String actionId, String approver, Instant now) {
        Entry e = actions.get(actionId);
        if (e == null || !undecided(e.action())) {
            return false;
        }
        put(e, PendingAction.Status.REJECTED, Optional.of(approver), Optional.of("rejected by " + approver));
        return true;
    }

    @Override
    protected synchronized void audit(
            String actionId, String decision, String actor, Instant at, PendingAction.Status status, String outcome) {
        audit.add(new AuditRecord(actionId, decision, actor, at, status, outcome));
    }

    private static boolean undecided(PendingAction a) {
        return a.status() == PendingAction.Status.PENDING && a.decidedBy().isEmpty();
    }

    private void put(Entry e, PendingAction.Status status, Optional<String> decidedBy, Optional<String> outcome) {
        PendingAction a = e.action();
        actions.put(
                a.id(),
                new Entry(
                        new PendingAction(
                                a.id(),
                                a.kind(),
                                a.summary(),
                                a.requestedBy(),
                                a.context(),
                                a.createdAt(),
                                a.expiresAt(),
                                status,
                                decidedBy,
                                outcome,
                                a.provenance()),
                        e.payload()));
    }
}
