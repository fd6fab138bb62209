package io.revbot.server.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import io.revbot.orchestrator.Principal;
import io.revbot.tools.actions.PendingAction;
import io.revbot.tools.actions.PendingActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Write actions in Slack: the message with Approve and Reject buttons saying exactly what will change, and what a
 * click does. Only the person who asked or a configured approver ({@code REVBOT_APPROVERS}) may decide, and only
 * within the approval's lifetime ({@code REVBOT_APPROVAL_TTL}, and never past the action's own expiry). Execution
 * goes through {@link PendingActions#approve}, which runs an action at most once however often it is approved, so a
 * double click or a retried request changes nothing the second time; the message then shows the outcome.
 */
final class SlackApprovals {
    static final String APPROVE = "revbot_approve";
    static final String REJECT = "revbot_reject";
    static final String BLOCK_ID = "revbot_approval";

    private static final System.Logger LOG = System.getLogger(SlackApprovals.class.getName());

    private final SlackApi slack;
    private final PendingActions actions;
    private final Set<String> approvers;
    private final Duration ttl;
    private final Clock clock;

    private final SlackAgentApi agents;
    private final SlackAgentMode agentMode;

    SlackApprovals(SlackApi slack, PendingActions actions, List<String> approvers, Duration ttl, Clock clock) {
        this(slack, actions, approvers, ttl, clock, null, null);
    }

    /**
     * @param agents and {@code agentMode}: where the app is an agent, a decision takes the thread's session out of
     *     {@code suspended} (null: plain messages only)
     */
    SlackApprovals(
            SlackApi slack,
            PendingActions actions,
            List<String> approvers,
            Duration ttl,
            Clock clock,
            SlackAgentApi agents,
            SlackAgentMode agentMode) {
        this.agents = agents;
        this.agentMode = agentMode;
        this.slack = Objects.requireNonNull(slack, "slack");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.approvers = Set.copyOf(approvers);
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    enum Decision {
        APPROVE,
        REJECT
    }

    /** A button click, as the interactivity payload describes it. */
    record Click(String actionId, Decision decision, String user, String channel, String messageTs, String threadTs) {}

    /** Posts the approval request for {@code actionId} in the thread (called from the run's narration). */
    void propose(SlackThread thread, String actionId, String fallbackSummary, Principal.SlackUser requester) {
        PendingAction action = actions.find(actionId)
                .orElseGet(() -> new PendingAction(
                        actionId,
                        "action",
                        fallbackSummary,
                        requester.id(),
                        thread.key(),
                        clock.instant(),
                        clock.instant().plus(ttl),
                        PendingAction.Status.PENDING,
                        Optional.empty(),
                        Optional.empty()));
        String who = ApprovalCard.who(
                action.requestedBy() == null || action.requestedBy().isBlank() ? requester.id() : action.requestedBy());
        ApprovalCard.Card card = ApprovalCard.of(action, who, slackDate(deadline(action)));
        slack.post(thread.channel(), thread.threadTs(), card.fallback(), card.blocks());
    }

    /** Whether action {@code actionId} still waits for a decision (its thread's session stays suspended meanwhile). */
    boolean pending(String actionId) {
        return actions.find(actionId)
                .map(a -> a.status() == PendingAction.Status.PENDING)
                .orElse(false);
    }

    /** Handles a click after Slack has been acknowledged: refuse, or decide and show the outcome in the message. */
    void decide(Click click) {
        Optional<PendingAction> found = actions.find(click.actionId());
        if (found.isEmpty()) {
            refuse(click, "I can't find that action any more; nothing was changed.");
            return;
        }
        PendingAction action = found.get();
        if (!requestedBy(action, click.user()) && !approvers.contains(click.user())) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "refused " + click.decision() + " of action " + action.id() + " by " + click.user()
                            + " (neither the requester nor an approver)");
            refuse(
                    click,
                    "Only " + ApprovalCard.who(action.requestedBy())
                            + " or a RevBot approver can decide on this action." + " Nothing was changed.");
            return;
        }
        Instant now = clock.instant();
        PendingAction outcome;
        if (action.status() != PendingAction.Status.PENDING) {
            outcome = action; // a double click or a retry: show what already happened
        } else if (now.isAfter(deadline(action))) {
            showOutcome(
                    click,
                    action,
                    ":hourglass: This approval expired at " + slackDate(deadline(action))
                            + "; nothing was changed. Ask again to get a fresh one.");
            return;
        } else {
            try {
                outcome = click.decision() == Decision.APPROVE
                        ? actions.approve(action.id(), click.user(), now)
                        : actions.reject(action.id(), click.user(), now);
            } catch (NoSuchElementException e) {
                refuse(click, "I can't find that action any more; nothing was changed.");
                return;
            }
        }
        showOutcome(click, outcome, describe(outcome));
        if (outcome.status() != PendingAction.Status.PENDING) {
            resumeSession(outcome);
        }
    }

    /** The action is decided: its thread's agent session is no longer waiting on a person. */
    private void resumeSession(PendingAction action) {
        if (agents == null || agentMode == null) {
            return;
        }
        SlackThread.parse(action.context())
                .filter(t -> !t.team().isEmpty() && agentMode.agent(t.team()))
                .ifPresent(t -> {
                    try {
                        agents.setStatus(t, SlackAgentApi.SessionStatus.ACTIVE, null, null);
                    } catch (RuntimeException e) {
                        LOG.log(
                                System.Logger.Level.INFO,
                                "could not resume the session of " + t.key() + ": " + e.getMessage());
                    }
                });
    }

    /** Whether Slack user {@code user} asked for the action (its requester is a principal id, or a bare user id). */
    private static boolean requestedBy(PendingAction action, String user) {
        return Principal.parse(action.requestedBy())
                .map(p ->
                        p instanceof Principal.SlackUser asker && asker.userId().equals(user))
                .orElse(user.equals(action.requestedBy()));
    }

    private Instant deadline(PendingAction action) {
        Instant byTtl = action.createdAt() == null ? null : action.createdAt().plus(ttl);
        Instant own = action.expiresAt();
        if (byTtl == null) {
            return own == null ? Instant.MAX : own;
        }
        return own == null || byTtl.isBefore(own) ? byTtl : own;
    }

    private static String describe(PendingAction action) {
        String who = action.decidedBy().map(u -> "<@" + u + ">").orElse("someone");
        String outcome = action.outcome()
                .map(o -> "\n_" + MrkdwnRenderer.escape(o) + "_")
                .orElse("");
        String summary = MrkdwnRenderer.escape(headline(action.summary()));
        return switch (action.status()) {
            case EXECUTED -> ":white_check_mark: Approved by " + who + " and done: " + summary + outcome;
            case FAILED -> ":x: Approved by " + who + ", but it failed: " + summary + outcome;
            case REJECTED -> ":no_entry_sign: Rejected by " + who + "; nothing was changed: " + summary;
            case EXPIRED -> ":hourglass: This approval expired; nothing was changed: " + summary;
            case PENDING -> ":raised_hand: Still waiting for a decision: " + summary;
        };
    }

    /** The decided action in one line: its summary's first line (a webhook's target, not its body), at most 300 characters. */
    static String headline(String summary) {
        String first = summary.lines().findFirst().orElse("");
        return first.length() <= 300 ? first : first.substring(0, 300) + "…";
    }

    private void showOutcome(Click click, PendingAction action, String text) {
        slack.update(click.channel(), click.messageTs(), text, List.of(section(s -> s.text(markdownText(text)))));
        LOG.log(System.Logger.Level.INFO, "action " + action.id() + " now " + action.status());
    }

    private void refuse(Click click, String text) {
        slack.postEphemeral(click.channel(), click.user(), click.threadTs(), ":no_entry: " + text);
    }

    /** Slack's date formatting: each reader sees the time in their own time zone. */
    private static String slackDate(Instant instant) {
        if (instant.equals(Instant.MAX)) {
            return "it is decided";
        }
        return "<!date^" + instant.getEpochSecond() + "^{date_short_pretty} {time}|" + instant + ">";
    }
}
