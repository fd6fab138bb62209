package io.revbot.tools.actions;

import java.time.Instant;
import java.util.Optional;

/**
 * The decision side of write actions: what Slack's Approve/Reject buttons (and the approval API) call. Who may
 * decide is the caller's policy (requester or a configured approver); this port guarantees that an action executes
 * at most once however often it is approved (double clicks, retries, several server processes), that nothing
 * executes after {@link PendingAction#expiresAt()}, and that every decision leaves an audit record.
 */
public interface PendingActions {

    Optional<PendingAction> find(String actionId);

    /**
     * Approves and executes the action if it is still pending and not expired; otherwise changes nothing. Returns
     * the action as it now stands (check {@link PendingAction#status()}: a second approval sees EXECUTED).
     *
     * @throws java.util.NoSuchElementException when there is no such action
     */
    PendingAction approve(String actionId, String approver, Instant now);

    /** Rejects the action if it is still pending; returns it as it now stands. */
    PendingAction reject(String actionId, String approver, Instant now);
}
