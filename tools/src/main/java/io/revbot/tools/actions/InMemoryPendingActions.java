package io.revbot.tools.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pending actions in memory, for embedded mode: one process, lost on restart. The audit trail is kept, when given a
 * file ({@code REVBOT_HOME/audit/pending-actions.jsonl}), as one JSON line per decision appended to it, so decisions
 * outlive the process that took them.
 */
public final class InMemoryPendingActions extends PendingActionStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Map<String, Entry> actions = new HashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private final Optional<Path> auditLog;

    private record Entry(PendingAction action, String payload) {}

    /** With the audit trail in memory only (tests). */
    public InMemoryPendingActions(ActionExecutor executor) {
        this(executor, Optional.empty());
    }

    /** @param auditLog the file the audit trail is appended to; created with its folder on the first decision */
    public InMemoryPendingActions(ActionExecutor executor, Optional<Path> auditLog) {
        super(executor);
        this.auditLog = auditLog;
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

    /** From the file when there is one (decisions of earlier processes included), else from memory. */
    @Override
    public synchronized List<AuditRecord> auditTrail(String actionId) {
        if (auditLog.isEmpty() || !Files.exists(auditLog.get())) {
            return audit.stream().filter(a -> a.actionId().equals(actionId)).toList();
        }
        try (var lines = Files.lines(auditLog.get(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank())
                    .map(InMemoryPendingActions::record)
                    .filter(a -> a.actionId().equals(actionId))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit trail " + auditLog.get(), e);
        }
    }

    private static AuditRecord record(String line) {
        try {
            return JSON.readValue(line, AuditRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable audit record: " + line, e);
        }
    }

    @Override
    protected synchronized List<String> dueForExpiry(Instant now) {
        return actions.values().stream()
                .map(Entry::action)
                .filter(a -> undecided(a) && !now.isBefore(a.expiresAt()))
                .map(PendingAction::id)
                .toList();
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
        AuditRecord record = new AuditRecord(actionId, decision, actor, at, status, outcome);
        audit.add(record);
        if (auditLog.isPresent()) {
            try {
                Files.createDirectories(auditLog.get().toAbsolutePath().getParent());
                Files.writeString(
                        auditLog.get(),
                        JSON.writeValueAsString(record) + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // a decision without its record would break the audit's promise: fail the decision's caller
                throw new UncheckedIOException("cannot append to the audit trail " + auditLog.get(), e);
            }
        }
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
