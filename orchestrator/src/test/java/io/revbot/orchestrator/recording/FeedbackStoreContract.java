package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every feedback store promises, whatever keeps the clicks: run against the file beside the exports and
 * PostgreSQL. {@link #newStore()} gives stores over one shared storage, so a new instance stands for a new process.
 */
abstract class FeedbackStoreContract {
    static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    abstract FeedbackStore newStore();

    @Test
    void aClickIsFoundByItsRunFromAnotherStoreInstance() {
        String run = UUID.randomUUID().toString();
        newStore().record(new RunFeedback(run, RunFeedback.Value.NEGATIVE, "slack:T1:U1", AT));

        FeedbackStore later = newStore();
        assertThat(later.find(run)).hasValueSatisfying(f -> {
            assertThat(f.value()).isEqualTo(RunFeedback.Value.NEGATIVE);
            assertThat(f.user()).isEqualTo("slack:T1:U1");
            assertThat(f.at()).isEqualTo(AT);
        });
        assertThat(later.all()).containsKey(run);
        assertThat(later.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void aLaterClickReplacesTheEarlierOne() {
        String run = UUID.randomUUID().toString();
        FeedbackStore store = newStore();
        store.record(new RunFeedback(run, RunFeedback.Value.NEGATIVE, "slack:T1:U1", AT));
        store.record(new RunFeedback(run, RunFeedback.Value.POSITIVE, "slack:T1:U2", AT.plusSeconds(5)));

        assertThat(newStore().find(run)).hasValueSatisfying(f -> {
            assertThat(f.value()).isEqualTo(RunFeedback.Value.POSITIVE);
            assertThat(f.user()).isEqualTo("slack:T1:U2");
        });
        assertThat(newStore().all().keySet().stream().filter(run::equals)).hasSize(1);
    }
}
