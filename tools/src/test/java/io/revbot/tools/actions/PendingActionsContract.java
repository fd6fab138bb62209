package io.revbot.tools.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link PendingActionStore} guarantees; run against the in-memory store and PostgreSQL. */
abstract class PendingActionsContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    /** Records every execution; slow enough that concurrent approvals overlap. */
    static final class RecordingExecutor implements ActionExecutor {
        final List<String> executed = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        @Override
        public String execute(String kind, String payload, String approver) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            executed.add(kind + " " + payload + " by " + approver);
            return "did " + kind;
        }
    }

    final RecordingExecutor executor = new RecordingExecutor();

    /** A store over the same backing data each time it is called (two calls = two processes). */
    abstract PendingActionStore store();

    private PendingAction propose(PendingActionStore store) {
        return store.create(
                new ActionRequest(
                        "slack_notification",
                        "Post to #deals in Slack: \"Vertex slipped\"",
                        "U123",
                        "slack:C1:1.2",
                        "{\"channel\":\"#deals\",\"text\":\"Vertex slipped\"}",
                        Duration.ofMinutes(15)),
                NOW);
    }

    @Test
    void aProposalIsPendingWithWhoAskedWhatChangesAndWhenItExpires() {
        PendingActionStore store = store();
        PendingAction action = propose(store);
        assertThat(action.id()).startsWith("act_").hasSizeLessThan(80);
        PendingAction found = store.find(action.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(PendingAction.Status.PENDING);
        assertThat(found.requestedBy()).isEqualTo("U123");
        assertThat(found.context()).isEqualTo("slack:C1:1.2");
        assertThat(found.summary()).isEqualTo("Post to #deals in Slack: \"Vertex slipped\"");
        assertThat(found.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(executor.executed).isEmpty();
    }

    @Test
    void whatTheRunHadReadIsKeptWithTheProposal() {
        PendingActionStore store = store();
        Provenance read = new Provenance(List.of("CRM", "call transcripts"), true);
        PendingAction action = store.create(
                new ActionRequest(
                        "webhook",
                        "POST a signed webhook to https://hooks.example.com/x with this body (2 characters):\n{}",
                        "slack:T1:U123",
                        "slack:T1:C1:1.2",
                        "{\"url\":\"https://hooks.example.com/x\",\"body\":\"{}\"}",
                        Duration.ofMinutes(15),
                        read),
                NOW);

        assertThat(store.find(action.id()).orElseThrow().provenance()).isEqualTo(read);
        assertThat(store.find(propose(store).id()).orElseThrow().provenance())
                .as("a request that did not say what it read counts as outside content")
                .isEqualTo(Provenance.UNKNOWN);
    }

    @Test
    void approvingExecutesOnceAndAuditsTheDecision() {
        PendingActionStore store = store();
        PendingAction action = propose(store);

        PendingAction approved = store.approve(action.id(), "U999", NOW.plusSeconds(60));
        PendingAction again = store.approve(action.id(), "U999", NOW.plusSeconds(61));

        assertThat(approved.status()).isEqualTo(PendingAction.Status.EXECUTED);
        assertThat(approved.decidedBy()).contains("U999");
        assertThat(approved.outcome()).contains("did slack_notification");
        assertThat(again.status()).isEqualTo(PendingAction.Status.EXECUTED);
        assertThat(executor.executed)
                .containsExactly("slack_notification {\"channel\":\"#deals\",\"text\":\"Vertex slipped\"} by U999");
        assertThat(store.auditTrail(action.id()))
                .extracting(AuditRecord::decision, AuditRecord::actor, AuditRecord::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("approved", "U999", PendingAction.Status.EXECUTED),
                        org.assertj.core.groups.Tuple.tuple("ignored", "U999", PendingAction.Status.EXECUTED));
    }

    @Test
    void twoConcurrentApprovalsFromTwoProcessesExecuteExactlyOnce() throws Exception {
        PendingActionStore first = store();
        PendingActionStore second = store();
        for (int round = 0; round < 5; round++) {
            PendingAction action = propose(first);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<PendingAction>> results = new ArrayList<>();
                for (PendingActionStore store : List.of(first, second)) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.approve(action.id(), "U999", NOW.plusSeconds(30));
                    }));
                }
                start.countDown();
                for (Future<PendingAction> f : results) {
                    f.get(10, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(first.find(action.id()).orElseThrow().status()).isEqualTo(PendingAction.Status.EXECUTED);
            assertThat(first.auditTrail(action.id()))
                    .filteredOn(a -> a.decision().equals("approved"))
                    .hasSize(1);
        }
        assertThat(executor.executed).hasSize(5);
    }

    @Test
    void rejectingPreventsExecution() {
        PendingActionStore store = store();
        PendingAction action = propose(store);

        PendingAction rejected = store.reject(action.id(), "U777", NOW.plusSeconds(10));
        PendingAction approvedAfter = store.approve(action.id(), "U999", NOW.plusSeconds(20));

        assertThat(rejected.status()).isEqualTo(PendingAction.Status.REJECTED);
        assertThat(rejected.decidedBy()).contains("U777");
        assertThat(approvedAfter.status()).isEqualTo(PendingAction.Status.REJECTED);
        assertThat(executor.executed).isEmpty();
        assertThat(store.auditTrail(action.id()))
                .extracting(AuditRecord::decision)
                .containsExactly("rejected", "ignored");
    }

    @Test
    void nothingExecutesAfterExpiry() {
        PendingActionStore store = store();
        PendingAction action = propose(store);

        PendingAction late = store.approve(action.id(), "U999", NOW.plus(Duration.ofMinutes(15)));

        assertThat(late.status()).isEqualTo(PendingAction.Status.EXPIRED);
        assertThat(executor.executed).isEmpty();
        assertThat(store.auditTrail(action.id()))
                .extracting(AuditRecord::decision)
                .containsExactly("expired");
    }

    @Test
    void anActionNobodyDecidedEndsExpiredAtItsExpiryWithAnAuditRecord() {
        PendingActionStore store = store();
        PendingAction due = propose(store);
        PendingAction approved = propose(store);
        store.approve(approved.id(), "U999", NOW.plusSeconds(5));
        PendingAction later = store.create(
                new ActionRequest("slack_notification", "later", "U123", "slack:C1:1.3", "{}", Duration.ofHours(1)),
                NOW);

        assertThat(store.expireDue(NOW.plus(Duration.ofMinutes(14))))
                .as("not yet")
                .isEmpty();
        List<PendingAction> expired = store().expireDue(NOW.plus(Duration.ofMinutes(15)));

        assertThat(expired).extracting(PendingAction::id).containsExactly(due.id());
        assertThat(store.find(due.id()).orElseThrow().status()).isEqualTo(PendingAction.Status.EXPIRED);
        assertThat(store.auditTrail(due.id())).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo("expired");
            assertThat(a.actor()).isEqualTo(PendingActionStore.EXPIRY_ACTOR);
            assertThat(a.status()).isEqualTo(PendingAction.Status.EXPIRED);
            assertThat(a.at()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        });
        assertThat(store.find(approved.id()).orElseThrow().status()).isEqualTo(PendingAction.Status.EXECUTED);
        assertThat(store.find(later.id()).orElseThrow().status()).isEqualTo(PendingAction.Status.PENDING);
        assertThat(store.expireDue(NOW.plus(Duration.ofMinutes(16)))).as("once").isEmpty();
        PendingAction clicked = store.approve(due.id(), "U999", NOW.plus(Duration.ofMinutes(20)));
        assertThat(clicked.status()).isEqualTo(PendingAction.Status.EXPIRED);
        assertThat(executor.executed).hasSize(1);
    }

    @Test
    void aFailedExecutionIsRecordedAndNotRetriedByASecondClick() {
        PendingActionStore store = store();
        PendingAction action = propose(store);
        executor.failure = new IllegalStateException("Slack: chat.postMessage failed: channel_not_found");

        PendingAction failed = store.approve(action.id(), "U999", NOW.plusSeconds(5));
        executor.failure = null;
        PendingAction again = store.approve(action.id(), "U999", NOW.plusSeconds(6));

        assertThat(failed.status()).isEqualTo(PendingAction.Status.FAILED);
        assertThat(failed.outcome()).contains("failed: Slack: chat.postMessage failed: channel_not_found");
        assertThat(again.status()).isEqualTo(PendingAction.Status.FAILED);
        assertThat(executor.executed).isEmpty();
    }

    @Test
    void unknownActionsAreAnError() {
        assertThatThrownBy(() -> store().approve("act_nope", "U1", NOW)).isInstanceOf(NoSuchElementException.class);
        assertThat(store().find("act_nope")).isEmpty();
    }
}
