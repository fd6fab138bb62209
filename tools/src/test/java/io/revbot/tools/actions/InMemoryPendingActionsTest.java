package io.revbot.tools.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryPendingActionsTest extends PendingActionsContract {
    private final InMemoryPendingActions shared = new InMemoryPendingActions(executor);

    @TempDir
    Path home;

    @Override
    PendingActionStore store() {
        return shared; // one process: "two processes" share the same memory
    }

    @Test
    void withAFileTheAuditTrailOutlivesTheProcess() {
        Path log = home.resolve("audit").resolve("pending-actions.jsonl");
        InMemoryPendingActions first = new InMemoryPendingActions(executor, Optional.of(log));
        PendingAction approved = first.create(
                new ActionRequest("slack_notification", "a", "U1", "slack:C1:1.2", "{}", Duration.ofMinutes(15)), NOW);
        PendingAction expired = first.create(
                new ActionRequest("slack_notification", "b", "U1", "slack:C1:1.2", "{}", Duration.ofMinutes(15)), NOW);
        first.approve(approved.id(), "U2", NOW.plusSeconds(1));
        first.expireDue(NOW.plus(Duration.ofMinutes(15)));

        InMemoryPendingActions restarted = new InMemoryPendingActions(executor, Optional.of(log));

        assertThat(restarted.auditTrail(approved.id())).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo("approved");
            assertThat(a.actor()).isEqualTo("U2");
            assertThat(a.at()).isEqualTo(NOW.plusSeconds(1));
            assertThat(a.status()).isEqualTo(PendingAction.Status.EXECUTED);
        });
        assertThat(restarted.auditTrail(expired.id()))
                .extracting(AuditRecord::decision)
                .containsExactly("expired");
    }

    @Test
    void theSweeperExpiresWhatIsDue() {
        PendingAction action = shared.create(
                new ActionRequest("slack_notification", "a", "U1", "slack:C1:1.2", "{}", Duration.ofMinutes(15)), NOW);
        PendingActionExpiry expiry = new PendingActionExpiry(
                shared,
                java.time.Clock.fixed(NOW.plus(Duration.ofHours(1)), java.time.ZoneOffset.UTC),
                Duration.ofMinutes(1));

        assertThat(expiry.sweep()).extracting(PendingAction::id).containsExactly(action.id());
        assertThat(shared.find(action.id()).orElseThrow().status()).isEqualTo(PendingAction.Status.EXPIRED);
    }
}
